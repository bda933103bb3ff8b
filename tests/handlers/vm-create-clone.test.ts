// POST /vms/:name/clone over the test driver: new name, UUID, MACs and volumes; CD-ROM kept; running 409; lock 409; rollback.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getVmMeta, lockVm, unlockVm, vmLock } from '../../db/index.ts';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildStorageVolXML, parseDomainXML } from '../../libvirt/xml/index.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { addTemplate, domains, post, reset, settle, spec, volumes } from '../helpers/vm-create.ts';

let t: TestApp;
test.before(async () => {
  t = await makeApp({ domains: ['running-vm'] });
  addTemplate(t, spec('tiny', { cdrom: '/isos/install.iso', icon: 'icon.png' }));
});
test.after(async () => { await t.cleanup(); });
test.after.each(async () => { await reset(t, ['running-vm']); });

async function vm(name: string): Promise<void> {
  const r = await settle(t, (await post(t, '/api/vms', { name, template: '/plugins/kimchi/templates/tiny' })).body.id);
  assert.is(r.status, 'finished', r.message);
}
const inactive = async (name: string) => {
  const c = t.client.connection;
  const dom = await c.domainLookupByName(name);
  return { dom, m: parseDomainXML(await c.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE)) };
};

test('a clone gets <name>-clone-N, a new UUID and MAC, its own copy of the disk, the same CD-ROM and metadata', async () => {
  await vm('src');
  const r = await post(t, '/api/vms/src/clone');
  assert.equal([r.status, r.body.target_uri], [202, '/plugins/kimchi/vms/src-clone-1']);
  const done = await settle(t, r.body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  const a = await inactive('src'), b = await inactive('src-clone-1');
  assert.is.not(b.dom.uuid, a.dom.uuid);
  assert.is.not(b.m.devices.interfaces[0].mac, a.m.devices.interfaces[0].mac);
  assert.ok(b.m.devices.interfaces[0].mac);
  assert.equal(b.m.devices.disks.map((d) => [d.device, d.source?.file]), [
    ['disk', '/default-pool/src-clone-1-0.qcow2'], ['cdrom', '/isos/install.iso'],
  ]);
  assert.equal(await volumes(t), ['src-0.qcow2', 'src-clone-1-0.qcow2']);
  assert.equal([b.m.memory, b.m.vcpu], [a.m.memory, a.m.vcpu]);
  assert.equal(getVmMeta(t.store.db, b.dom.uuid)?.template, 'tiny');
  assert.is(vmLock(t.store.db, a.dom.uuid), undefined, 'the lock is released');
  const second = await settle(t, (await post(t, '/plugins/kimchi/vms/src/clone')).body.id);
  assert.equal(second.target_uri, '/plugins/kimchi/vms/src-clone-2');
});

test('a running VM cannot be cloned (409), nor an unknown one (404)', async () => {
  const r = await post(t, '/api/vms/running-vm/clone', undefined, 'pt-BR');
  assert.equal([r.status, r.body], [409, { code: 'KCHVMCR0005E', reason: 'A máquina virtual running-vm precisa estar desligada antes.' }]);
  const m = await post(t, '/api/vms/ghost/clone');
  assert.equal([m.status, m.body.code], [404, 'KCHVMCR0013E']);
  assert.equal(await domains(t), ['running-vm']);
});

test('a VM locked by another operation answers 409 naming it', async () => {
  await vm('held');
  const { dom } = await inactive('held');
  lockVm(t.store.db, dom.uuid, 'template');
  try {
    const r = await post(t, '/api/vms/held/clone');
    assert.equal([r.status, r.body], [409, { code: 'KCHVMCR0006E', reason: 'The virtual machine held is busy with another operation (template); try again when it ends.' }]);
  } finally {
    unlockVm(t.store.db, dom.uuid);
  }
  assert.equal(await domains(t), ['held', 'running-vm']);
});

test('while a clone runs the VM is locked: of three requests at once one starts, the others answer 409', async () => {
  await vm('twice');
  const answers = await Promise.all([
    post(t, '/api/vms/twice/clone'), post(t, '/api/vms/twice/clone'), post(t, '/api/vms/twice/template', { name: 'from-twice' }),
  ]);
  const started = answers.filter((a) => a.status === 202);
  assert.is(started.length, 1);
  assert.equal(answers.filter((a) => a.status !== 202).map((a) => [a.status, a.body.code]), [[409, 'KCHVMCR0006E'], [409, 'KCHVMCR0006E']]);
  assert.is((await settle(t, started[0].body.id)).status, 'finished');
});

test('a volume left under a planned name does not block a clone: that copy takes the next free name, the stranger stays', async () => {
  addTemplate(t, spec('two', { disks: [0, 1].map((index) => ({ index, size: 1, pool: { name: 'default' }, format: 'qcow2' as const })) }));
  const made = await settle(t, (await post(t, '/api/vms', { name: 'pair', template: '/plugins/kimchi/templates/two' })).body.id);
  assert.is(made.status, 'finished');
  const c = t.client.connection;
  // Left by a clone killed mid-copy, or made with virsh: libvirt would refuse a second volume of that name.
  await c.storageVolCreateXML(await c.storagePoolLookupByName('default'), buildStorageVolXML({ name: 'pair-clone-1-1.qcow2', capacityBytes: 1 << 20, format: 'qcow2' }));
  const done = await settle(t, (await post(t, '/api/vms/pair/clone')).body.id);
  assert.equal([done.status, done.message], ['finished', 'OK']);
  assert.equal((await inactive('pair-clone-1')).m.devices.disks.map((d) => d.source?.file), ['/default-pool/pair-clone-1-0.qcow2', '/default-pool/pair-clone-1-1-1.qcow2']);
  assert.equal(await volumes(t), ['pair-0.qcow2', 'pair-1.qcow2', 'pair-clone-1-0.qcow2', 'pair-clone-1-1-1.qcow2', 'pair-clone-1-1.qcow2']);
  assert.is((t.store.sqlite.prepare('SELECT count(*) AS n FROM pending_undo').get() as { n: number }).n, 0, 'the journal is clear');
});

test('rollback: the copy of the second disk fails (no room for its full size) — the first copy is deleted, no domain remains', async () => {
  const c = t.client.connection;
  const pool = await c.storagePoolLookupByName('default');
  // The test driver's pool holds 100 GiB and counts a copy at its full capacity; the source is sparse (allocation 0).
  const small = await c.storageVolCreateXML(pool, buildStorageVolXML({ name: 'pair-0.qcow2', capacityBytes: 1 << 20, format: 'qcow2' }));
  const big = await c.storageVolCreateXML(pool, buildStorageVolXML({ name: 'pair-1.qcow2', capacityBytes: 120 * 2 ** 30, allocationBytes: 0, format: 'qcow2' }));
  const disk = async (v: typeof small, dev: string) => `<disk type='file' device='disk'><source file='${await c.storageVolGetPath(v)}'/><target dev='${dev}'/></disk>`;
  await c.domainDefineXML(`<domain type='test'><name>pair</name><memory>65536</memory><os><type>hvm</type></os><devices>${await disk(small, 'hda')}${await disk(big, 'hdb')}</devices></domain>`);
  const done = await settle(t, (await post(t, '/api/vms/pair/clone')).body.id);
  assert.is(done.status, 'failed');
  assert.match(done.message, /^Cloning pair failed while copying the disk pair-clone-1-1\.qcow2: .+ Everything made so far was removed\.$/);
  assert.equal(await volumes(t), ['pair-0.qcow2', 'pair-1.qcow2']);
  assert.equal(await domains(t), ['pair', 'running-vm']);
  assert.is(vmLock(t.store.db, (await c.domainLookupByName('pair')).uuid), undefined);
  assert.is((t.store.sqlite.prepare('SELECT count(*) AS n FROM pending_undo').get() as { n: number }).n, 0, 'nothing left for the next start to undo');
});

test('a disk that is no pool volume cannot be cloned (409), and the lock is released', async () => {
  const c = t.client.connection;
  const dom = await c.domainDefineXML("<domain type='test'><name>loose</name><memory>65536</memory><os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='/elsewhere/x.img'/><target dev='hda'/></disk></devices></domain>");
  const r = await post(t, '/api/vms/loose/clone');
  assert.equal([r.status, r.body.code], [409, 'KCHVMCR0011E']);
  assert.is(vmLock(t.store.db, dom.uuid), undefined);
});

test.run();
