// ISOs the pools already hold (issue 11): GET /isos lists them with their OS and osinfo-db's recommendations, inspect
// reads one host file, and a shallow scan finds an ISO in any active pool — not only in `default`'s folder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildStoragePoolXML, buildStorageVolXML } from '../../libvirt/xml/index.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';
import { makeIso, tempDir } from '../helpers/iso.ts';

let t: TestApp;
let dir: { dir: string; cleanup: () => Promise<void> };
let inactive: { dir: string; cleanup: () => Promise<void> };

test.before(async () => {
  t = await makeApp();
  dir = await tempDir('kimchi-test-isomedia-');
  inactive = await tempDir('kimchi-test-isomedia-off-');
  const fedora = await makeIso({ volumeId: 'Fedora-WS-Live-37-1-7' });
  try {
    await copyFile(fedora.path, join(dir.dir, 'Fedora-37.iso'));
    await copyFile(fedora.path, join(dir.dir, 'labelled.img')); // an ISO without the .iso name: libvirt says format iso
    await copyFile(fedora.path, join(inactive.dir, 'hidden.iso'));
  } finally {
    await fedora.cleanup();
  }
  await writeFile(join(dir.dir, 'notes.iso'), Buffer.alloc(64 * 1024, 7)); // named .iso, not an ISO
  const c = t.client.connection;
  // The test driver keeps volumes as records: each is made under the pool's folder, where the real file already is.
  const pool = await c.storagePoolCreateXML(buildStoragePoolXML({ type: 'dir', name: 'isos', targetPath: dir.dir }));
  for (const [name, format] of [['Fedora-37.iso', 'raw'], ['labelled.img', 'iso'], ['notes.iso', 'raw']]) {
    await c.storageVolCreateXML(pool, buildStorageVolXML({ name, capacityBytes: 1 << 20, format }));
  }
  await c.storagePoolDefineXML(buildStoragePoolXML({ type: 'dir', name: 'off', targetPath: inactive.dir }));
});
test.after(async () => {
  await t.cleanup();
  await dir.cleanup();
  await inactive.cleanup();
});

const get = (path: string, lang = 'en-US') => json(t.app.request(path, { headers: { 'Accept-Language': lang } }));
const send = (method: string, path: string, body?: unknown) => json(t.app.request(path, {
  method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
}));

test('GET /isos lists the ISOs of active pools by content, with the OS and its recommended memory, vCPUs and disk', async () => {
  const r = await get('/api/isos');
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.map((m: { pool: string; volume: string }) => `${m.pool}/${m.volume}`), ['isos/Fedora-37.iso', 'isos/labelled.img']);
  const f = r.body[0];
  assert.equal([f.path, f.os_distro, f.os_version, f.os_name, f.volume_id], [join(dir.dir, 'Fedora-37.iso'), 'fedora', '37', 'Fedora Linux 37', 'Fedora-WS-Live-37-1-7']);
  assert.equal(f.recommended, { memory: 2048, cpus: 1, disk: 20 });
});

test('GET /isos/inspect reads one host file; a file that is not an ISO is a translated 400', async () => {
  const ok = await get(`/api/isos/inspect?path=${encodeURIComponent(join(inactive.dir, 'hidden.iso'))}`);
  assert.equal([ok.status, ok.body.os_distro, ok.body.pool], [200, 'fedora', undefined]);
  const bad = await get(`/api/isos/inspect?path=${encodeURIComponent(join(dir.dir, 'notes.iso'))}`, 'pt-BR');
  assert.equal([bad.status, bad.body.code], [400, 'KCHISO0004E']);
  assert.match(bad.body.reason, /não é uma imagem ISO/);
  assert.is((await get('/api/isos/inspect?path=relative.iso')).status, 400);
  assert.is((await get(`/api/isos/inspect?path=${encodeURIComponent(dir.dir)}`)).body.code, 'KCHISO0004E');
});

test('a shallow scan looks in every active pool\'s folder and finds the ISOs there (not the inactive pool\'s)', async () => {
  const r = await send('POST', '/api/isoscans', { type: 'shallow' });
  assert.is(r.status, 202);
  let scan = r.body;
  for (let i = 0; i < 400 && scan.task?.status === 'running'; i++) {
    await new Promise((res) => setTimeout(res, 25));
    scan = (await get(`/api/isoscans/${scan.id}`)).body;
  }
  assert.is(scan.task.status, 'finished');
  assert.ok(scan.paths.includes(dir.dir), `scanned ${scan.paths.join(', ')}`);
  assert.not.ok(scan.paths.includes(inactive.dir), 'an inactive pool is not scanned');
  const found = scan.isos.map((i: { path: string }) => i.path);
  assert.ok(found.includes(join(dir.dir, 'Fedora-37.iso')), `found ${found.join(', ')}`);
  assert.ok(found.includes(join(dir.dir, 'labelled.img')));
  assert.not.ok(found.includes(join(dir.dir, 'notes.iso')));
});

test.run();
