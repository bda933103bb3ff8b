// POST /vms over the test driver: validation, 404/409 before anything is made, the made VM, and real mid-way rollbacks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getVmMeta } from '../../db/index.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildStorageVolXML, parseDomainXML } from '../../libvirt/xml/index.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { addTemplate, domains, post, reset, settle, spec, volumes } from '../helpers/vm-create.ts';

let t: TestApp;
test.before(async () => {
  t = await makeApp({ domains: ['busy'] });
  addTemplate(t, spec('tiny', { cdrom: '/isos/install.iso', icon: 'plugins/kimchi/images/icon-fedora.png' }));
});
test.after(async () => { await t.cleanup(); });
test.after.each(async () => { await reset(t, ['busy']); });

const create = (body: unknown, lang?: string) => post(t, '/api/vms', body, lang);

test('a VM from a template: 202 Task, then a shut-off domain with its volume, CD-ROM, NIC, VNC and metadata', async () => {
  const r = await create({ name: 'web-1', template: '/plugins/kimchi/templates/tiny' });
  assert.equal(r.status, 202);
  assert.equal([r.body.status, r.body.target_uri], ['running', '/plugins/kimchi/vms/web-1']);
  const done = await settle(t, r.body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  const c = t.client.connection;
  const dom = await c.domainLookupByName('web-1');
  const m = parseDomainXML(await c.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE));
  assert.equal([m.memory, m.currentMemory, m.vcpu], [128 * 1024, 128 * 1024, 1]);
  assert.equal(m.devices.disks.map((d) => [d.device, d.target.bus, d.source?.file, d.readonly ?? false]), [
    ['disk', 'virtio', '/default-pool/web-1-0.qcow2', false],
    ['cdrom', 'sata', '/isos/install.iso', true],
  ]);
  assert.equal(m.devices.interfaces.map((i) => [i.source?.network, i.model]), [['default', 'virtio']]);
  assert.equal(m.devices.graphics.map((g) => [g.type, g.listen]), [['vnc', '127.0.0.1']]);
  assert.equal(m.os.boot, ['hd', 'cdrom']);
  assert.equal(await volumes(t), ['web-1-0.qcow2']);
  const info = await c.storageVolGetInfo(await c.storageVolLookupByPath('/default-pool/web-1-0.qcow2'));
  assert.is(info.capacity, 1024 ** 3);
  assert.equal(getVmMeta(t.store.db, dom.uuid)?.template, 'tiny');
  assert.equal(getVmMeta(t.store.db, dom.uuid)?.icon, 'plugins/kimchi/images/icon-fedora.png');
});

test('without a name the VM is <template>-vm-N, the first N free; /api/templates/<name> works too', async () => {
  const a = await settle(t, (await create({ template: '/api/templates/tiny' })).body.id);
  assert.equal([a.status, a.target_uri], ['finished', '/plugins/kimchi/vms/tiny-vm-1']);
  const b = await settle(t, (await create({ template: '/plugins/kimchi/templates/tiny' })).body.id);
  assert.equal(b.target_uri, '/plugins/kimchi/vms/tiny-vm-2');
  assert.equal(await domains(t), ['busy', 'tiny-vm-1', 'tiny-vm-2']);
});

test('graphics and storage pool in the request override the template', async () => {
  const r = await settle(t, (await create({ name: 'sp', template: '/plugins/kimchi/templates/tiny', graphics: { type: 'spice', listen: '::1' }, storagepool: '/plugins/kimchi/storagepools/default' })).body.id);
  assert.is(r.status, 'finished');
  const c = t.client.connection;
  const m = parseDomainXML(await c.domainGetXMLDesc(await c.domainLookupByName('sp'), 0));
  assert.equal(m.devices.graphics.map((g) => [g.type, g.listen]), [['spice', '::1']]);
  const none = await settle(t, (await create({ name: 'headless', template: '/plugins/kimchi/templates/tiny', graphics: { type: null } })).body.id);
  assert.is(none.status, 'finished');
  assert.equal(parseDomainXML(await c.domainGetXMLDesc(await c.domainLookupByName('headless'), 0)).devices.graphics, []);
});

