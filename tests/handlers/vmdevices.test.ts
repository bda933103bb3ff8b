// A VM's storages and ifaces over the test driver: list shapes, merged live/saved definitions, validation, 404s, 409s, rollback.
// The test driver cannot attach, detach or update devices (libvirt answers "not supported"): those calls are checked
// for our 409 and for undoing what we made first; the device changes themselves run on QEMU (tests/qemu/vm-devices*).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deleteTemplate, insertTemplate, lockVm, unlockVm } from '../../db/index.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildDomainXML, buildNetworkXML, buildStorageVolXML, type DiskModel, type DomainModel, type InterfaceModel } from '../../libvirt/xml/index.ts';
import { en } from '../../handlers/i18n/vmdevices.ts';
import { makeApp, sender, type TestApp } from '../helpers/app.ts';
import { makeIso } from '../helpers/iso.ts';

let t: TestApp;
let req: ReturnType<typeof sender>;
test.before(async () => { t = await makeApp({ domains: ['test-vm'] }); req = sender(t.app); });
test.after(async () => { await t.cleanup(); });

const get = (path: string, lang?: string) => req('GET', path, undefined, lang);

const CDROM: DiskModel = { type: 'file', device: 'cdrom', driver: { name: 'qemu', type: 'raw' }, target: { dev: 'hdc', bus: 'ide' }, readonly: true };
const NO_OPTIONS = { cache: null, serial: null, readonly: false, shareable: false, discard: null };
const NIC = { type: 'network', mac: '52:54:00:aa:bb:cc', source: { network: 'default' }, model: 'virtio' } satisfies InterfaceModel;

function model(name: string, disks: DiskModel[] = [CDROM], interfaces: InterfaceModel[] = [NIC]): DomainModel {
  return {
    type: 'test', name, memory: 256 * 1024, vcpu: 1, os: { type: 'hvm', boot: ['hd'] }, features: [], metadata: [],
    devices: { disks, interfaces, graphics: [], consoles: [], serials: [] },
  };
}

/** Define a VM as virsh would, run `fn`, then remove it (and any volume named after it) whatever happened. */
async function withVm(name: string, fn: () => Promise<void>, m: DomainModel = model(name)): Promise<void> {
  const conn = t.client.connection;
  const dom = await conn.domainDefineXML(buildDomainXML(m));
  try { await fn(); } finally {
    await conn.domainDestroy(dom).catch(() => {});
    await conn.domainUndefine(dom).catch(() => {});
  }
}

async function withVolume(name: string, fn: (path: string) => Promise<void>): Promise<void> {
  const conn = t.client.connection;
  const pool = await conn.storagePoolLookupByName('default');
  const vol = await conn.storageVolCreateXML(pool, buildStorageVolXML({ name, capacityBytes: 1 << 20, format: 'qcow2' }));
  try { await fn(await conn.storageVolGetPath(vol)); } finally { await conn.storageVolDelete(vol).catch(() => {}); }
}

const volumes = async () => (await t.client.connection.storagePoolListAllVolumes(await t.client.connection.storagePoolLookupByName('default'))).map((v) => v.name);

test('storages list every disk and CD-ROM with Kimchi\'s fields; a file in a pool shows its pool and volume', () => withVolume('data.qcow2', async (path) => {
  const disk: DiskModel = { type: 'file', device: 'disk', driver: { name: 'qemu', type: 'qcow2' }, source: { file: path }, target: { dev: 'vda', bus: 'virtio' } };
  await withVm('dev-list', async () => {
    const r = await get('/api/vms/dev-list/storages');
    assert.is(r.status, 200);
    assert.equal(r.body, [
      { dev: 'vda', type: 'disk', path, bus: 'virtio', format: 'qcow2', pool: 'default', vol: 'data.qcow2', ...NO_OPTIONS, pending: false, note: null },
      { dev: 'hdc', type: 'cdrom', path: null, bus: 'ide', format: 'raw', pool: null, vol: null, ...NO_OPTIONS, readonly: true, pending: false, note: null },
    ]);
    assert.equal((await get('/api/vms/dev-list/storages/vda')).body, r.body[0]);
    const kimchi = { dev: 'hdc', type: 'cdrom', path: '', format: 'raw', bus: 'ide' };
    assert.equal((await get('/plugins/kimchi/vms/dev-list/storages/hdc')).body, kimchi, 'Kimchi 3.0 has five fields');
  }, model('dev-list', [disk, CDROM]));
}));

