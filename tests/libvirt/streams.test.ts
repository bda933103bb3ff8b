// Volume upload and download through libvirt streams on the real daemon (a throwaway dir pool, no VMs).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { connect, LibvirtError, type Connection, type StoragePool } from '../../libvirt/index.ts';

async function withPool(fn: (c: Connection, pool: StoragePool) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-pool-'));
  const c = await connect('qemu:///system');
  let pool: StoragePool | undefined;
  try {
    const name = `kimchi-test-${randomUUID().slice(0, 8)}`;
    pool = await c.storagePoolCreateXML(`<pool type="dir"><name>${name}</name><target><path>${dir}</path></target></pool>`);
    await fn(c, pool);
  } finally {
    if (pool) {
      for (const v of await c.storagePoolListAllVolumes(pool).catch(() => [])) await c.storageVolDelete(v).catch(() => {});
      await c.storagePoolDestroy(pool).catch(() => {});
    }
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const volXML = (name: string, bytes: number) =>
  `<volume><name>${name}</name><capacity unit="bytes">${bytes}</capacity><target><format type="raw"/></target></volume>`;

test('uploaded bytes download back identical (several MiB, many packets)', () => withPool(async (c, pool) => {
  const size = 5 * 1024 * 1024 + 123;
  const data = randomBytes(size);
  const vol = await c.storageVolCreateXML(pool, volXML('up.img', size));
  const up = await c.storageVolUpload(vol, 0, size);
  // Feed in uneven slices so chunking and back-pressure are exercised.
  const slices = function* () { for (let o = 0; o < size; o += 700_001) yield data.subarray(o, o + 700_001); };
  await pipeline(Readable.from(slices()), up);
  const down = await c.storageVolDownload(vol, 0, size);
  const chunks: Buffer[] = [];
  for await (const chunk of down) chunks.push(chunk as Buffer);
  const got = Buffer.concat(chunks);
  assert.is(got.length, size);
  assert.ok(got.equals(data), 'bytes match');
  assert.ok((await c.connectGetHostname()).length > 0, 'connection usable after both streams');
}));

test('a partial download honours offset and length', () => withPool(async (c, pool) => {
  const data = randomBytes(64 * 1024);
  const vol = await c.storageVolCreateXML(pool, volXML('part.img', data.length));
  await pipeline(Readable.from([data]), await c.storageVolUpload(vol));
  const down = await c.storageVolDownload(vol, 1000, 5000);
  const chunks: Buffer[] = [];
  for await (const chunk of down) chunks.push(chunk as Buffer);
  assert.ok(Buffer.concat(chunks).equals(data.subarray(1000, 6000)));
}));

test('a slow reader holds a download back: the socket stops being read instead of the bytes piling up in memory', () => withPool(async (c, pool) => {
  const size = 12 * 1024 * 1024;
  const data = randomBytes(size);
  const vol = await c.storageVolCreateXML(pool, volXML('slow.img', size));
  await pipeline(Readable.from([data]), await c.storageVolUpload(vol, 0, size));
  const down = await c.storageVolDownload(vol, 0, size);
  const chunks: Buffer[] = [];
  let mostBuffered = 0;
  const slow = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      mostBuffered = Math.max(mostBuffered, down.readableLength);
      setTimeout(done, 10); // a consumer far slower than the unix socket
    },
  });
  await pipeline(down, slow);
  assert.ok(Buffer.concat(chunks).equals(data), 'every byte arrives after the pauses');
  // The stream's high-water mark is 1 MiB; a packet or two in flight may land on top of it, never the whole file.
  assert.ok(mostBuffered < 3 * 1024 * 1024, `at most ${mostBuffered} bytes waited in the stream`);
}));

test('a download destroyed early aborts the stream and leaves the connection usable', () => withPool(async (c, pool) => {
  const size = 4 * 1024 * 1024;
  const vol = await c.storageVolCreateXML(pool, volXML('abort.img', size));
  const down = await c.storageVolDownload(vol);
  await new Promise<void>((resolve) => down.once('data', () => { down.destroy(); resolve(); }));
  assert.ok((await c.storagePoolIsActive(pool)), 'connection still answers');
}));

test('an upload to a missing volume fails with a LibvirtError', () => withPool(async (c, pool) => {
  const ghost = { pool: pool.name, name: 'ghost.img', key: '/nonexistent/ghost.img' };
  try {
    await c.storageVolUpload(ghost);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, LibvirtError);
  }
}));

test.run();
