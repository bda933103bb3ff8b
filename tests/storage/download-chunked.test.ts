// Downloads from a server that sends no Content-Length (chunked), as Kimchi reads them: the body is read to the end into
// a volume that grows, the Task counts bytes received with no total, and more than the pool's free space (a 2 MiB
// tmpfs pool of our own) fails the Task with a translated reason and deletes the volume.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { StoragePool } from '../../libvirt/index.ts';
import { buildStoragePoolXML } from '../../libvirt/xml/index.ts';
import { cloudKit, poolVolumes, type CloudKit } from '../cloudinit/kit.ts';
import { IMAGES, testName } from '../helpers/qemu.ts';

const SMALL = 'kimchi-test-compat3-';
let k: CloudKit;
let server: Server;
let base = '';
let image: Buffer;
let small: StoragePool | undefined;
let smallDir = '';
let release: () => void = () => undefined;

/** Unmount and remove tmpfs pools left by an earlier run of this file (never anything else). */
async function sweepSmall(): Promise<void> {
  for (const p of await k.conn.connectListAllStoragePools()) {
    if (p.name.startsWith(SMALL)) await k.conn.storagePoolDestroy(p).catch(() => undefined);
  }
  for (const d of readdirSync(IMAGES).filter((n) => n.startsWith(SMALL))) {
    try { execFileSync('umount', [join(IMAGES, d)], { stdio: 'ignore' }); } catch { /* not mounted */ }
    rmdirSync(join(IMAGES, d));
  }
}

test.before(async () => {
  k = await cloudKit();
  image = readFileSync(k.qcow2);
  await sweepSmall();
  const name = testName(SMALL);
  smallDir = join(IMAGES, name);
  mkdirSync(smallDir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2M,mode=0755', name, smallDir]);
  small = await k.conn.storagePoolCreateXML(buildStoragePoolXML({ type: 'dir', name, targetPath: smallDir }));
  server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' }); // no Content-Length: chunked
    if (req.url === '/slow.qcow2') {
      // The first 64 KiB, then the rest once the test has seen the Task count them.
      res.write(image.subarray(0, 65536));
      release = () => res.end(image.subarray(65536));
    } else if (req.url === '/big.raw') {
      const piece = Buffer.alloc(256 * 1024, 0x5a);
      for (let i = 0; i < 12; i++) res.write(piece); // 3 MiB into a 2 MiB pool
      res.end();
    } else res.end(image);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.after(async () => {
  server?.close();
  if (small) await k.conn.storagePoolDestroy(small).catch(() => undefined);
  await sweepSmall().catch(() => undefined);
  await k.cleanup();
});

const download = (pool: string, body: unknown, lang?: string) => k.send('POST', `/api/storagepools/${pool}/downloads`, body, lang);

test('a chunked answer is read to the end: the Task counts bytes received (no total) and the volume holds the file', async () => {
  const before = await poolVolumes(k);
  const r = await download(k.pool.name, { url: `${base}/slow.qcow2` });
  assert.is(r.status, 202, JSON.stringify(r.body));
  let seen = (await k.send('GET', `/api/tasks/${r.body.id}`)).body;
  while (seen.status === 'running' && !(Number(seen.message) > 0)) {
    await new Promise((res) => setTimeout(res, 50));
    seen = (await k.send('GET', `/api/tasks/${r.body.id}`)).body;
  }
  assert.equal([seen.status, /^\d+$/.test(seen.message)], ['running', true], `mid-way: ${JSON.stringify(seen)}`);
  assert.ok(Number(seen.message) <= 65536, 'no more than was sent so far');
  release();
  const done = await k.settle(r.body.id);
  assert.equal([done.status, done.message], ['finished', String(image.length)]);
  assert.ok(readFileSync(join(k.poolDir, 'slow.qcow2')).equals(image), 'the bytes arrived whole');
  const vol = await k.send('GET', `/api/storagepools/${k.pool.name}/storagevolumes/slow.qcow2`);
  assert.equal([vol.status, vol.body.format, vol.body.capacity], [200, 'qcow2', 64 * 1024 ** 2], 'libvirt reads the qcow2 header');
  assert.is((await k.send('DELETE', `/api/storagepools/${k.pool.name}/storagevolumes/slow.qcow2`)).status, 204);
  assert.equal(await poolVolumes(k), before);
});

test('a chunked answer bigger than the pool\'s free space fails the Task, translated, and the volume is deleted', async () => {
  const r = await download(small!.name, { url: `${base}/big.raw` });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.is(done.status, 'failed');
  assert.is(done.message, `${base}/big.raw sent more than the 2097152 bytes free in the storage pool ${small!.name}; the volume big.raw was deleted.`);
  const pt = await k.send('GET', `/api/tasks/${r.body.id}`, undefined, 'pt-BR');
  assert.match(pt.body.message, `${base}/big.raw enviou mais que os 2097152 bytes livres`);
  await k.conn.storagePoolRefresh(small!);
  assert.equal((await k.conn.storagePoolListAllVolumes(small!)).map((v) => v.name), [], 'no volume left');
  assert.not.ok(existsSync(join(smallDir, 'big.raw')), 'no file left');

  // The pool is whole again: a file that fits arrives.
  const fits = await download(small!.name, { url: `${base}/fits.qcow2` });
  assert.is((await k.settle(fits.body.id)).status, 'finished');
  assert.ok(readFileSync(join(smallDir, 'fits.qcow2')).equals(image));
});

test.run();