test('a device only in the saved definition of a running VM is pending, with a translated note', () => withVm('dev-pending', async () => {
  const conn = t.client.connection;
  const dom = await conn.domainLookupByName('dev-pending');
  await conn.domainCreate(dom);
  const disk: DiskModel = { type: 'file', device: 'disk', source: { file: '/guests/extra.img' }, target: { dev: 'hdb', bus: 'ide' } };
  await conn.domainDefineXML(buildDomainXML({ ...model('dev-pending', [CDROM, disk], []), uuid: dom.uuid }));
  assert.ok((await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE)).includes('extra.img'), 'the saved definition has it');
  const r = await get('/api/vms/dev-pending/storages');
  assert.equal(r.body.map((s: { dev: string; pending: boolean }) => [s.dev, s.pending]).sort(), [['hdb', true], ['hdc', false]]);
  assert.is(r.body.find((s: { dev: string }) => s.dev === 'hdb').note, en['vmdev.pending']);
  assert.is(r.body.find((s: { dev: string }) => s.dev === 'hdc').note, null);
  assert.equal((await get('/api/vms/dev-pending/ifaces')).body.map((i: { mac: string; pending: boolean }) => [i.mac, i.pending]), [[NIC.mac, true]],
    'the NIC left the saved definition but still runs');
  const pt = await get('/api/vms/dev-pending/storages/hdb', 'pt-BR');
  assert.match(pt.body.note, /próxima vez/);
}));

test('404s: unknown VM, unknown device name, unknown MAC address', () => withVm('dev-404', async () => {
  let r = await get('/api/vms/nope/storages');
  assert.equal([r.status, r.body.code], [404, 'KCHVM0002E']);
  r = await get('/api/vms/nope/ifaces');
  assert.equal([r.status, r.body.code], [404, 'KCHVM0002E']);
  r = await get('/api/vms/dev-404/storages/vdz');
  assert.equal([r.status, r.body.code], [404, 'KCHVMSTOR0001E']);
  assert.match(r.body.reason, /dev-404 has no storage device vdz/);
  r = await req('DELETE', '/api/vms/dev-404/storages/vdz');
  assert.equal([r.status, r.body.code], [404, 'KCHVMSTOR0001E']);
  r = await get('/api/vms/dev-404/ifaces/52:54:00:00:00:01');
  assert.equal([r.status, r.body.code], [404, 'KCHVMIF0001E']);
  r = await req('PUT', '/api/vms/dev-404/ifaces/52:54:00:00:00:01', { model: 'e1000' });
  assert.equal([r.status, r.body.code], [404, 'KCHVMIF0001E']);
}));

test('invalid bodies are 400 naming the field, before anything is made', () => withVm('dev-400', async () => {
  const before = await volumes();
  const cases: [unknown, string][] = [
    [{ type: 'disk', pool: 'default' }, 'vol'],
    [{ type: 'disk', pool: 'default', vol: 'x', size: 1 }, 'vol'],
    [{ type: 'disk', pool: 'default', vol: 'x', format: 'raw' }, 'format'],
    [{ type: 'disk', pool: 'default', size: 0 }, 'size'],
    [{ type: 'disk', pool: 'default', size: 1, bus: 'floppy' }, 'bus'],
    [{ type: 'cdrom', path: 'relative.iso' }, 'path'],
    [{ type: 'cdrom', path: '/a/../etc/passwd' }, 'path'],
    [{ type: 'cdrom', dev: 'xda' }, 'dev'],
    [{ type: 'cdrom', color: 'red' }, 'color'],
    [{ type: 'floppy' }, 'type'],
  ];
  for (const [body, field] of cases) {
    const r = await req('POST', '/api/vms/dev-400/storages', body);
    assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], JSON.stringify(body));
    assert.ok(r.body.reason.includes(field), `${JSON.stringify(body)} → ${r.body.reason}`);
  }
  let r = await req('PUT', '/api/vms/dev-400/storages/hdc', { path: 'x.iso' });
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E']);
  r = await req('PUT', '/api/vms/dev-400/storages/hdc', {});
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], 'path is required (null ejects)');
  r = await req('POST', '/api/vms/dev-400/ifaces', { type: 'bridge', network: 'default' });
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E']);
  r = await req('POST', '/api/vms/dev-400/ifaces', { type: 'network', network: 'default', model: 'token-ring' });
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E']);
  r = await get('/api/vms/dev-400/ifaces/not-a-mac');
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E']);
  assert.equal(await volumes(), before, 'no volume made');
}));

