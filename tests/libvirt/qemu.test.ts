// The QEMU/KVM truth suite: a tiny real VM (qcow2, no NIC, VNC on localhost) and volume streams on qemu:///system.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, DomainState, DomainStatsTypes, type Connection, type Domain, type StoragePool } from '../../libvirt/index.ts';
import { buildDomainXML, buildStorageVolXML, parseDomainXML } from '../../libvirt/xml/index.ts';
import { createPool, imageSize, QEMU_URI, removeDomain, removePool, sweep, testName, tinyVM } from '../helpers/qemu.ts';

// Our own prefix, so a sweep never touches another suite's kimchi-test- objects running at the same time.
const PREFIX = 'kimchi-test-qemu-';

async function withPool(fn: (c: Connection, pool: StoragePool) => Promise<void>): Promise<void> {
  const c = await connect(QEMU_URI);
  let pool: StoragePool | undefined;
  try {
    pool = await createPool(c, testName(PREFIX));
    await fn(c, pool);
  } finally {
    if (pool) await removePool(c, pool);
    await c.close();
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Poll `fn` until it returns a value (not undefined) or `ms` pass; the last error is rethrown. */
async function eventually<T>(fn: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) { last = e; }
    await sleep(200);
  }
  throw last instanceof Error ? last : new Error(`timed out waiting for ${what}`);
}

test.before(async () => {
  const c = await connect(QEMU_URI);
  try {
    const left = await sweep(c, PREFIX);
    if (left.length) console.log(`# swept leftovers: ${left.join(', ')}`);
  } finally {
    await c.close();
  }
});

test('a tiny KVM guest defines, starts, reports stats, shows its screen, stops and undefines', () => withPool(async (c, pool) => {
  const vol = await c.storageVolCreateXML(pool, buildStorageVolXML({ name: 'disk.qcow2', capacityBytes: 64 * 1024 * 1024, format: 'qcow2' }));
  const name = testName(PREFIX);
  let dom: Domain | undefined;
  try {
    dom = await c.domainDefineXML(buildDomainXML(tinyVM(name, pool.name, vol.name)));
    const defined = parseDomainXML(await c.domainGetXMLDesc(dom, 0));
    assert.is(defined.name, name);
    assert.is(defined.devices.interfaces.length, 0, 'no network interface');
    assert.is(defined.devices.disks[0]?.source?.volume, 'disk.qcow2');

    dom = await c.domainCreate(dom);
    assert.ok(dom.id > 0, `a running domain has an id (got ${dom.id})`);
    const live = parseDomainXML(await c.domainGetXMLDesc(dom, 0));
    assert.ok((live.devices.graphics[0]?.port ?? 0) >= 5900, 'VNC got a real port');
    assert.is(live.devices.graphics[0]?.listen, '127.0.0.1');

    const stats = await eventually(async () => {
      const [rec] = await c.connectGetAllDomainStats(DomainStatsTypes.STATE | DomainStatsTypes.CPU_TOTAL, 0, [dom!]);
      return rec && (rec.stats['cpu.time'] as bigint) > 0n ? rec : undefined;
    }, 10_000, 'cpu.time > 0');
    assert.is(stats.dom.name, name);
    assert.is(stats.stats['state.state'], DomainState.RUNNING);
    assert.is(typeof stats.stats['cpu.time'], 'bigint');

    // The firmware needs a moment to draw; wait for a frame with something on it.
    const shot = await eventually(async () => {
      const { mime, stream } = await c.domainScreenshot(dom!);
      const bytes = await readAll(stream);
      const size = imageSize(bytes);
      return size.lit ? { mime, bytes, ...size } : undefined;
    }, 15_000, 'a non-blank screenshot');
    console.log(`# screenshot ${shot.mime} ${shot.width}x${shot.height}`);
    assert.ok(shot.mime === 'image/x-portable-pixmap' || shot.mime === 'image/png', `mime ${shot.mime}`);
    assert.is(shot.format, shot.mime === 'image/png' ? 'png' : 'ppm', 'the bytes are what the mime type says');
    // VGA text mode (SeaBIOS, "No bootable device") is 720x400; graphics modes are the usual VESA sizes.
    assert.ok(['720x400', '640x480', '800x600', '1024x768', '1280x800'].includes(`${shot.width}x${shot.height}`),
      `a VGA display size, got ${shot.width}x${shot.height}`);

    await c.domainDestroy(dom);
    assert.is((await c.domainGetState(dom)).state, DomainState.SHUTOFF);
    await c.domainUndefine(dom);
    dom = undefined;
    assert.not.ok((await c.connectListAllDomains()).some((d) => d.name === name), 'gone from the domain list');
  } finally {
    if (dom) await removeDomain(c, dom);
  }
}));

test('a volume uploaded with random bytes downloads back byte for byte', () => withPool(async (c, pool) => {
  const size = 3 * 1024 * 1024 + 4099; // not a multiple of the packet size
  const data = randomBytes(size);
  const vol = await c.storageVolCreateXML(pool, buildStorageVolXML({ name: 'blob.raw', capacityBytes: size, format: 'raw' }));
  // Bulk transfers get their own connection (a lagging reader pauses the shared socket).
  const bulk = await connect(QEMU_URI);
  try {
    const slices = function* () { for (let o = 0; o < size; o += 500_000) yield data.subarray(o, o + 500_000); };
    await pipeline(Readable.from(slices()), await bulk.storageVolUpload(vol, 0, size));
    const got = await readAll(await bulk.storageVolDownload(vol, 0, size));
    assert.is(got.length, size);
    assert.ok(got.equals(data), 'downloaded bytes equal the uploaded ones');
    assert.is((await c.storageVolGetInfo(vol)).capacity, size);
  } finally {
    await bulk.close();
  }
}));

test('nothing with the test prefix is left behind', async () => {
  const c = await connect(QEMU_URI);
  try {
    assert.equal((await c.connectListAllDomains()).filter((d) => d.name.startsWith(PREFIX)).map((d) => d.name), []);
    assert.equal((await c.connectListAllStoragePools()).filter((p) => p.name.startsWith(PREFIX)).map((p) => p.name), []);
  } finally {
    await c.close();
  }
});

test.run();
