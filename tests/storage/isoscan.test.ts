// ISO scans: a deep scan of 10,000 small files finds exactly the generated ISOs (symlink loops and all), a rescan is
// answered from the cache, a shallow scan runs over the well-known folders, and stop ends a scan within a second.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, makeApp, type TestApp } from '../helpers/app.ts';
import { makeIso } from '../helpers/iso.ts';

let t: TestApp;
const root = mkdtempSync(join(tmpdir(), 'kimchi-test-storage-isos-'));
const isos: string[] = [];

test.before(async () => {
  t = await makeApp();
  for (let d = 0; d < 100; d++) {
    const dir = join(root, `d${d % 10}`, `e${d}`);
    await mkdir(dir, { recursive: true });
    await Promise.all(Array.from({ length: 100 }, (_, i) => writeFile(join(dir, `f${i}.txt`), `file ${d}/${i}\n`)));
  }
  const fedora = await makeIso({ volumeId: 'Fedora-WS-Live-40-1-14', files: { '.treeinfo': '[general]\nfamily = Fedora\nversion = 40\n' } });
  const plain = await makeIso({ volumeId: 'MY_DATA' });
  try {
    for (const [src, dest] of [[fedora.path, 'd1/e11/fedora.iso'], [plain.path, 'd3/e33/data.img'], [plain.path, 'd9/e99/deep/er/copy.ISO']]) {
      await mkdir(join(root, dest, '..'), { recursive: true });
      await copyFile(src, join(root, dest));
      isos.push(join(root, dest));
    }
  } finally {
    await fedora.cleanup();
    await plain.cleanup();
  }
  await writeFile(join(root, 'd2', 'fake.iso'), Buffer.alloc(64 * 1024, 7)); // named .iso, not an ISO
  await symlink(root, join(root, 'd4', 'loop')); // a loop back to the top
  await symlink('/proc', join(root, 'd5', 'proc')); // never followed
});
test.after(async () => {
  await t.cleanup();
  await rm(root, { recursive: true, force: true });
});

const send = (method: string, path: string, body?: unknown) => json(t.app.request(path, {
  method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
}));

async function finished(id: string, limitMs = 60_000): Promise<any> {
  const end = Date.now() + limitMs;
  for (;;) {
    const r = await send('GET', `/api/isoscans/${id}`);
    if (r.body.task?.status !== 'running' || Date.now() > end) return r.body;
    await new Promise((res) => setTimeout(res, 25));
  }
}

test('a deep scan of 10,000 small files finds exactly the ISO images, by content, following no loop', async () => {
  const t0 = Date.now();
  const r = await send('POST', '/api/isoscans', { type: 'deep', paths: [root] });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const scan = await finished(r.body.id);
  const ms = Date.now() - t0;
  assert.equal(scan.task.status, 'finished', JSON.stringify(scan.task));
  assert.equal(scan.isos.map((i: { path: string }) => i.path).sort(), [...isos].sort());
  assert.ok(scan.files >= 10_001, `${scan.files} files`);
  const fedora = scan.isos.find((i: { path: string }) => i.path.endsWith('fedora.iso'));
  assert.equal([fedora.volume_id, fedora.os_distro], ['Fedora-WS-Live-40-1-14', 'fedora']);
  // Again: every file unchanged, the ISOs come from the cache.
  const t1 = Date.now();
  const again = await finished((await send('POST', '/api/isoscans', { type: 'deep', paths: [root] })).body.id);
  assert.equal(again.isos.length, 3);
  console.log(`deep scan of ${scan.files} files: ${ms} ms, rescan ${Date.now() - t1} ms`);
});

test('a shallow scan looks at the default pool folder and the well-known ISO folders that exist', async () => {
  const r = await send('POST', '/api/isoscans', { type: 'shallow' });
  assert.equal(r.status, 202);
  const scan = await finished(r.body.id);
  assert.equal(scan.task.status, 'finished');
  for (const p of scan.paths) assert.ok(['/var/lib/libvirt/images', '/var/lib/kimchi/isos'].includes(p) || p.endsWith('/Downloads'), p);
});

test('stop ends a running deep scan within a second, keeping its findings; bad input is refused', async () => {
  const r = await send('POST', '/api/isoscans', { type: 'deep', paths: ['/usr'] });
  await new Promise((res) => setTimeout(res, 150));
  const t0 = Date.now();
  const stopped = await send('POST', `/api/isoscans/${r.body.id}/stop`);
  assert.equal([stopped.status, stopped.body.stop_requested], [200, true]);
  const scan = await finished(r.body.id, 5000);
  const ms = Date.now() - t0;
  assert.equal(scan.task.status, 'finished');
  assert.match(scan.task.message, /^stopped after \d+ files/);
  assert.ok(ms < 1000, `stopped in ${ms} ms`);
  assert.equal((await send('POST', `/api/isoscans/${r.body.id}/stop`)).body.code, 'KCHISO0003E');
  assert.equal((await send('GET', '/api/isoscans/999999')).status, 404);
  assert.equal((await send('POST', '/api/isoscans', { type: 'deep' })).status, 400);
  assert.equal((await send('POST', '/api/isoscans', { type: 'deep', paths: ['/no/such/dir'] })).body.code, 'KCHISO0002E');
  assert.equal((await send('POST', '/api/isoscans', { type: 'deep', paths: ['rel'] })).status, 400);
});

test.run();
