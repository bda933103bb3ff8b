// DELETE /vms/:name and its plan over the test driver: own volumes go; CD-ROMs, shared volumes, template bases stay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getVmMeta, insertTemplate, lockVm, putVmMeta, unlockVm } from '../../db/index.ts';
import type { DiskModel } from '../../libvirt/xml/index.ts';
import { buildDomainXML, buildStorageVolXML, type DomainModel } from '../../libvirt/xml/index.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp({ domains: [] }); });
test.after(async () => { await t.cleanup(); });

const file = (dev: string, path: string, device = 'disk', readonly = false): DiskModel =>
  ({ type: 'file', device, source: { file: path }, target: { dev, bus: dev.startsWith('sd') ? 'sata' : 'ide' }, ...(readonly ? { readonly } : {}) });

function model(name: string, disks: DiskModel[]): DomainModel {
  return {
    type: 'test', name, memory: 262144, vcpu: 1, os: { type: 'hvm', boot: ['hd'] }, features: [], metadata: [],
    devices: { disks, interfaces: [], graphics: [], consoles: [], serials: [] },
  };
}

async function volumes(): Promise<string[]> {
  const c = t.client.connection;
  return (await c.storagePoolListAllVolumes(await c.storagePoolLookupByName('default'))).map((v) => v.name).sort();
}

async function makeVolumes(names: string[]): Promise<void> {
  const c = t.client.connection;
  const pool = await c.storagePoolLookupByName('default');
  for (const name of names) await c.storageVolCreateXML(pool, buildStorageVolXML({ name, capacityBytes: 1 << 20, format: name.endsWith('.iso') ? 'raw' : 'qcow2' }));
}

async function cleanup(names: string[]): Promise<void> {
  const c = t.client.connection;
  for (const d of await c.connectListAllDomains()) {
    if (!names.includes(d.name)) continue;
    await c.domainDestroy(d).catch(() => {});
    await c.domainUndefine(d).catch(() => {});
  }
  const pool = await c.storagePoolLookupByName('default');
  for (const v of await c.storagePoolListAllVolumes(pool)) await c.storageVolDelete(v).catch(() => {});
}

const P = '/default-pool';

test('the plan lists own volumes to delete and kept ones with reasons; DELETE does exactly that', async () => {
  const c = t.client.connection;
  try {
    await makeVolumes(['own.qcow2', 'own2.qcow2', 'shared.qcow2', 'base.qcow2', 'install.iso', 'ro.qcow2']);
    insertTemplate(t.store.db, 'golden', { name: 'golden', disks: [{ index: 0, size: 1, base: `${P}/base.qcow2` }] });
    const victim = await c.domainDefineXML(buildDomainXML(model('victim', [
      file('hda', `${P}/own.qcow2`),
      { type: 'volume', device: 'disk', source: { pool: 'default', volume: 'own2.qcow2' }, target: { dev: 'hdb', bus: 'ide' } },
      file('hdc', `${P}/install.iso`, 'cdrom', true),
      file('hdd', `${P}/shared.qcow2`),
      file('sda', `${P}/base.qcow2`),
      file('sdb', '/srv/elsewhere/data.img'),
      file('sdc', `${P}/ro.qcow2`, 'disk', true),
    ])));
    await c.domainDefineXML(buildDomainXML(model('neighbour', [file('hda', `${P}/shared.qcow2`)])));
    putVmMeta(t.store.db, victim.uuid, { template: 'golden' });
    await c.domainCreate(victim);

    const plan = await json(t.app.request('/api/vms/victim/deletion'));
    assert.is(plan.status, 200);
    assert.equal(plan.body.delete, [
      { dev: 'hda', path: `${P}/own.qcow2`, pool: 'default', volume: 'own.qcow2' },
      { dev: 'hdb', path: `${P}/own2.qcow2`, pool: 'default', volume: 'own2.qcow2' },
    ]);
    const keep = Object.fromEntries(plan.body.keep.map((k: { path: string; reason: string; by: string[]; message: string }) => [k.path, [k.reason, k.by, k.message]]));
    assert.equal(keep, {
      [`${P}/install.iso`]: ['cdrom', [], 'an install medium (CD-ROM) is never deleted'],
      [`${P}/shared.qcow2`]: ['shared', ['neighbour'], 'also used by neighbour'],
      [`${P}/base.qcow2`]: ['template', ['golden'], 'base image of the template golden'],
      '/srv/elsewhere/data.img': ['not_volume', [], 'not a volume of a libvirt storage pool'],
      [`${P}/ro.qcow2`]: ['readonly', [], 'attached read-only, so it may be shared'],
    });
    const pt = await json(t.app.request('/api/vms/victim/deletion', { headers: { 'Accept-Language': 'pt-BR' } }));
    assert.ok(pt.body.keep.some((k: { message: string }) => k.message === 'também usado por neighbour'));

    const del = await t.app.request('/api/vms/victim', { method: 'DELETE' });
    assert.is(del.status, 204);
    assert.equal(await volumes(), ['base.qcow2', 'install.iso', 'ro.qcow2', 'shared.qcow2']);
    assert.not.ok((await c.connectListAllDomains()).some((d) => d.name === 'victim'), 'running VM destroyed and undefined');
    assert.ok((await c.connectListAllDomains()).some((d) => d.name === 'neighbour'));
    assert.is(getVmMeta(t.store.db, victim.uuid), undefined, 'metadata gone');
    assert.is((await json(t.app.request('/api/vms/victim'))).status, 404);
  } finally {
    await cleanup(['victim', 'neighbour']);
  }
});

