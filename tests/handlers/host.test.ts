// The host resources: /host, /host/stats(/history), /host/devices with VM holders (QEMU), /config/capabilities, also in error mode.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { release } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { LibvirtClient, NodeDeviceCap } from '../../libvirt/index.ts';
import { buildDomainXML, child, el, updateDomainXML } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { HostStatsSampler } from '../../runtime/host-stats.ts';
import { SanityMonitor } from '../../runtime/monitor.ts';
import { json, makeApp, silent } from '../helpers/app.ts';
import { QEMU_URI, removeDomain, sweep, testName, tinyVM } from '../helpers/qemu.ts';
import { getJson, serve } from '../helpers/server.ts';
import { writeFixture } from '../helpers/fixture.ts';

test('GET /api/host: topology from libvirt, OS from os-release, kernel, libvirt and hypervisor versions', async () => {
  const t = await makeApp();
  try {
    const r = await json(t.app.request('/api/host'));
    assert.is(r.status, 200, JSON.stringify(r.body));
    // The test driver's node: 16 CPUs, 2 NUMA nodes × 2 sockets, 2 cores, 2 threads, 3 GiB.
    assert.equal(r.body.cpus, { online: 16, sockets: 4, cores: 2, threads_per_core: 2, mhz: 1400 });
    assert.is(r.body.memory.online, 3145728 * 1024);
    assert.is(r.body.kernel, release());
    assert.match(r.body.libvirt_version, /^\d+\.\d+\.\d+$/);
    assert.is(r.body.qemu_version, '0.0.2');
    assert.ok(r.body.os_distro.length > 0 && r.body.cpu_model.length > 0);
  } finally { await t.cleanup(); }
});

test('GET /api/host on QEMU: libvirt 9.x and the real QEMU version', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-host-'));
  const store = openStore(join(dir, 'k.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const events = new EventBus();
  const monitor = new SanityMonitor(client, { uri: QEMU_URI, log: silent });
  try {
    await monitor.recheck();
    const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events });
    const r = await json(app.request('/api/host'));
    assert.is(r.status, 200);
    const conn = client.connection;
    assert.ok(r.body.qemu_version.split('.')[0] >= 2, r.body.qemu_version);
    assert.is(r.body.libvirt_version.split('.').length, 3);
    assert.is(r.body.architecture, 'x86_64');
    assert.ok(await conn.connectGetVersion() > 2_000_000);
  } finally { monitor.stop(); await client.close(); store.close(); rmSync(dir, { recursive: true, force: true }); }
});

test('GET /api/host/stats and /history come from the sampler; without one, an instant sample and an empty history', async () => {
  const t = await makeApp();
  try {
    const bare = await json(t.app.request('/api/host/stats'));
    assert.is(bare.status, 200);
    assert.ok(bare.body.memory.total > 0);
    assert.is(bare.body.cpu_utilization, 0);
    assert.equal((await json(t.app.request('/api/host/stats/history'))).body.timestamp, []);

    const sampler = new HostStatsSampler({ intervalMs: 100 });
    sampler.start();
    await new Promise((r) => setTimeout(r, 350));
    sampler.stop();
    const app = createApp({ libvirt: t.client, db: t.store.db, sanity: t.monitor, events: t.events, hostStats: sampler });
    const cur = await json(app.request('/api/host/stats'));
    assert.equal(cur.body, sampler.current());
    const h = await json(app.request('/api/host/stats/history'));
    assert.ok(h.body.timestamp.length >= 2);
    assert.is(h.body.cpu_utilization.length, h.body.timestamp.length);
    assert.is(h.body.memory.length, h.body.timestamp.length);
    assert.ok(h.body.timestamp[0] < h.body.timestamp.at(-1));
  } finally { await t.cleanup(); }
});

