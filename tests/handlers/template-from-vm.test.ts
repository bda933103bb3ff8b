// POST /vms/:name/template over the test driver: base + overlay + template, VMs from it, 409s, and a VM left as it was.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getTemplate, insertTemplate, lockVm, unlockVm, vmLock } from '../../db/index.ts';
import type { TemplateSpec } from '../../handlers/templates/schemas.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildStorageVolXML, parseDomainXML } from '../../libvirt/xml/index.ts';
import { parseVolumeXML } from '../../handlers/vms/volumes.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { addTemplate, domains, post, reset, settle, spec, volumes } from '../helpers/vm-create.ts';

let t: TestApp;
test.before(async () => {
  t = await makeApp({ domains: ['running-vm'] });
  addTemplate(t, spec('tiny', {
    os_distro: 'fedora', os_version: '40', cdrom: '/isos/install.iso', icon: 'icon.png',
    memory: { current: 256, maxmemory: 512 }, cpu_info: { vcpus: 2, maxvcpus: 4, topology: { sockets: 1, cores: 4, threads: 1 } },
    disk_bus: 'sata', nic_model: 'e1000', graphics: { type: 'spice', listen: '127.0.0.1' },
  }));
});
test.after(async () => { await t.cleanup(); });
test.after.each(async () => {
  await reset(t, ['running-vm']);
  t.store.sqlite.exec("DELETE FROM templates WHERE name <> 'tiny'");
});

async function vm(name: string, template = 'tiny'): Promise<void> {
  const r = await settle(t, (await post(t, '/api/vms', { name, template: `/plugins/kimchi/templates/${template}` })).body.id);
  assert.is(r.status, 'finished', r.message);
}
const xmlOf = async (name: string) => t.client.connection.domainGetXMLDesc(await t.client.connection.domainLookupByName(name), DomainXMLFlags.INACTIVE);

