// PUT /vms/:name over the test driver: validation (names, unknown fields, limits), config edits, rename only when shut off.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildDomainXML, parseDomainXML, type DomainModel } from '../../libvirt/xml/index.ts';
import { lockVm, unlockVm } from '../../db/index.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp({ domains: ['running-vm'] }); });
test.after(async () => { await t.cleanup(); });

const put = (name: string, body: unknown, lang = 'en-US') => json(t.app.request(`/api/vms/${encodeURIComponent(name)}`, {
  method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
}));

function model(name: string): DomainModel {
  return {
    type: 'test', name, memory: 512 * 1024, currentMemory: 256 * 1024, vcpu: 2, os: { type: 'hvm', boot: ['hd'] },
    features: [], metadata: [],
    devices: { disks: [], interfaces: [], graphics: [{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1' }], consoles: [], serials: [] },
  };
}

async function withVm(name: string, fn: () => Promise<void>): Promise<void> {
  const conn = t.client.connection;
  const dom = await conn.domainDefineXML(buildDomainXML(model(name)));
  try { await fn(); } finally {
    const d = await conn.domainLookupByUUID(dom.uuid).catch(() => undefined);
    if (d) { await conn.domainDestroy(d).catch(() => {}); await conn.domainUndefine(d).catch(() => {}); }
  }
}

const savedConfig = async (name: string) => {
  const c = t.client.connection;
  return parseDomainXML(await c.domainGetXMLDesc(await c.domainLookupByName(name), DomainXMLFlags.INACTIVE));
};

test('bad names are refused with a 400 naming the field, before anything changes', () => withVm('keep-name', async () => {
  for (const name of ['a/b', '..', ' x', 'x ', 'tab\there', 'nul\u0000', 'x'.repeat(101), '']) {
    const r = await put('keep-name', { name });
    assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], JSON.stringify(name));
    assert.match(r.body.reason, /^Invalid value for name:/);
  }
  assert.is((await put('keep-name', { name: 'x'.repeat(100) })).status, 200, '100 characters are fine');
  assert.is((await put('x'.repeat(100), { name: 'keep-name' })).status, 200);
}));

test('unknown fields and wrong types are refused, nested ones too', () => withVm('strict', async () => {
  let r = await put('strict', { colour: 'red' });
  assert.equal([r.status, r.body.reason], [400, 'Invalid value for colour: this field is not accepted.']);
  r = await put('strict', { memory: { current: 512, balloon: true } });
  assert.equal([r.status, r.body.reason], [400, 'Invalid value for memory.balloon: this field is not accepted.']);
  r = await put('strict', { cpu_info: { vcpus: 0 } });
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E']);
  r = await put('strict', { bootorder: ['floppy'] });
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E']);
  r = await put('strict', { autostart: 'yes' });
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E']);
  r = await put('strict', { memory: { current: 1024, maxmemory: 512 } }, 'pt-BR');
  assert.equal([r.status, r.body], [400, { code: 'KCHVM0006E', reason: 'A memória atual (1024 MiB) não pode ser maior que a memória máxima (512 MiB).' }]);
  r = await put('strict', { cpu_info: { vcpus: 3 } });
  assert.equal([r.status, r.body], [400, { code: 'KCHVM0007E', reason: 'The vCPUs (3) must not be more than the maximum vCPUs (2).' }]);
  assert.equal((await savedConfig('strict')).memory, 512 * 1024, 'nothing changed');
}));

test('memory, vCPUs, title, description, autostart and boot order land in the saved config', () => withVm('tuned', async () => {
  const r = await put('tuned', {
    memory: { current: 768, maxmemory: 1024 }, cpu_info: { vcpus: 2, maxvcpus: 4 }, title: 'Web server',
    description: 'Serves <the> "site" & more', autostart: true, bootorder: ['network', 'cdrom', 'hd'],
  });
  assert.is(r.status, 200);
  assert.equal([r.body.memory, r.body.cpu_info, r.body.title, r.body.description, r.body.autostart, r.body.bootorder], [
    { current: 768, maxmemory: 1024 }, { vcpus: 2, maxvcpus: 4 }, 'Web server', 'Serves <the> "site" & more', true, ['network', 'cdrom', 'hd']]);
  const saved = await savedConfig('tuned');
  assert.equal([saved.memory, saved.currentMemory, saved.vcpu, saved.currentVcpu], [1024 * 1024, 768 * 1024, 4, 2]);
  assert.equal(saved.devices.graphics[0]?.listen, '127.0.0.1', 'what the edit did not touch survives');
  const cleared = await put('tuned', { title: '', description: '', autostart: false });
  assert.equal([cleared.body.title, cleared.body.description, cleared.body.autostart], ['', '', false]);
  assert.is((await savedConfig('tuned')).title, undefined);
}));

test('memory of a running VM changes live too when it fits under the live maximum', async () => {
  const r = await put('running-vm', { memory: { current: 512 } });
  assert.equal([r.status, r.body.state, r.body.memory], [200, 'running', { current: 512, maxmemory: 1024 }]);
  assert.is((await savedConfig('running-vm')).currentMemory, 512 * 1024);
});

test('rename works only while shut off, and never onto a taken name', () => withVm('old-name', async () => {
  let r = await put('old-name', { name: 'running-vm' });
  assert.equal([r.status, r.body], [409, { code: 'KCHVM0003E', reason: 'A virtual machine named running-vm already exists.' }]);
  r = await put('running-vm', { name: 'other' });
  assert.equal([r.status, r.body], [409, { code: 'KCHVM0004E', reason: 'The virtual machine running-vm can only be renamed while it is shut off; it is running.' }]);
  const pt = await put('running-vm', { name: 'other' }, 'pt-BR');
  assert.is(pt.body.reason, 'A máquina virtual running-vm só pode ser renomeada quando está desligada; ela está em execução.');
  r = await put('old-name', { name: 'new-name', title: 'renamed' });
  assert.equal([r.status, r.body.name, r.body.title], [200, 'new-name', 'renamed']);
  assert.is((await json(t.app.request('/api/vms/old-name'))).status, 404);
  assert.is((await put('new-name', { name: 'new-name' })).status, 200, 'the same name is no change');
  assert.is((await put('new-name', { name: 'old-name' })).status, 200);
}));

test('sharing sent with a change that is refused is not kept either: all or nothing', () => withVm('shared-or-not', async () => {
  const r = await put('shared-or-not', { users: ['ana'], name: 'running-vm' });
  assert.equal([r.status, r.body.code], [409, 'KCHVM0003E']);
  assert.equal((await json(t.app.request('/api/vms/shared-or-not'))).body.users, [], 'the users were not saved');
  assert.equal((await put('shared-or-not', { users: ['ana'], title: 'ok' })).body.users, ['ana'], 'with a change that succeeds, they are');
}));

test('a transient VM takes live changes but refuses config-only fields with a 409', async () => {
  const conn = t.client.connection;
  const dom = await conn.domainCreateXML(buildDomainXML(model('passing')));
  try {
    const r = await put('passing', { title: 'x' });
    assert.equal([r.status, r.body.code], [409, 'KCHVM0008E']);
    assert.match(r.body.reason, /transient.*title/);
    const live = await put('passing', { memory: { current: 128 } });
    assert.equal([live.status, live.body.memory.current, live.body.persistent], [200, 128, false]);
  } finally { await conn.domainDestroy(dom).catch(() => {}); }
});

test('a VM busy with a long operation refuses updates with a 409', () => withVm('busy', async () => {
  const uuid = (await t.client.connection.domainLookupByName('busy')).uuid;
  lockVm(t.store.db, uuid, 'clone');
  try {
    const r = await put('busy', { title: 'x' });
    assert.equal([r.status, r.body], [409, { code: 'KCHVM0009E', reason: 'The virtual machine busy is busy: clone is in progress.' }]);
  } finally { unlockVm(t.store.db, uuid); }
}));

test('an empty body changes nothing and answers with the VM', () => withVm('idle', async () => {
  const r = await put('idle', {});
  assert.equal([r.status, r.body.name, r.body.memory], [200, 'idle', { current: 256, maxmemory: 512 }]);
}));

test.run();