test('attach refuses a wrong device name, a name in use, missing pools and volumes, and a volume another VM uses', () => withVolume('used.qcow2', async (path) => {
  const used: DiskModel = { type: 'file', device: 'disk', driver: { name: 'qemu', type: 'qcow2' }, source: { file: path }, target: { dev: 'vda', bus: 'virtio' } };
  await withVm('dev-owner', () => withVm('dev-409', async () => {
    const post = (body: unknown) => req('POST', '/api/vms/dev-409/storages', body);
    let r = await post({ type: 'cdrom', bus: 'ide', dev: 'sdb' });
    assert.equal([r.status, r.body.code], [400, 'KCHVMSTOR0007E']);
    r = await post({ type: 'cdrom', bus: 'ide', dev: 'hdc' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0005E']);
    r = await post({ type: 'disk', pool: 'nopool', size: 1 });
    assert.equal([r.status, r.body.code], [404, 'KCHTMPL0004E']);
    r = await post({ type: 'disk', pool: 'default', vol: 'nothing.qcow2' });
    assert.equal([r.status, r.body.code], [404, 'KCHAPI0008E']);
    r = await post({ type: 'disk', pool: 'default', vol: 'used.qcow2' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0004E']);
    assert.match(r.body.reason, /in use by dev-owner/);
    r = await req('POST', '/api/vms/dev-owner/storages', { type: 'disk', pool: 'default', vol: 'used.qcow2' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0003E']);
  }), model('dev-owner', [used], []));
}));

test('a template\'s base image is not attached as a VM\'s writable disk (409 naming the template)', () => withVolume('base-img.qcow2', async (path) => {
  insertTemplate(t.store.db, 'on-base', { name: 'on-base', disks: [{ index: 0, size: 1, base: path }] });
  try {
    await withVm('dev-base', async () => {
      const r = await req('POST', '/api/vms/dev-base/storages', { type: 'disk', pool: 'default', vol: 'base-img.qcow2' });
      assert.equal([r.status, r.body.code], [409, 'KCHVOL0013E']);
    });
  } finally {
    deleteTemplate(t.store.db, 'on-base');
  }
}));

test('a new volume is removed again when the attach fails (the test driver cannot attach)', () => withVm('dev-rollback', async () => {
  const before = await volumes();
  const r = await req('POST', '/api/vms/dev-rollback/storages', { type: 'disk', pool: 'default', size: 0.001, format: 'qcow2' });
  assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0010E']);
  assert.match(r.body.reason, /The new volume dev-rollback-vda\.qcow2 was removed again/);
  assert.equal(await volumes(), before, 'no volume left behind');
}));

test('device changes the driver refuses are 409 with our code: CD-ROM media, detach, NIC attach', () => withVm('dev-nosupport', async () => {
  const iso = await makeIso({ volumeId: 'MEDIUM' });
  let r = await req('PUT', '/api/vms/dev-nosupport/storages/hdc', { path: iso.path }).finally(() => iso.cleanup());
  assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0011E']);
  r = await req('DELETE', '/api/vms/dev-nosupport/storages/hdc');
  assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0012E']);
  r = await req('POST', '/api/vms/dev-nosupport/ifaces', { type: 'network', network: 'default', model: 'virtio' });
  assert.equal([r.status, r.body.code], [409, 'KCHVMIF0006E']);
  r = await req('DELETE', `/api/vms/dev-nosupport/ifaces/${NIC.mac}`);
  assert.equal([r.status, r.body.code], [409, 'KCHVMIF0008E']);
}));

test('only a CD-ROM\'s medium changes; only network NICs change; a busy VM is 409', () => withVm('dev-rules', async () => {
  let r = await req('PUT', '/api/vms/dev-rules/storages/hda', { path: '/isos/a.iso' });
  assert.equal([r.status, r.body.code], [400, 'KCHVMSTOR0002E']);
  const dom = await t.client.connection.domainLookupByName('dev-rules');
  lockVm(t.store.db, dom.uuid, 'clone');
  try {
    r = await req('POST', '/api/vms/dev-rules/storages', { type: 'cdrom' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMCR0006E']);
    r = await req('DELETE', `/api/vms/dev-rules/ifaces/${NIC.mac}`);
    assert.equal([r.status, r.body.code], [409, 'KCHVMCR0006E']);
  } finally { unlockVm(t.store.db, dom.uuid); }
  r = await req('PUT', '/api/vms/dev-rules/ifaces/52:54:00:00:00:02', { network: 'default' });
  assert.equal([r.status, r.body.code], [400, 'KCHVMIF0004E']);
}, model('dev-rules', [{ type: 'file', device: 'disk', source: { file: '/guests/r.img' }, target: { dev: 'hda', bus: 'ide' } }],
  [NIC, { type: 'bridge', mac: '52:54:00:00:00:02', source: { bridge: 'br0' } }])));

test('a running transient VM: IDE/SATA devices and NIC models cannot change (no saved definition), 409', async () => {
  const conn = t.client.connection;
  const dom = await conn.domainCreateXML(buildDomainXML(model('dev-transient')));
  try {
    let r = await req('POST', '/api/vms/dev-transient/storages', { type: 'cdrom', bus: 'sata' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0008E']);
    r = await req('DELETE', '/api/vms/dev-transient/storages/hdc');
    assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0008E']);
    r = await req('PUT', `/api/vms/dev-transient/ifaces/${NIC.mac}`, { model: 'e1000' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMIF0005E']);
  } finally { await conn.domainDestroy(dom).catch(() => {}); }
});

test('a NIC shows the fixed address its network keeps for its MAC', () => withVm('dev-reserved', async () => {
  const r = await req('POST', '/api/networks/default/dhcp-hosts', { mac: NIC.mac, ip: '192.168.122.77', name: 'dev-reserved' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  try {
    assert.equal((await get('/api/vms/dev-reserved/ifaces')).body.map((i: { reserved_ip: string }) => i.reserved_ip), ['192.168.122.77']);
  } finally {
    assert.equal((await req('DELETE', `/api/networks/default/dhcp-hosts/${NIC.mac}`)).status, 204);
  }
  assert.equal((await get('/api/vms/dev-reserved/ifaces')).body.map((i: { reserved_ip: string }) => i.reserved_ip), [null]);
}));

test('ifaces list Kimchi\'s fields; attach needs an existing network, active when the VM runs', () => withVm('dev-nic', async () => {
  const conn = t.client.connection;
  let r = await get('/api/vms/dev-nic/ifaces');
  assert.equal(r.body, [{ mac: NIC.mac, type: 'network', network: 'default', bridge: null, model: 'virtio', source_dev: null, mode: null, link: 'up', ips: [], reserved_ip: null, pending: false, note: null }]);
  assert.equal((await get(`/api/vms/dev-nic/ifaces/${NIC.mac.toUpperCase()}`)).body, r.body[0], 'MAC matched in any case');
  r = await req('POST', '/api/vms/dev-nic/ifaces', { type: 'network', network: 'nonet' });
  assert.equal([r.status, r.body.code], [404, 'KCHVMIF0002E']);
  const net = await conn.networkDefineXML(buildNetworkXML({ name: 'dev-idle', forward: 'isolated' }));
  try {
    await conn.domainCreate(await conn.domainLookupByName('dev-nic'));
    r = await req('POST', '/api/vms/dev-nic/ifaces', { type: 'network', network: 'dev-idle' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMIF0003E']);
    r = await req('PUT', `/api/vms/dev-nic/ifaces/${NIC.mac}`, { network: 'dev-idle' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMIF0003E']);
    assert.match((await get('/api/vms/dev-nic/ifaces/52:54:00:aa:bb:cc', 'pt-BR')).body.mac, /52:54/);
  } finally { await conn.networkUndefine(net).catch(() => {}); }
}));

test.run();
