// A VM's devices, snapshots and screen on QEMU/KVM, for truth: a tiny running q35 guest gets a CD-ROM attached live
// through the API, its SATA CD-ROM medium inserted,
// changed and ejected live, a virtio disk hot-plugged and removed, a SATA disk saved for the next boot, a NIC on an
// isolated network attached, moved to another network and back live, its model changed for the next boot, detached;
// a qcow2 snapshot taken, reverted to and deleted; a PNG screenshot.
// The guest runs only firmware, which never acknowledges an ACPI unplug; QEMU's native PCIe hotplug (ACPI hotplug off
// on the ICH9 bridge) lets an empty-slot device go at once, as a real guest would let it. Everything kimchi-test-dev-*
// (domains, pools, image dirs, the network) is removed in finally.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile as execFileCb } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { hostAddresses, hostRoutes, overlaps, parseSubnet, subnetOf } from '../../handlers/networks/subnet.ts';
import { DomainXMLFlags, LibvirtError, LibvirtClient, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { buildDomainXML, buildNetworkXML, buildStorageVolXML, el, parseDomainXML, parseNetworkXML, updateDomainXML, type XElement } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from '../helpers/app.ts';
import { createPool, IMAGES, imageSize, QEMU_URI, removePool, sweep, testName, tinyVM } from '../helpers/qemu.ts';

const execFile = promisify(execFileCb);
const PREFIX = 'kimchi-test-dev-';
const NETWORK = 'kimchi-test-dev-net';

interface World { app: ReturnType<typeof createApp>; conn: Connection; pool: StoragePool; poolDir: string; store: Store; vm: string }

async function removeNetwork(c: Connection): Promise<void> {
  const net = await c.networkLookupByName(NETWORK).catch(() => undefined);
  if (!net) return;
  await c.networkDestroy(net).catch(() => {});
  await c.networkUndefine(net).catch(() => {});
}

/** A running q35 guest: the tiny VM plus an empty SATA CD-ROM drive, a virtio-scsi controller and spare PCIe root ports for hot-plug. */
function q35Xml(name: string, pool: string, volume: string): string {
  const m = tinyVM(name, pool, volume);
  m.os.machine = 'q35';
  m.devices.disks.push({ type: 'file', device: 'cdrom', driver: { name: 'qemu', type: 'raw' }, target: { dev: 'sda', bus: 'sata' }, readonly: true });
  return updateDomainXML(buildDomainXML(m), (_m, root: XElement) => {
    const devices = root.children.find((c): c is XElement => 'name' in c && c.name === 'devices')!;
    devices.children.push(el('controller', { type: 'pci', index: 0, model: 'pcie-root' }));
    for (let i = 1; i <= 8; i++) devices.children.push(el('controller', { type: 'pci', index: i, model: 'pcie-root-port' }));
    devices.children.push(el('controller', { type: 'scsi', index: 0, model: 'virtio-scsi' })); // for a CD-ROM plugged in live
    root.attrs['xmlns:qemu'] = 'http://libvirt.org/schemas/domain/qemu/1.0';
    root.children.push(el('qemu:commandline', {}, [
      el('qemu:arg', { value: '-global' }), el('qemu:arg', { value: 'ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off' }),
    ]));
  });
}

async function withWorld(fn: (w: World) => Promise<void>, start = true): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-dev-qemu-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const events = new EventBus();
  let pool: StoragePool | undefined;
  try {
    const conn = await client.open();
    pool = await createPool(conn, testName(PREFIX));
    const vol = await conn.storageVolCreateXML(pool, buildStorageVolXML({ name: 'disk.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
    const vm = testName(PREFIX);
    await conn.domainDefineXML(q35Xml(vm, pool.name, vol.name));
    const sanity = { current: () => null, recheck: async () => null };
    const app = createApp({ libvirt: client, db: store.db, sanity, events, logger: silent, version: 'test' });
    if (start) assert.is((await json(app.request(`/api/vms/${vm}/start`, { method: 'POST' }))).body.state, 'running');
    await fn({ app, conn, pool, poolDir: join(IMAGES, pool.name), store, vm });
  } finally {
    const conn = client.connected ? client.connection : undefined;
    if (conn) {
      await sweep(conn, PREFIX).catch(() => {});
      if (pool) await removePool(conn, pool);
      await removeNetwork(conn);
    }
    events.close();
    await client.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const call = (app: World['app'], method: string, path: string, body?: unknown) => json(app.request(path, {
  method, ...(body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
}));

/** The live and saved disks/NICs libvirt itself reports. */
async function defs(w: World) {
  const dom = await w.conn.domainLookupByName(w.vm);
  const [live, saved] = await Promise.all([w.conn.domainGetXMLDesc(dom, 0), w.conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE)].map(async (x) => parseDomainXML(await x)));
  return { live: live!.devices, saved: saved!.devices };
}
const diskOf = (devs: { disks: { target: { dev: string }; source?: { file?: string } }[] }, dev: string) => devs.disks.find((d) => d.target.dev === dev);

test.before(async () => {
  const client = new LibvirtClient({ uri: QEMU_URI });
  try { const c = await client.open(); await sweep(c, PREFIX); await removeNetwork(c); } finally { await client.close(); }
});

test('CD-ROM medium inserted, changed and ejected live; a virtio disk hot-plugged and removed; SATA waits for the next boot', () => withWorld(async (w) => {
  const { app, conn, pool, poolDir, vm } = w;
  for (const label of ['A', 'B']) await execFile('xorriso', ['-as', 'mkisofs', '-quiet', '-V', `KIMCHI_${label}`, '-o', join(poolDir, `${label}.iso`), '/etc/hostname']);
  await conn.storagePoolRefresh(pool);
  const base = `/api/vms/${vm}/storages`;
  let r = await call(app, 'GET', base);
  assert.equal(r.body.map((s: { dev: string; type: string; bus: string; path: string | null; pending: boolean }) => [s.dev, s.type, s.bus, s.path, s.pending]),
    [['vda', 'disk', 'virtio', join(poolDir, 'disk.qcow2'), false], ['sda', 'cdrom', 'sata', null, false]]);
  assert.equal([r.body[0].pool, r.body[0].vol, r.body[0].format], [pool.name, 'disk.qcow2', 'qcow2']);

  for (const iso of ['A.iso', 'B.iso']) {
    r = await call(app, 'PUT', `${base}/sda`, { path: join(poolDir, iso) });
    assert.equal([r.status, r.body.path, r.body.vol, r.body.pending], [200, join(poolDir, iso), iso, false], JSON.stringify(r.body));
    const d = await defs(w);
    assert.is(diskOf(d.live, 'sda')?.source?.file, join(poolDir, iso), 'the running guest sees the new medium');
    assert.is(diskOf(d.saved, 'sda')?.source?.file, join(poolDir, iso), 'and it is saved');
  }
  r = await call(app, 'PUT', `${base}/sda`, { path: '' });
  assert.equal([r.status, r.body.path, r.body.pending], [200, null, false]);
  let d = await defs(w);
  assert.not.ok(diskOf(d.live, 'sda')?.source?.file, 'ejected live');
  assert.not.ok(diskOf(d.saved, 'sda')?.source?.file, 'ejected in the saved definition');

  // A second CD-ROM, with its medium, attached to the running guest through the API: on the SCSI controller it plugs
  // in live and is saved, and is detached live. (Changing that drive's medium live needs a guest that answers the
  // eject request for a SCSI tray, which this firmware-only guest does not; the SATA drive above shows changes.)
  r = await call(app, 'POST', base, { type: 'cdrom', bus: 'scsi', path: join(poolDir, 'A.iso') });
  assert.equal([r.status, r.body.type, r.body.bus, r.body.path, r.body.pending], [201, 'cdrom', 'scsi', join(poolDir, 'A.iso'), false], JSON.stringify(r.body));
  const scsi = r.body.dev as string;
  d = await defs(w);
  assert.is(diskOf(d.live, scsi)?.source?.file, join(poolDir, 'A.iso'), 'the running guest has the new drive and its medium');
  assert.ok(diskOf(d.saved, scsi), 'and it is saved');
  r = await call(app, 'DELETE', `${base}/${scsi}`);
  assert.is(r.status, 204, JSON.stringify(r.body));
  d = await defs(w);
  assert.not.ok(diskOf(d.live, scsi) || diskOf(d.saved, scsi), 'detached live and from the saved definition');

  r = await call(app, 'POST', base, { type: 'disk', pool: pool.name, size: 1 / 16, format: 'qcow2' });
  assert.equal([r.status, r.body.dev, r.body.bus, r.body.vol, r.body.pending], [201, 'vdb', 'virtio', `${vm}-vdb.qcow2`, false], JSON.stringify(r.body));
  d = await defs(w);
  assert.ok(diskOf(d.live, 'vdb') && diskOf(d.saved, 'vdb'), 'hot-plugged and saved');
  r = await call(app, 'DELETE', `${base}/vdb`);
  assert.is(r.status, 204, JSON.stringify(r.body));
  d = await defs(w);
  assert.not.ok(diskOf(d.live, 'vdb') || diskOf(d.saved, 'vdb'), 'gone from the guest and the saved definition');
  assert.ok(existsSync(join(poolDir, `${vm}-vdb.qcow2`)), 'the volume stays in its pool');

  r = await call(app, 'POST', base, { type: 'disk', pool: pool.name, vol: `${vm}-vdb.qcow2`, bus: 'sata' });
  assert.equal([r.status, r.body.dev, r.body.pending, r.body.note], [201, 'sdb', true, 'Takes effect the next time the virtual machine boots.']);
  d = await defs(w);
  assert.equal([!!diskOf(d.live, 'sdb'), !!diskOf(d.saved, 'sdb')], [false, true], 'SATA: saved only');
  r = await call(app, 'DELETE', `${base}/sdb`);
  assert.is(r.status, 204);
  assert.not.ok(diskOf((await defs(w)).saved, 'sdb'));
}));

test('a NIC on an isolated network is attached live, its model saved for the next boot, and detached; the network goes', () => withWorld(async (w) => {
  const { app, conn, vm } = w;
  const taken = [...hostRoutes(), ...hostAddresses()].map((h) => h.subnet);
  for (const net of await conn.connectListAllNetworks()) {
    const ip = parseNetworkXML(await conn.networkGetXMLDesc(net)).ipv4;
    if (ip) taken.push(subnetOf(ip.address, ip.prefix)!);
  }
  let x = 1;
  while (taken.some((t) => overlaps(parseSubnet(`10.254.${x}.0/24`)!, t))) x++;
  let n = Math.floor(Math.random() * 9000);
  while (existsSync(`/sys/class/net/kbr-dev-${n}`)) n++;
  const net = await conn.networkDefineXML(buildNetworkXML({
    name: NETWORK, forward: 'isolated', bridge: `kbr-dev-${n}`,
    ip: { address: `10.254.${x}.1`, prefix: 24, dhcp: { start: `10.254.${x}.10`, end: `10.254.${x}.20` } },
  }));
  await conn.networkCreate(net);

  const base = `/api/vms/${vm}/ifaces`;
  assert.equal((await call(app, 'GET', base)).body, []);
  let r = await call(app, 'POST', base, { type: 'network', network: NETWORK, model: 'virtio' });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const mac = r.body.mac as string;
  assert.equal(r.body, { mac, type: 'network', network: NETWORK, bridge: null, model: 'virtio', source_dev: null, mode: null, link: 'up', ips: [], reserved_ip: null, pending: false, note: null });
  let d = await defs(w);
  assert.equal([d.live.interfaces.map((i) => i.mac), d.saved.interfaces.map((i) => i.mac)], [[mac], [mac]], 'plugged in and saved');
  assert.ok(existsSync(`/sys/class/net/kbr-dev-${n}/brif`) && (await execFile('ls', [`/sys/class/net/kbr-dev-${n}/brif`])).stdout.trim() !== '',
    'a tap device joined the network\'s bridge');

  r = await call(app, 'PUT', `${base}/${mac}`, { network: 'default' });
  assert.equal([r.status, r.body.network, r.body.pending], [200, 'default', false], JSON.stringify(r.body));
  d = await defs(w);
  assert.equal([d.live.interfaces[0]?.source?.network, d.saved.interfaces[0]?.source?.network], ['default', 'default'], 'moved live and saved');
  r = await call(app, 'PUT', `${base}/${mac}`, { network: NETWORK });
  assert.equal([r.status, r.body.network], [200, NETWORK]);

  r = await call(app, 'PUT', `${base}/${mac}`, { model: 'e1000' });
  assert.equal([r.status, r.body.model, r.body.pending], [200, 'e1000', true], JSON.stringify(r.body));
  d = await defs(w);
  assert.equal([d.live.interfaces[0]?.model, d.saved.interfaces[0]?.model], ['virtio', 'e1000'], 'model: saved only');

  r = await call(app, 'DELETE', `${base}/${mac}`);
  assert.is(r.status, 204, JSON.stringify(r.body));
  d = await defs(w);
  assert.equal([d.live.interfaces, d.saved.interfaces], [[], []], 'unplugged and removed from the saved definition');
  await conn.networkDestroy(net);
  await conn.networkUndefine(net);
  assert.ok(await conn.networkLookupByName(NETWORK).then(() => false, (e: unknown) => e instanceof LibvirtError), 'the network is gone');
}));

test('a snapshot of the running qcow2 guest is taken, reverted to after a power-off (running again), and deleted; raw refuses', () => withWorld(async (w) => {
  const { app, conn, pool, poolDir, vm } = w;
  let r = await call(app, 'POST', `/api/vms/${vm}/snapshots`, { name: 'before' });
  assert.is(r.status, 202, JSON.stringify(r.body));
  let task = r.body;
  for (let i = 0; i < 150 && task.status === 'running'; i++) { await sleep(100); task = (await call(app, 'GET', `/api/tasks/${task.id}`)).body; }
  assert.is(task.status, 'finished', task.message);
  r = await call(app, 'GET', `/api/vms/${vm}/snapshots/current`);
  assert.equal([r.body.name, r.body.state, r.body.parent], ['before', 'running', '']);
  const { stdout } = await execFile('qemu-img', ['snapshot', '-U', '-l', join(poolDir, 'disk.qcow2')]);
  assert.match(stdout, /before/, 'the snapshot lives inside the qcow2 image');

  assert.is((await call(app, 'POST', `/api/vms/${vm}/poweroff`)).body.state, 'shutoff');
  r = await call(app, 'POST', `/api/vms/${vm}/snapshots/before/revert`);
  assert.equal([r.status, r.body.current], [200, true], JSON.stringify(r.body));
  assert.is((await call(app, 'GET', `/api/vms/${vm}`)).body.state, 'running', 'memory and running state restored');

  r = await call(app, 'DELETE', `/api/vms/${vm}/snapshots/before`);
  assert.is(r.status, 204);
  assert.equal((await call(app, 'GET', `/api/vms/${vm}/snapshots`)).body, []);
  assert.not.match((await execFile('qemu-img', ['snapshot', '-U', '-l', join(poolDir, 'disk.qcow2')])).stdout, /before/, 'gone from the image');

  const raw = await conn.storageVolCreateXML(pool, buildStorageVolXML({ name: 'raw.img', capacityBytes: 8 << 20, format: 'raw' }));
  r = await call(app, 'POST', `/api/vms/${vm}/storages`, { type: 'disk', pool: pool.name, vol: raw.name });
  assert.equal([r.status, r.body.format], [201, 'raw']);
  r = await call(app, 'POST', `/api/vms/${vm}/snapshots`, {});
  assert.equal([r.status, r.body.code], [409, 'KCHSNAP0004E'], JSON.stringify(r.body));
  assert.match(r.body.reason, /disk vdb is in the raw format/);
}));

test('the screenshot is a PNG of the display\'s size; a shut-off VM has none (409)', () => withWorld(async (w) => {
  const { app, conn, vm } = w;
  let shot: ReturnType<typeof imageSize> | undefined;
  for (let i = 0; i < 75 && !shot?.lit; i++) {
    const res = await app.request(`/api/vms/${vm}/screenshot`);
    assert.is(res.status, 200);
    assert.is(res.headers.get('content-type'), 'image/png');
    shot = imageSize(Buffer.from(await res.arrayBuffer()));
    if (!shot.lit) await sleep(200);
  }
  assert.ok(shot?.lit, 'the firmware drew something');
  assert.is(shot!.format, 'png');
  const { stream } = await conn.domainScreenshot(await conn.domainLookupByName(vm));
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const native = imageSize(Buffer.concat(chunks));
  console.log(`# screenshot ${shot!.width}x${shot!.height} (libvirt: ${native.format} ${native.width}x${native.height})`);
  assert.equal([shot!.width, shot!.height], [native.width, native.height], 'the display size libvirt reports');
  assert.ok(['720x400', '640x480', '800x600', '1024x768', '1280x800'].includes(`${shot!.width}x${shot!.height}`));

  assert.is((await call(app, 'POST', `/api/vms/${vm}/poweroff`)).body.state, 'shutoff');
  const r = await call(app, 'GET', `/api/vms/${vm}/screenshot`);
  assert.equal([r.status, r.body.code], [409, 'KCHVMSCR0001E']);
}));

test.run();
