// The two-host testbed as migration tests use it: one app per host over a shared HostDirectory and SQLite file,
// pools both daemons see (a shared dir) or each its own (/var/lib/libvirt/images), tiny KVM guests, full cleanup.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import type { HostConnection, HostDirectory } from '../../handlers/common/hosts.ts';
import { DomainUndefineFlags, LibvirtClient, type Connection, type Domain, type StoragePool, type StorageVol } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { sender, silent } from '../helpers/app.ts';
import { twoHosts, type Testbed } from '../helpers/two-hosts.ts';

export const PREFIX = 'kimchi-test-migrate-';
export const DIR = '/var/tmp/kimchi-ksm';
export const SHARED_POOL = `${PREFIX}shared`;
export const LOCAL_POOL = `${PREFIX}images`;
const MiB = 1024 * 1024;

/**
 * A boot sector that first copies itself to sector 1 (a mark the test waits for: the guest runs) and then rewrites
 * 512 KiB of low memory forever, so a migration capped at 1 MiB/s never converges and is still running when aborted.
 * Real mode: es=0 bx=7c00 ax=0301 cx=0002 dh=0 int 13h; then cli; loop: inc bx; for dx = 1000h..8000h: es=dx,
 * di=0, ax=bx, cx=8000h, rep stosw.
 */
const DIRTIER = Buffer.from('31c08ec0bb007cb80103b90200b600cd13fa31db43ba00108ec231ff89d8b90080f3ab81c2001081fa009072ebebe5', 'hex');
export function bootSector(): Buffer {
  const mbr = Buffer.alloc(512);
  DIRTIER.copy(mbr);
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  return mbr;
}

export interface Side { name: 'a' | 'b'; client: LibvirtClient; conn: Connection; app: ReturnType<typeof createApp>; send: ReturnType<typeof sender> }
export interface Bed { tb: Testbed; a: Side; b: Side; store: Store; events: EventBus; hosts: HostDirectory; close(): Promise<void> }

function hostOf(name: string, uri: string, migrationUri: string, client: LibvirtClient): HostConnection {
  return {
    name, uri, migrationUri, libvirt: client,
    sanity: { current: () => null, recheck: async () => null },
    state: () => (client.connected ? { status: 'connected' } : { status: 'failing', reason: `libvirtd at ${uri} is not reachable` }),
  };
}