test('a template from a VM: read-only base, the VM on an overlay of it, the spec from the VM, the old disk gone', async () => {
  await vm('golden');
  const r = await post(t, '/api/vms/golden/template', { name: 'golden-t' });
  assert.equal([r.status, r.body.target_uri], [202, '/plugins/kimchi/templates/golden-t']);
  const done = await settle(t, r.body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  const c = t.client.connection;
  assert.equal(await volumes(t), ['golden-golden-t.qcow2', 'golden-t-base.qcow2'], 'golden-0.qcow2, now a duplicate of the base, is gone');
  const base = parseVolumeXML(await c.storageVolGetXMLDesc(await c.storageVolLookupByPath('/default-pool/golden-t-base.qcow2')));
  assert.equal([base.format, base.mode], ['qcow2', '0444']);
  const overlay = parseVolumeXML(await c.storageVolGetXMLDesc(await c.storageVolLookupByPath('/default-pool/golden-golden-t.qcow2')));
  assert.equal([overlay.format, overlay.backingPath], ['qcow2', '/default-pool/golden-t-base.qcow2']);
  const m = parseDomainXML(await xmlOf('golden'));
  assert.equal(m.devices.disks.map((d) => [d.device, d.source?.file, d.driver?.type]), [
    ['disk', '/default-pool/golden-golden-t.qcow2', 'qcow2'], ['cdrom', '/isos/install.iso', 'raw'],
  ]);
  const s = getTemplate<TemplateSpec>(t.store.db, 'golden-t')!;
  assert.equal(s, {
    name: 'golden-t', os_distro: 'fedora', os_version: '40',
    memory: { current: 256, maxmemory: 512 }, cpu_info: { vcpus: 2, maxvcpus: 4, topology: { sockets: 1, cores: 4, threads: 1 } },
    cdrom: '/isos/install.iso', storagepool: '/plugins/kimchi/storagepools/default',
    disks: [{ index: 0, size: 1, pool: { name: 'default' }, format: 'qcow2', base: '/default-pool/golden-t-base.qcow2' }],
    networks: ['default'], graphics: { type: 'spice', listen: '127.0.0.1' }, icon: 'icon.png', folder: [],
    disk_bus: 'sata', nic_model: 'e1000',
  });
  assert.is(vmLock(t.store.db, (await c.domainLookupByName('golden')).uuid), undefined);

  // A VM from that template gets its own overlay on the base, not a copy.
  await vm('child', 'golden-t');
  const child = parseDomainXML(await xmlOf('child')).devices.disks[0];
  assert.equal([child.source?.file, child.driver?.type], ['/default-pool/child-0.qcow2', 'qcow2']);
  const cv = parseVolumeXML(await c.storageVolGetXMLDesc(await c.storageVolLookupByPath('/default-pool/child-0.qcow2')));
  assert.is(cv.backingPath, '/default-pool/golden-t-base.qcow2');
});

test('the VM\'s former disk stays when another template is built on it', async () => {
  await vm('shared');
  insertTemplate(t.store.db, 'on-shared', { ...spec('on-shared'), disks: [{ index: 0, size: 1, base: '/default-pool/shared-0.qcow2' }] });
  const done = await settle(t, (await post(t, '/api/vms/shared/template', { name: 'shared-t' })).body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  assert.ok((await volumes(t)).includes('shared-0.qcow2'), 'the base of on-shared was not deleted');
});

test('shut off only (409), unknown VM 404, taken template name 409, bad name 400, locked VM 409', async () => {
  const run = await post(t, '/api/vms/running-vm/template', { name: 'x' });
  assert.equal([run.status, run.body.code], [409, 'KCHVMCR0005E']);
  const ghost = await post(t, '/api/vms/ghost/template', { name: 'x' });
  assert.equal([ghost.status, ghost.body.code], [404, 'KCHVMCR0013E']);
  await vm('v1');
  const taken = await post(t, '/api/vms/v1/template', { name: 'tiny' }, 'pt-BR');
  assert.equal([taken.status, taken.body.code], [409, 'KCHTMPL0001E']);
  for (const name of ['a/b', '..', ' x', 'x\u0007', 'x'.repeat(101)]) {
    const bad = await post(t, '/api/vms/v1/template', { name });
    assert.equal([bad.status, bad.body.code], [400, 'KCHAPI0005E'], JSON.stringify(name));
  }
  const extra = await post(t, '/api/vms/v1/template', { name: 'ok', vm: '/plugins/kimchi/vms/v1' });
  assert.equal([extra.status, extra.body.code], [400, 'KCHAPI0005E']);
  const uuid = (await t.client.connection.domainLookupByName('v1')).uuid;
  lockVm(t.store.db, uuid, 'clone');
  try {
    const locked = await post(t, '/api/vms/v1/template', { name: 'ok' });
    assert.equal([locked.status, locked.body.code], [409, 'KCHVMCR0006E']);
  } finally { unlockVm(t.store.db, uuid); }
  assert.equal(await volumes(t), ['v1-0.qcow2']);
});

test('rollback: the template row cannot be written — the VM keeps the same XML and disk, base and overlay are gone', async () => {
  await vm('keep');
  const before = await xmlOf('keep');
  t.store.sqlite.exec("CREATE TEMP TRIGGER refuse_tmpl BEFORE INSERT ON templates BEGIN SELECT RAISE(ABORT, 'injected'); END");
  try {
    const done = await settle(t, (await post(t, '/api/vms/keep/template', { name: 'keep-t' })).body.id);
    assert.is(done.status, 'failed');
  } finally {
    t.store.sqlite.exec('DROP TRIGGER refuse_tmpl');
  }
  assert.is(await xmlOf('keep'), before);
  assert.equal(await volumes(t), ['keep-0.qcow2']);
  assert.is(getTemplate(t.store.db, 'keep-t'), undefined);
  assert.is(vmLock(t.store.db, (await t.client.connection.domainLookupByName('keep')).uuid), undefined);
});

test('volumes left under the planned names do not block: base and overlay take the next free names, the strangers stay', async () => {
  await vm('same');
  const c = t.client.connection;
  const pool = await c.storagePoolLookupByName('default');
  for (const name of ['same-t-base.qcow2', 'same-same-t.qcow2']) await c.storageVolCreateXML(pool, buildStorageVolXML({ name, capacityBytes: 1 << 20, format: 'qcow2' }));
  const done = await settle(t, (await post(t, '/api/vms/same/template', { name: 'same-t' })).body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  assert.equal(getTemplate<TemplateSpec>(t.store.db, 'same-t')?.disks[0].base, '/default-pool/same-t-base-1.qcow2');
  assert.equal(parseDomainXML(await xmlOf('same')).devices.disks[0].source?.file, '/default-pool/same-same-t-1.qcow2');
  assert.equal(await volumes(t), ['same-same-t-1.qcow2', 'same-same-t.qcow2', 'same-t-base-1.qcow2', 'same-t-base.qcow2']);
});

test('rollback: the overlay cannot be made (no room for it) — the base is removed, the VM untouched, a translated reason', async () => {
  const c = t.client.connection;
  const pool = await c.storagePoolLookupByName('default');
  // The test driver's pool holds 100 GiB and counts each new volume at its full capacity: the base fits, the overlay not.
  const disk = await c.storageVolCreateXML(pool, buildStorageVolXML({ name: 'same-0.qcow2', capacityBytes: 60 * 2 ** 30, allocationBytes: 0, format: 'qcow2' }));
  await c.domainDefineXML(`<domain type='test'><name>same</name><memory>65536</memory><os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='${await c.storageVolGetPath(disk)}'/><target dev='hda'/></disk></devices></domain>`);
  const before = await xmlOf('same');
  const id = (await post(t, '/api/vms/same/template', { name: 'same-t' })).body.id;
  const done = await settle(t, id);
  assert.is(done.status, 'failed');
  assert.match(done.message, /^Making the template same-t from same failed while creating the overlay same-same-t\.qcow2: .+ The virtual machine was left as it was\.$/);
  assert.match((await settle(t, id, 'pt-BR')).message, /^A criação do modelo same-t a partir de same falhou ao criar a sobreposição/);
  assert.is(await xmlOf('same'), before);
  assert.equal(await volumes(t), ['same-0.qcow2']);
  assert.equal(await domains(t), ['running-vm', 'same']);
  assert.is((t.store.sqlite.prepare('SELECT count(*) AS n FROM pending_undo').get() as { n: number }).n, 0, 'nothing left for the next start to undo');
});

test('a VM without a disk has nothing to make a template from (409)', async () => {
  await t.client.connection.domainDefineXML("<domain type='test'><name>diskless</name><memory>65536</memory><os><type>hvm</type></os></domain>");
  const r = await post(t, '/api/vms/diskless/template', { name: 'nothing' });
  assert.equal([r.status, r.body.code], [409, 'KCHVMCR0010E']);
});

test.run();