test('bad names are refused with 400 naming the field, in en-US and pt-BR', async () => {
  for (const name of ['a/b', '..', 'x..y', ' lead', 'trail ', 'tab\there', 'nl\n', 'x'.repeat(101), '']) {
    const r = await create({ name, template: '/plugins/kimchi/templates/tiny' });
    assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], JSON.stringify(name));
    assert.match(r.body.reason, /^Invalid value for name/);
  }
  const pt = await create({ name: 'a/b', template: '/plugins/kimchi/templates/tiny' }, 'pt-BR');
  assert.match(pt.body.reason, /^Valor inválido para name/);
  const longest = await create({ name: 'x'.repeat(100), template: '/plugins/kimchi/templates/tiny' });
  assert.is(longest.status, 202);
  assert.is((await settle(t, longest.body.id)).status, 'finished', 'done before the next test resets the pool');
});

test('other invalid bodies: unknown field, missing template, bad graphics, a reference that is not a template', async () => {
  const cases: Array<[unknown, string]> = [
    [{ template: '/plugins/kimchi/templates/tiny', cpus: 2 }, 'KCHAPI0005E'],
    [{ name: 'x' }, 'KCHAPI0005E'],
    [{ template: '/plugins/kimchi/templates/tiny', graphics: { type: 'rdp' } }, 'KCHAPI0005E'],
    [{ template: '/plugins/kimchi/templates/tiny', graphics: { type: 'vnc', listen: 'everywhere' } }, 'KCHAPI0005E'],
    [{ template: '/plugins/kimchi/storagepools/tiny' }, 'KCHVMCR0002E'],
    [{ template: 'tiny' }, 'KCHVMCR0002E'],
    [{ template: '/plugins/kimchi/templates/tiny', storagepool: 'default' }, 'KCHTMPL0008E'],
  ];
  for (const [body, code] of cases) {
    const r = await create(body);
    assert.equal([r.status, r.body.code], [400, code], JSON.stringify(body));
  }
  assert.equal(await volumes(t), []);
});

test('unknown template 404, taken name 409, missing pool 404 — translated, and nothing made', async () => {
  const a = await create({ template: '/plugins/kimchi/templates/nope' }, 'pt-BR');
  assert.equal([a.status, a.body], [404, { code: 'KCHTMPL0002E', reason: 'O modelo nope não existe.' }]);
  const b = await create({ name: 'busy', template: '/plugins/kimchi/templates/tiny' });
  assert.equal([b.status, b.body], [409, { code: 'KCHVMCR0001E', reason: 'A virtual machine named busy already exists.' }]);
  const c = await create({ template: '/plugins/kimchi/templates/tiny', storagepool: '/plugins/kimchi/storagepools/gone' });
  assert.equal([c.status, c.body.code], [404, 'KCHTMPL0004E']);
  assert.equal([await volumes(t), await domains(t)], [[], ['busy']]);
});

test('a pool without enough space is a 409 before anything is made', async () => {
  addTemplate(t, spec('huge', { disks: [{ index: 0, size: 2, pool: { name: 'default' }, format: 'qcow2' }, { index: 1, size: 64 * 1024, pool: { name: 'default' }, format: 'raw' }] }));
  const r = await create({ name: 'big', template: '/plugins/kimchi/templates/huge' });
  assert.is(r.status, 409);
  assert.equal(r.body, { code: 'KCHVMCR0003E', reason: 'The storage pool default does not have enough space: 64.0 TiB needed, 100.0 GiB available.' });
  const pt = await create({ name: 'big', template: '/plugins/kimchi/templates/huge' }, 'pt-BR');
  assert.match(pt.body.reason, /^O pool de armazenamento default não tem espaço suficiente/);
  assert.equal([await volumes(t), await domains(t)], [[], ['busy']]);
});

test('a template naming a network that no longer exists is a 404 before any volume is made', async () => {
  addTemplate(t, spec('twonets', { networks: ['default', 'vanished'] }));
  const r = await create({ name: 'n', template: '/plugins/kimchi/templates/twonets' });
  assert.equal([r.status, r.body.code, r.body.reason], [404, 'KCHTMPL0005E', 'The network vanished does not exist.']);
  assert.equal([await volumes(t), await domains(t)], [[], ['busy']]);
});

