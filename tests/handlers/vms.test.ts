// The VM resource over the test driver: list and read (fields, VMs made elsewhere, 404) and every action with its 409s.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { putVmMeta } from '../../db/index.ts';
import { DomainState } from '../../libvirt/index.ts';
import { buildDomainXML, child, el, parseXml, serializeXml, type DomainModel } from '../../libvirt/xml/index.ts';
import { en as vmCreateMessages } from '../../handlers/i18n/vmcreate.ts';
import { en as vmMessages } from '../../handlers/i18n/vms.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp({ domains: ['test-vm', 'alpha'] }); });
test.after(async () => { await t.cleanup(); });

const get = (path: string, lang = 'en-US') => json(t.app.request(path, { headers: { 'Accept-Language': lang } }));
const post = (path: string, lang = 'en-US') => json(t.app.request(path, { method: 'POST', headers: { 'Accept-Language': lang } }));

function model(name: string, extra: Partial<DomainModel> = {}): DomainModel {
  return {
    type: 'test', name, memory: 512 * 1024, currentMemory: 256 * 1024, vcpu: 4, currentVcpu: 2,
    os: { type: 'hvm', boot: ['cdrom', 'hd'] }, features: [], metadata: [],
    devices: { disks: [], interfaces: [], graphics: [{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1' }], consoles: [], serials: [] },
    title: 'A title', description: 'Line one\nline two', ...extra,
  };
}

/** Define a VM as virsh would (straight through libvirt), run `fn`, then remove it whatever happened. */
async function withVm(name: string, fn: () => Promise<void>, extra: Partial<DomainModel> = {}): Promise<void> {
  const conn = t.client.connection;
  const dom = await conn.domainDefineXML(buildDomainXML(model(name, extra)));
  try { await fn(); } finally {
    const d = await conn.domainLookupByName(name).catch(() => conn.domainLookupByUUID(dom.uuid)).catch(() => undefined);
    if (d) { await conn.domainDestroy(d).catch(() => {}); await conn.domainUndefine(d).catch(() => {}); }
  }
}

test('the list shows every field Kimchi clients read, with zeros for stats and defaults for missing metadata', async () => {
  const r = await get('/api/vms');
  assert.equal(r.status, 200);
  assert.equal(r.body.map((v: { name: string }) => v.name), ['alpha', 'test-vm']);
  const a = r.body[0];
  assert.equal(Object.keys(a).sort(), ['autostart', 'bootorder', 'cpu_info', 'cpus', 'description', 'firmware', 'graphics', 'groups', 'host', 'icon',
    'memory', 'name', 'persistent', 'state', 'stats', 'template', 'title', 'users', 'uuid'].sort());
  assert.is(a.host, 'local', 'every guest names its host (issue 14)');
  assert.is(a.state, 'running');
  assert.match(a.uuid, /^[0-9a-f-]{36}$/);
  assert.equal(a.memory, { current: 1024, maxmemory: 1024 });
  assert.equal(a.cpu_info, { vcpus: 2, maxvcpus: 2 }, 'the fixture gives its second domain 2 vCPUs');
  assert.is(a.cpus, 2);
  assert.equal(a.graphics, { type: null, listen: null, port: null });
  assert.equal(a.stats, { cpu_utilization: 0, mem_utilization: 0, net_throughput: 0, net_throughput_peak: 0, io_throughput: 0, io_throughput_peak: 0 });
  assert.equal([a.icon, a.template, a.users, a.groups, a.persistent, a.autostart], [null, null, [], [], true, false]);
  assert.equal((await get('/plugins/kimchi/vms')).body.map((v: { name: string }) => v.name), r.body.map((v: { name: string }) => v.name));
});

test('a VM defined with virsh appears with its XML facts; our metadata shows when present', () => withVm('made-with-virsh', async () => {
  const conn = t.client.connection;
  const dom = await conn.domainLookupByName('made-with-virsh');
  await conn.domainSetAutostart(dom, true);
  let v = (await get('/api/vms')).body.find((x: { name: string }) => x.name === 'made-with-virsh');
  assert.ok(v, 'listed');
  assert.equal([v.state, v.persistent, v.autostart, v.title, v.description], ['shutoff', true, true, 'A title', 'Line one\nline two']);
  assert.equal(v.memory, { current: 256, maxmemory: 512 });
  assert.equal(v.cpu_info, { vcpus: 2, maxvcpus: 4 });
  assert.is(v.cpus, 2);
  assert.equal(v.bootorder, ['cdrom', 'hd']);
  assert.is(v.firmware, 'bios', 'no loader: SeaBIOS');
  assert.equal(v.graphics, { type: 'vnc', listen: '127.0.0.1', port: null }, 'no port while shut off');
  putVmMeta(t.store.db, dom.uuid, { template: 'fedora', icon: 'plugins/kimchi/images/icon-fedora.png', users: ['ana'], groups: ['admins'] });
  v = (await get('/api/vms/made-with-virsh')).body;
  assert.equal([v.template, v.icon, v.users, v.groups], ['fedora', 'plugins/kimchi/images/icon-fedora.png', ['ana'], ['admins']]);
}));

test('a VM with a UEFI loader reads as uefi', () => withVm('on-uefi', async () => {
  const conn = t.client.connection;
  const xml = await conn.domainGetXMLDesc(await conn.domainLookupByName('on-uefi'));
  // Add the loader the way virsh edit would: into libvirt's own XML, outside our model.
  const doc = parseXml(xml);
  child(doc.root, 'os')!.children.push(el('loader', { readonly: 'yes', type: 'pflash' }, [{ text: '/usr/share/OVMF/OVMF_CODE_4M.fd' }]));
  await conn.domainDefineXML(serializeXml(doc));
  assert.is((await get('/api/vms/on-uefi')).body.firmware, 'uefi');
}));

test('a transient VM (created, never defined) is listed as not persistent', async () => {
  const conn = t.client.connection;
  const dom = await conn.domainCreateXML(buildDomainXML(model('fleeting')));
  try {
    const v = (await get('/api/vms/fleeting')).body;
    assert.equal([v.state, v.persistent, v.autostart], ['running', false, false]);
    assert.is((await get('/api/vms')).body.find((x: { name: string }) => x.name === 'fleeting').persistent, false);
  } finally { await conn.domainDestroy(dom).catch(() => {}); }
});

test('a missing VM is a 404 naming it, in the caller language, for reads and every write', async () => {
  const en = await get('/api/vms/nope');
  assert.equal([en.status, en.body], [404, { code: 'KCHVM0002E', reason: 'The virtual machine nope does not exist.' }]);
  const pt = await get('/api/vms/nope', 'pt-BR');
  assert.is(pt.body.reason, 'A máquina virtual nope não existe.');
  for (const r of [await post('/api/vms/nope/start'), await get('/api/vms/nope/deletion'),
    await json(t.app.request('/api/vms/nope', { method: 'DELETE' })),
    await json(t.app.request('/api/vms/nope', { method: 'PUT', body: '{"title":"x"}', headers: { 'Content-Type': 'application/json' } }))]) {
    assert.equal([r.status, r.body.code], [404, 'KCHVM0002E']);
  }
});

test('each action changes the state and answers with the VM', () => withVm('actor', async () => {
  const state = async () => (await t.client.connection.domainGetState(await t.client.connection.domainLookupByName('actor'))).state;
  let r = await post('/api/vms/actor/start');
  assert.equal([r.status, r.body.name, r.body.state], [200, 'actor', 'running']);
  r = await post('/api/vms/actor/suspend');
  assert.equal([r.status, r.body.state], [200, 'paused']);
  r = await post('/api/vms/actor/resume');
  assert.equal([r.status, r.body.state], [200, 'running']);
  r = await post('/api/vms/actor/reset');
  assert.equal([r.status, r.body.state], [200, 'running']);
  r = await post('/api/vms/actor/shutdown');
  assert.is(r.status, 200);
  assert.is(await state(), DomainState.SHUTOFF, 'the test driver shuts down at once');
  await post('/api/vms/actor/start');
  r = await post('/plugins/kimchi/vms/actor/poweroff');
  assert.equal([r.status, r.body.state], [200, 'shutoff']);
}));

test('an action the state does not allow is a 409 that names the action and the state', () => withVm('stubborn', async () => {
  const cases: Array<[string, string]> = [
    ['poweroff', 'The virtual machine stubborn cannot be powered off because it is shut off.'],
    ['shutdown', 'The virtual machine stubborn cannot be shut down because it is shut off.'],
    ['reset', 'The virtual machine stubborn cannot be reset because it is shut off.'],
    ['suspend', 'The virtual machine stubborn cannot be suspended because it is shut off.'],
    ['resume', 'The virtual machine stubborn cannot be resumed because it is shut off.'],
  ];
  for (const [action, reason] of cases) {
    const r = await post(`/api/vms/stubborn/${action}`);
    assert.equal([r.status, r.body], [409, { code: 'KCHVM0005E', reason }], action);
  }
  await post('/api/vms/stubborn/start');
  const again = await post('/api/vms/stubborn/start', 'pt-BR');
  assert.equal([again.status, again.body.reason], [409, 'A máquina virtual stubborn não pode ser iniciada porque está em execução.']);
  await post('/api/vms/stubborn/suspend');
  const paused = await post('/api/vms/stubborn/shutdown');
  assert.equal([paused.status, paused.body.reason], [409, 'The virtual machine stubborn cannot be shut down because it is paused.']);
  assert.is((await post('/api/vms/stubborn/suspend')).status, 409);
  assert.is((await post('/api/vms/stubborn/poweroff')).status, 200, 'a paused VM can still be powered off');
}));

test('an unknown action is not a route', async () => {
  assert.is((await post('/api/vms/alpha/explode')).status, 404);
});

test('the OpenAPI document lists the VM routes', async () => {
  const paths = (await get('/api/openapi.json')).body.paths;
  for (const p of ['/vms', '/vms/{name}', '/vms/{name}/start', '/vms/{name}/poweroff', '/vms/{name}/deletion']) assert.ok(paths[p], p);
  assert.ok(paths['/vms/{name}'].put && paths['/vms/{name}'].delete && paths['/vms/{name}'].get);
});

test('our message codes do not collide with the VM-creation catalog', () => {
  const clash = Object.keys(vmMessages).filter((k) => Object.hasOwn(vmCreateMessages, k));
  assert.equal(clash, []);
});

test.run();