export async function openBed(): Promise<Bed> {
  const tb = twoHosts({ prefix: 'ksm', dir: DIR, net: '10.250.16' });
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-migrate-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const events = new EventBus();
  const ca = new LibvirtClient({ uri: tb.aUri, backoff: { initialMs: 100, maxMs: 500 } });
  const cb = new LibvirtClient({ uri: tb.bUri, backoff: { initialMs: 100, maxMs: 500 } });
  await Promise.all([ca.open(), cb.open()]);
  const list = [hostOf('a', tb.aUri, tb.aTcp, ca), hostOf('b', tb.bUri, tb.bTcp, cb)];
  const hosts: HostDirectory = { get: (n) => list.find((h) => h.name === n), list: () => list };
  const side = (name: 'a' | 'b', client: LibvirtClient): Side => {
    const app = createApp({ libvirt: client, db: store.db, sanity: list[0]!.sanity, events, logger: silent, version: 'test', hosts, host: name });
    return { name, client, get conn() { return client.connection; }, app, send: sender(app) };
  };
  const bed: Bed = {
    tb, store, events, hosts, a: side('a', ca), b: side('b', cb),
    async close() {
      for (const s of [bed.a, bed.b]) await sweep(s.client.connection).catch(() => undefined);
      events.close();
      await Promise.all([ca.close(), cb.close()]);
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const s of [bed.a, bed.b]) {
    await sweep(s.conn);
    await s.conn.storagePoolCreateXML(poolXml(SHARED_POOL, `${DIR}/shared`));
    await s.conn.storagePoolCreateXML(poolXml(LOCAL_POOL, '/var/lib/libvirt/images'));
  }
  return bed;
}

const poolXml = (name: string, path: string) => `<pool type='dir'><name>${name}</name><target><path>${path}</path></target></pool>`;

/** Every domain and volume named kimchi-test-migrate-… and our two pools, gone. */
export async function sweep(c: Connection): Promise<void> {
  for (const dom of await c.connectListAllDomains()) {
    if (!dom.name.startsWith(PREFIX)) continue;
    await c.domainDestroy(dom).catch(() => undefined);
    await c.domainUndefine(dom, DomainUndefineFlags.NVRAM).catch(() => undefined);
  }
  for (const pool of await c.connectListAllStoragePools()) {
    if (!pool.name.startsWith(PREFIX)) continue;
    await c.storagePoolRefresh(pool).catch(() => undefined);
    for (const v of await c.storagePoolListAllVolumes(pool).catch(() => [])) {
      if (v.name.startsWith(PREFIX)) await c.storageVolDelete(v).catch(() => undefined);
    }
    await c.storagePoolDestroy(pool).catch(() => undefined);
  }
}

export interface Guest { name: string; dom: Domain; vol: StorageVol; path: string }

/**
 * A running 64 MiB KVM guest on `s` with one disk in `pool`, no NIC (unless `network`): a zeroed qcow2, or with
 * `dirty` a 1 MiB raw disk holding the boot sector above (resolves once the guest has marked its disk), plus
 * `fillMiB` MiB of random data.
 */
export async function guest(s: Side, pool: string, suffix: string, opts: { dirty?: boolean; network?: string; fillMiB?: number } = {}): Promise<Guest> {
  const c = s.conn;
  const name = `${PREFIX}${suffix}`;
  const format = opts.dirty ? 'raw' : 'qcow2';
  const fill = opts.dirty ? (opts.fillMiB ?? 0) * MiB : 0;
  const p: StoragePool = await c.storagePoolLookupByName(pool);
  const vol = await c.storageVolCreateXML(p, `<volume><name>${name}.${format === 'raw' ? 'img' : 'qcow2'}</name><capacity>${opts.dirty ? MiB + fill : 64 * MiB}</capacity><target><format type='${format}'/></target></volume>`);
  const path = await c.storageVolGetPath(vol);
  if (opts.dirty) {
    const w = await c.storageVolUpload(vol, 0, 512);
    await new Promise<void>((ok, ko) => { w.on('error', ko); w.end(bootSector(), () => ok()); });
  }
  if (fill) {
    // Random bytes after the first MiB: data a disk copy must really move.
    const w = await c.storageVolUpload(vol, MiB, fill);
    await new Promise<void>((ok, ko) => { w.on('error', ko); w.end(randomBytes(fill), () => ok()); });
  }
  const nic = opts.network ? `<interface type='network'><source network='${opts.network}'/><model type='virtio'/></interface>` : '';
  const xml = `<domain type='kvm'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>`
    + `<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os><devices>`
    + `<disk type='file' device='disk'><driver name='qemu' type='${format}' cache='none'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>`
    + `${nic}<memballoon model='none'/></devices></domain>`;
  const dom = await c.domainCreate(await c.domainDefineXML(xml));
  if (opts.dirty) await until(async () => (await readBytes(c, vol, 512, 512)).equals(bootSector()), 60_000, 'the guest to run its boot sector');
  return { name, dom, vol, path };
}

export async function readBytes(c: Connection, vol: StorageVol, offset: number, length: number): Promise<Buffer> {
  const r = await c.storageVolDownload(vol, offset, length);
  const chunks: Buffer[] = [];
  for await (const chunk of r) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Poll `ok` every 200 ms until it holds; throws naming `what` after `ms`. */
export async function until(ok: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await ok()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The guest's state on a host by name, or null when that host has no such domain. */
export async function stateOn(c: Connection, name: string): Promise<number | null> {
  const dom = await c.domainLookupByName(name).catch(() => null);
  return dom ? (await c.domainGetState(dom)).state : null;
}

/** Whether a pool of `c` holds a volume with this name (after a refresh). */
export async function hasVolume(c: Connection, pool: string, name: string): Promise<boolean> {
  const p = await c.storagePoolLookupByName(pool);
  await c.storagePoolRefresh(p);
  return (await c.storagePoolListAllVolumes(p)).some((v) => v.name === name);
}

/** Wait for a task to leave `running`; returns its final view. */
export async function settle(s: Side, id: string, ms = 120_000): Promise<any> {
  let last: any;
  await until(async () => { last = (await s.send('GET', `/api/tasks/${id}`)).body; return last.status !== 'running'; }, ms, `task ${id}`);
  return last;
}