test('a volume left under a planned name does not block a create: that disk takes the next free name, the stranger stays', async () => {
  addTemplate(t, spec('twodisks', { disks: [0, 1].map((index) => ({ index, size: 1, pool: { name: 'default' }, format: 'qcow2' as const })) }));
  const c = t.client.connection;
  // Left by a create killed mid-way, or made with virsh: libvirt would refuse a second volume of that name.
  await c.storageVolCreateXML(await c.storagePoolLookupByName('default'), buildStorageVolXML({ name: 'dup-1.qcow2', capacityBytes: 1 << 20, format: 'qcow2' }));
  const done = await settle(t, (await create({ name: 'dup', template: '/plugins/kimchi/templates/twodisks' })).body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  assert.equal([await volumes(t), await domains(t)], [['dup-0.qcow2', 'dup-1-1.qcow2', 'dup-1.qcow2'], ['busy', 'dup']]);
});

test('rollback: the second volume cannot be made (no room for it) — the first is deleted, the base kept', async () => {
  const c = t.client.connection;
  // An overlay counts as nearly empty in our space check; the test driver's 100 GiB pool counts it at full capacity.
  const base = await c.storageVolCreateXML(await c.storagePoolLookupByName('default'), buildStorageVolXML({ name: 'base.qcow2', capacityBytes: 120 * 2 ** 30, allocationBytes: 0, format: 'qcow2' }));
  addTemplate(t, spec('onbase', { disks: [
    { index: 0, size: 1, pool: { name: 'default' }, format: 'qcow2' },
    { index: 1, size: 1, pool: { name: 'default' }, format: 'qcow2', base: await c.storageVolGetPath(base) },
  ] }));
  const r = await create({ name: 'dup', template: '/plugins/kimchi/templates/onbase' });
  assert.is(r.status, 202);
  const done = await settle(t, r.body.id);
  assert.is(done.status, 'failed');
  assert.match(done.message, /^Creating the virtual machine dup failed while creating the disk dup-1\.qcow2: .+ Everything made so far was removed\.$/);
  assert.equal([await volumes(t), await domains(t)], [['base.qcow2'], ['busy']]);
  const pt = await settle(t, r.body.id, 'pt-BR');
  assert.match(pt.message, /^A criação da máquina virtual dup falhou ao criar o disco dup-1\.qcow2: /);
  assert.is((t.store.sqlite.prepare('SELECT count(*) AS n FROM pending_undo').get() as { n: number }).n, 0, 'nothing left for the next start to undo');
});

test('rollback: the metadata write fails after define — the domain is undefined and its volumes deleted', async () => {
  t.store.sqlite.exec("CREATE TEMP TRIGGER refuse_meta BEFORE INSERT ON vm_meta BEGIN SELECT RAISE(ABORT, 'injected'); END");
  try {
    const r = await create({ name: 'nometa', template: '/plugins/kimchi/templates/tiny' });
    const done = await settle(t, r.body.id);
    assert.is(done.status, 'failed');
    assert.match(done.message, /internal error/);
    assert.equal([await volumes(t), await domains(t)], [[], ['busy']]);
  } finally {
    t.store.sqlite.exec('DROP TRIGGER refuse_meta');
  }
});

test('two creates without a name at once get different names', async () => {
  const [a, b] = await Promise.all([create({ template: '/plugins/kimchi/templates/tiny' }), create({ template: '/plugins/kimchi/templates/tiny' })]);
  const [x, y] = await Promise.all([settle(t, a.body.id), settle(t, b.body.id)]);
  assert.equal([x.status, y.status], ['finished', 'finished']);
  assert.equal(await domains(t), ['busy', 'tiny-vm-1', 'tiny-vm-2']);
});

test('the OpenAPI document lists the create, clone and template-from-VM routes', async () => {
  const doc = await (await t.app.request('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  assert.ok(doc.paths['/vms']?.post);
  assert.ok(doc.paths['/vms/{name}/clone']?.post);
  assert.ok(doc.paths['/vms/{name}/template']?.post);
});

test.run();