test('GET /api/host/devices?_cap=pci on QEMU: vendor/product ids, driver, and a VM defined with a <hostdev> is its holder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-host-'));
  const store = openStore(join(dir, 'k.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const conn = await client.open();
  const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events: new EventBus() });
  const name = testName('kimchi-test-host-');
  try {
    await sweep(conn, 'kimchi-test-host-'); // what a killed earlier run left
    const target = (await conn.connectListAllNodeDevices(NodeDeviceCap.PCI_DEV)).sort().at(-1)!;
    const [, d, b, s, f] = /^pci_([0-9a-f]{4})_([0-9a-f]{2})_([0-9a-f]{2})_([0-9a-f])$/.exec(target)!;
    const model = tinyVM(name, 'none', 'none');
    model.devices.disks = [];
    const xml = updateDomainXML(buildDomainXML(model), (_m, root) => {
      // managed='no': even a leftover of a killed run that someone starts never takes the device from its host driver.
      child(root, 'devices')!.children.push(el('hostdev', { mode: 'subsystem', type: 'pci', managed: 'no' }, [
        el('source', {}, [el('address', { domain: `0x${d}`, bus: `0x${b}`, slot: `0x${s}`, function: `0x${f}` })]),
      ]));
    });
    await conn.domainDefineXML(xml);

    const r = await json(app.request('/api/host/devices?_cap=pci'));
    assert.is(r.status, 200);
    assert.ok(r.body.length > 0 && r.body.every((x: { device_type: string }) => x.device_type === 'pci'));
    const dev = r.body.find((x: { name: string }) => x.name === target);
    assert.ok(dev, target);
    assert.match(dev.vendor.id, /^0x[0-9a-f]{4}$/);
    assert.match(dev.path, /^\/sys\/devices\//);
    assert.equal(dev.vm_holders, [{ name, state: 'shutoff' }]);
    assert.ok(r.body.filter((x: { vm_holders: unknown[] }) => x.vm_holders.length).length === 1);
    assert.equal((await json(app.request('/api/host/devices?_cap=usb_device'))).body.filter((x: { device_type: string }) => x.device_type !== 'usb_device'), []);
    const bad = await json(app.request('/api/host/devices?_cap=net'));
    assert.is(bad.status, 400);
  } finally {
    const dom = await conn.domainLookupByName(name).catch(() => undefined);
    if (dom) await removeDomain(conn, dom);
    await client.close(); store.close(); rmSync(dir, { recursive: true, force: true });
  }
});

test('GET /api/config/capabilities: KVM, qemu-img and pool types on QEMU; the test driver has no pool capabilities', async () => {
  const t = await makeApp();
  try {
    const r = await json(t.app.request('/api/config/capabilities'));
    assert.is(r.status, 200);
    assert.equal([r.body.kvm, r.body.libvirtd_running, r.body.libvirt_driver, r.body.screenshot, r.body.qemu_img, r.body.system_report_tool],
      [true, true, 'TEST', true, true, false]);
    assert.equal(r.body.storage_pool_types, []);
  } finally { await t.cleanup(); }
  const client = new LibvirtClient({ uri: QEMU_URI });
  await client.open();
  try {
    const app = createApp({ libvirt: client, db: openStore(':memory:').db, sanity: { current: () => null, recheck: async () => null }, events: new EventBus() });
    const r = await json(app.request('/api/config/capabilities'));
    assert.is(r.body.libvirt_driver, 'QEMU');
    assert.ok(r.body.storage_pool_types.includes('dir'));
    assert.is(r.body.nfs, r.body.storage_pool_types.includes('netfs'));
  } finally { await client.close(); }
});

test('in global error mode /config/capabilities still answers (libvirt facts false) while /host is gated', async () => {
  const fx = writeFixture();
  const uri = `${fx.uri}?socket=/nonexistent/kimchi-${process.pid}.sock`;
  const s = await serve(uri);
  try {
    const caps = await getJson(`${s.url}/api/config/capabilities`);
    assert.is(caps.status, 200);
    assert.equal([caps.body.libvirtd_running, caps.body.libvirt_driver, caps.body.nfs, caps.body.kvm], [false, null, false, true]);
    assert.is((await getJson(`${s.url}/api/host`)).status, 500);
  } finally { await s.stop(); fx.cleanup(); }
});

test.run();
