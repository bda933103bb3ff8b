// Kimchi 3.0 on /plugins/kimchi for volumes, a VM's storages, ifaces and snapshots, the host and tasks (API.md, API.json).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildDomainXML, type DomainModel } from '../../libvirt/xml/index.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
const K = '/plugins/kimchi';
const POOL = 'k13b-pool';
const V = `${K}/storagepools/${POOL}/storagevolumes`;
const VM = 'k13b-dev';
test.before(async () => {
  t = await makeApp({ domains: [] });
  const nic = { type: 'network', mac: '52:54:00:13:0b:01', source: { network: 'default' }, model: 'virtio' } as const;
  const m: DomainModel = {
    type: 'test', name: VM, memory: 256 * 1024, vcpu: 1, os: { type: 'hvm', boot: ['hd'] }, features: [], metadata: [],
    devices: {
      disks: [{ type: 'file', device: 'cdrom', driver: { name: 'qemu', type: 'raw' }, target: { dev: 'hdc', bus: 'ide' }, readonly: true }],
      interfaces: [nic], graphics: [], consoles: [], serials: [],
    },
  };
  await t.client.connection.domainDefineXML(buildDomainXML(m));
  assert.equal((await send('POST', `${K}/storagepools`, { name: POOL, type: 'dir', path: '/k13b' })).status, 201);
});
test.after(async () => { await t?.cleanup(); });

const send = (method: string, path: string, body?: unknown) => json(t.app.request(path, {
  method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
}));
const refused = (r: { status: number; body: any }, status: number, id: string) => {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(Object.keys(r.body).sort(), ['code', 'reason']);
  assert.match(r.body.code, new RegExp(`^${status} [A-Z]`));
  assert.ok(r.body.reason.startsWith(`${id}: `), r.body.reason);
};
const types = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v]));

test('volumes: create answers a finished Task whose target is the volume; the volume has Kimchi\'s nine fields and types', async () => {
  const r = await send('POST', V, { name: 'a.qcow2', capacity: 1048576, format: 'qcow2', colour: 'ignored' });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  assert.equal(types(r.body), { id: 'string', status: 'string', message: 'string', target_uri: 'string' });
  assert.equal(r.body.target_uri, `${V}/a.qcow2`);
  assert.equal((await send('GET', `${K}/tasks/${r.body.id}`)).body.status, 'finished');
  const vol = await send('GET', `${V}/a.qcow2`);
  assert.equal(types(vol.body), {
    name: 'string', type: 'string', capacity: 'number', allocation: 'number', path: 'string', used_by: 'array', format: 'string',
    isvalid: 'boolean', has_permission: 'boolean',
  });
  assert.equal([vol.body.capacity, vol.body.format], [1048576, 'qcow2']);
  assert.equal((await send('GET', V)).body, [vol.body]);
  assert.equal((await send('POST', V, { name: 'b.img', capacity: 4096, format: '' })).status, 202, 'format "" is the default');
  assert.ok('ref_cnt' in (await send('GET', `/api/storagepools/${POOL}/storagevolumes/b.img`)).body, '/api keeps its own fields');
});

test('volumes: Kimchi\'s refusals with its status and ids', async () => {
  refused(await send('POST', V, { name: 'a.qcow2', capacity: 1024 }), 400, 'KCHVOL0001E');
  refused(await send('POST', V, { name: 'c.img' }), 400, 'KCHVOL0018E');
  refused(await send('POST', V, { name: 'c.img', capacity: 1024, url: 'http://example.invalid/c.img' }), 400, 'KCHVOL0018E');
  // A url is fetched (tests/compat/kimchi-volume-url.test.ts); these are refused before anything is asked of the network.
  refused(await send('POST', V, { url: 'ftp://example.invalid/c.img' }), 400, 'KCHVOL0019E');
  refused(await send('POST', V, { url: 'file:///etc/passwd' }), 400, 'KCHVOL0021E');
  refused(await send('POST', V, { url: 42 }), 400, 'KCHVOL0021E');
  refused(await send('POST', V, { url: 'http://example.invalid/c.img', name: '' }), 400, 'KCHVOL0013E');
  refused(await send('POST', V, { capacity: 1024 }), 400, 'KCHVOL0016E');
  refused(await send('POST', V, { name: 'c.img', capacity: 'big' }), 400, 'KCHVOL0020E');
  refused(await send('POST', V, { name: 'c.img', capacity: 1024, format: 'vdi' }), 400, 'KCHVOL0015E');
  refused(await send('GET', `${V}/nope`), 404, 'KCHVOL0002E');
  refused(await send('POST', `${V}/nope/resize`, { size: 2048 }), 404, 'KCHVOL0002E');
  refused(await send('POST', `${V}/nope/wipe`, {}), 404, 'KCHVOL0002E');
  assert.equal((await send('GET', `${V}/c.img`)).status, 404, 'nothing was made');
  assert.equal((await send('DELETE', `${V}/a.qcow2`)).status, 204);
  refused(await send('DELETE', `${V}/a.qcow2`), 404, 'KCHVOL0002E');
});

test('VM storages: dev, type, path, format, bus; a body with neither or both of path and vol is refused', async () => {
  const list = await send('GET', `${K}/vms/${VM}/storages`);
  assert.equal(list.body, [{ dev: 'hdc', type: 'cdrom', path: '', format: 'raw', bus: 'ide' }]);
  refused(await send('GET', `${K}/vms/${VM}/storages/vdz`), 404, 'KCHVMSTOR0007E');
  refused(await send('POST', `${K}/vms/${VM}/storages`, { path: '/k13b.iso' }), 400, 'KCHVMSTOR0012E');
  refused(await send('POST', `${K}/vms/${VM}/storages`, { type: 'floppy', path: '/k13b.iso' }), 400, 'KCHVMSTOR0002E');
  refused(await send('POST', `${K}/vms/${VM}/storages`, { type: 'cdrom' }), 400, 'KCHVMSTOR0017E');
  refused(await send('POST', `${K}/vms/${VM}/storages`, { type: 'disk', path: '/a', pool: 'default', vol: 'x' }), 400, 'KCHVMSTOR0017E');
  refused(await send('PUT', `${K}/vms/${VM}/storages/hdc`, {}), 400, 'KCHVMSTOR0013E');
  refused(await send('PUT', `${K}/vms/${VM}/storages/hdc`, { path: '/k13b.iso', bus: 'ide' }), 400, 'KCHVMSTOR0013E');
});