test('a volume shared with a VM made elsewhere is found from that VM\'s volume-type disk too', async () => {
  const c = t.client.connection;
  try {
    await makeVolumes(['common.qcow2', 'mine.qcow2']);
    await c.domainDefineXML(buildDomainXML(model('a-vm', [file('hda', `${P}/common.qcow2`), file('hdb', `${P}/mine.qcow2`)])));
    await c.domainDefineXML(buildDomainXML(model('b-vm', [
      { type: 'volume', device: 'disk', source: { pool: 'default', volume: 'common.qcow2' }, target: { dev: 'hda', bus: 'ide' } }])));
    const plan = (await json(t.app.request('/api/vms/a-vm/deletion'))).body;
    assert.equal(plan.delete.map((d: { volume: string }) => d.volume), ['mine.qcow2']);
    assert.equal(plan.keep.map((k: { reason: string; by: string[] }) => [k.reason, k.by]), [['shared', ['b-vm']]]);
    assert.is((await t.app.request('/api/vms/a-vm', { method: 'DELETE' })).status, 204);
    assert.equal(await volumes(), ['common.qcow2']);
  } finally {
    await cleanup(['a-vm', 'b-vm']);
  }
});

test('a VM without disks, or whose volumes are already gone, is still deleted', async () => {
  const c = t.client.connection;
  try {
    await c.domainDefineXML(buildDomainXML(model('diskless', [])));
    await c.domainDefineXML(buildDomainXML(model('orphan', [file('hda', `${P}/vanished.qcow2`)])));
    assert.equal((await json(t.app.request('/api/vms/diskless/deletion'))).body, { name: 'diskless', delete: [], keep: [] });
    assert.is((await t.app.request('/api/vms/diskless', { method: 'DELETE' })).status, 204);
    assert.is((await t.app.request('/api/vms/orphan', { method: 'DELETE' })).status, 204);
    assert.equal((await c.connectListAllDomains()).map((d) => d.name).filter((n) => ['diskless', 'orphan'].includes(n)), []);
  } finally {
    await cleanup(['diskless', 'orphan']);
  }
});

test('a VM busy with a long operation is not deleted', async () => {
  const c = t.client.connection;
  try {
    await makeVolumes(['busy.qcow2']);
    const dom = await c.domainDefineXML(buildDomainXML(model('busy', [file('hda', `${P}/busy.qcow2`)])));
    lockVm(t.store.db, dom.uuid, 'template from VM');
    const r = await json(t.app.request('/api/vms/busy', { method: 'DELETE' }));
    unlockVm(t.store.db, dom.uuid);
    assert.equal([r.status, r.body.code], [409, 'KCHVM0009E']);
    assert.equal(await volumes(), ['busy.qcow2']);
  } finally {
    await cleanup(['busy']);
  }
});

test.run();