test('VM ifaces: type, mac, network, model, ips; Kimchi\'s ids for a missing type or network, a bad model, an unknown network', async () => {
  const list = await send('GET', `${K}/vms/${VM}/ifaces`);
  assert.equal(list.body, [{ type: 'network', mac: '52:54:00:13:0b:01', network: 'default', ips: [], model: 'virtio' }]);
  refused(await send('GET', `${K}/vms/${VM}/ifaces/52:54:00:00:00:99`), 404, 'KCHVMIF0001E');
  refused(await send('POST', `${K}/vms/${VM}/ifaces`, { network: 'default' }), 400, 'KCHVMIF0007E');
  refused(await send('POST', `${K}/vms/${VM}/ifaces`, { type: 'network' }), 400, 'KCHVMIF0007E');
  refused(await send('POST', `${K}/vms/${VM}/ifaces`, { type: 'network', network: 'default', model: 'bogus' }), 400, 'KCHVMIF0006E');
  refused(await send('POST', `${K}/vms/${VM}/ifaces`, { type: 'network', network: 'k13b-nope' }), 400, 'KCHVMIF0002E');
  assert.equal((await send('POST', `/api/vms/${VM}/ifaces`, { type: 'network', network: 'k13b-nope' })).status, 404, '/api: a missing resource');
});

test('VM snapshots: create is a Task; created (a string), name, parent, state; an unknown one is KCHSNAP0003E', async () => {
  const r = await send('POST', `${K}/vms/${VM}/snapshots`, { name: 'k13b-s1', colour: 'ignored' });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  for (let i = 0; i < 200 && (await send('GET', `${K}/tasks/${r.body.id}`)).body.status === 'running'; i++) await new Promise((ok) => setTimeout(ok, 50));
  const s = await send('GET', `${K}/vms/${VM}/snapshots/k13b-s1`);
  assert.equal(types(s.body), { created: 'string', name: 'string', parent: 'string', state: 'string' });
  assert.match(s.body.created, /^\d+$/);
  assert.equal((await send('GET', `${K}/vms/${VM}/snapshots`)).body, [s.body]);
  assert.equal((await send('GET', `${K}/vms/${VM}/snapshots/current`)).body, s.body);
  refused(await send('GET', `${K}/vms/${VM}/snapshots/nope`), 404, 'KCHSNAP0003E');
  assert.equal((await send('POST', `${K}/vms/${VM}/snapshots/k13b-s1/revert`, {})).body, s.body);
  assert.equal((await send('DELETE', `${K}/vms/${VM}/snapshots/k13b-s1`)).status, 204);
});

test('host: GET /host has arch; /host/cpuinfo has Kimchi\'s four fields; /host/devices is a list', async () => {
  const h = await send('GET', `${K}/host`);
  assert.type(h.body.arch, 'string');
  const cpu = await send('GET', `${K}/host/cpuinfo`);
  assert.equal(types(cpu.body), { threading_enabled: 'boolean', sockets: 'number', cores: 'number', threads_per_core: 'number' });
  assert.ok(cpu.body.cores >= cpu.body.sockets);
  assert.ok(Array.isArray((await send('GET', `${K}/host/devices?_cap=pci`)).body));
});

test('POST /vms takes title and description (libvirt\'s <title>, <description>); GET shows them on both surfaces', async () => {
  assert.equal((await send('POST', `${K}/templates`, { name: 'k13b-t', source_media: { type: 'netboot' } })).status, 201);
  try {
    refused(await send('POST', `${K}/vms`, { template: `${K}/templates/k13b-t`, title: 7 }), 400, 'KCHVM0085E');
    refused(await send('POST', `${K}/vms`, { template: `${K}/templates/k13b-t`, description: [] }), 400, 'KCHVM0086E');
    const r = await send('POST', `${K}/vms`, { name: 'k13b-titled', template: `${K}/templates/k13b-t`, title: 'Web 1', description: 'Serves <b>pages</b> & more' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    for (let i = 0; i < 200 && (await send('GET', `${K}/tasks/${r.body.id}`)).body.status === 'running'; i++) await new Promise((ok) => setTimeout(ok, 50));
    const vm = await send('GET', `${K}/vms/k13b-titled`);
    assert.equal([vm.body.title, vm.body.description], ['Web 1', 'Serves <b>pages</b> & more']);
    const own = await send('GET', '/api/vms/k13b-titled');
    assert.equal([own.body.title, own.body.description], ['Web 1', 'Serves <b>pages</b> & more']);
  } finally {
    await send('DELETE', `${K}/vms/k13b-titled`);
    await send('DELETE', `${K}/templates/k13b-t`);
  }
});

test('tasks: id, status, message, target_uri; an unknown task is WOKOBJST0001E', async () => {
  const list = await send('GET', `${K}/tasks`);
  assert.ok(list.body.length > 0);
  for (const task of list.body) assert.equal(types(task), { id: 'string', status: 'string', message: 'string', target_uri: 'string' });
  refused(await send('GET', `${K}/tasks/987654`), 404, 'WOKOBJST0001E');
});

test.run();
