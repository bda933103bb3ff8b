// Disks on QEMU/KVM, for truth: a running guest's disk grows live (domainBlockInfo sees the new size at once), a shrink is
// refused; detaching with delete_volume refuses a volume another VM's overlay sits on (nothing detached, nothing
// deleted), refuses a running guest, and deletes the volume once nobody else uses it. Everything kimchi-test-grow-* is
// removed in finally.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildDomainXML, buildStorageVolXML } from '../../libvirt/xml/index.ts';
import { volumeXML } from '../../handlers/vms/volumes.ts';
import { testName, tinyVM } from '../helpers/qemu.ts';
import { withQemuApp, type QemuWorld } from '../helpers/qemu-app.ts';

const PREFIX = 'kimchi-test-grow-';
const GiB = 1024 ** 3;

type World = QemuWorld;
const withWorld = (fn: (w: World) => Promise<void>) => withQemuApp(PREFIX, fn);

/** A tiny VM on its own 64 MiB volume, defined (and started when asked). */
async function vmWith(w: World, disk: string, start: boolean): Promise<string> {
  const name = testName(PREFIX);
  const dom = await w.conn.domainDefineXML(buildDomainXML(tinyVM(name, w.pool.name, disk)));
  if (start) await w.conn.domainCreate(dom);
  return name;
}

test('a running guest\'s disk grows live and the guest sees it at once; shrinking is refused', () => withWorld(async (w) => {
  await w.conn.storageVolCreateXML(w.pool, buildStorageVolXML({ name: 'a.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
  const vm = await vmWith(w, 'a.qcow2', true);
  const dom = await w.conn.domainLookupByName(vm);
  assert.is((await w.conn.domainGetBlockInfo(dom, 'vda')).capacity, 64 << 20);
  const grown = await w.call('POST', `/api/vms/${vm}/storages/vda/resize`, { size: 1 });
  assert.equal([grown.status, grown.body.dev, grown.body.pending], [200, 'vda', false], JSON.stringify(grown.body));
  assert.is((await w.conn.domainGetBlockInfo(dom, 'vda')).capacity, GiB, 'QEMU reports the new size while running');
  const shrink = await w.call('POST', `/api/vms/${vm}/storages/vda/resize`, { size: 0.5 });
  assert.equal([shrink.status, shrink.body.code], [400, 'KCHVMSTOR0023E']);
  assert.is((await w.conn.domainGetBlockInfo(dom, 'vda')).capacity, GiB);
}));

test('detach with delete_volume refuses a volume under another VM\'s overlay, refuses a running guest, then deletes it', () => withWorld(async (w) => {
  const { conn, pool, dir } = w;
  await conn.storageVolCreateXML(pool, buildStorageVolXML({ name: 'boot.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
  await conn.storageVolCreateXML(pool, buildStorageVolXML({ name: 'data.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
  const owner = await vmWith(w, 'boot.qcow2', false);
  const attached = await w.call('POST', `/api/vms/${owner}/storages`, { type: 'disk', pool: pool.name, vol: 'data.qcow2' });
  assert.equal([attached.status, attached.body.dev], [201, 'vdb'], JSON.stringify(attached.body));
  // Another guest boots from an overlay whose backing file is data.qcow2.
  await conn.storageVolCreateXML(pool, volumeXML({ name: 'overlay.qcow2', capacityBytes: 64 << 20, format: 'qcow2', backing: { path: join(dir, 'data.qcow2'), format: 'qcow2' } }));
  const other = await vmWith(w, 'overlay.qcow2', false);

  const refused = await w.call('DELETE', `/api/vms/${owner}/storages/vdb?delete_volume=true`);
  assert.equal([refused.status, refused.body.code], [409, 'KCHVMSTOR0021E']);
  assert.match(refused.body.reason, other);
  assert.is((await w.call('GET', `/api/vms/${owner}/storages/vdb`)).status, 200, 'still attached');
  assert.ok(existsSync(join(dir, 'data.qcow2')), 'still there');

  await conn.domainUndefine(await conn.domainLookupByName(other));
  await conn.domainCreate(await conn.domainLookupByName(owner));
  const running = await w.call('DELETE', `/api/vms/${owner}/storages/vdb?delete_volume=true`);
  assert.equal([running.status, running.body.code], [409, 'KCHVMSTOR0025E']);
  await conn.domainDestroy(await conn.domainLookupByName(owner));

  const gone = await w.call('DELETE', `/api/vms/${owner}/storages/vdb?delete_volume=true`);
  assert.is(gone.status, 204, JSON.stringify(gone.body));
  assert.is((await w.call('GET', `/api/vms/${owner}/storages/vdb`)).status, 404);
  assert.not.ok(existsSync(join(dir, 'data.qcow2')), 'the volume is deleted');
  assert.ok(existsSync(join(dir, 'boot.qcow2')), 'the other disk is untouched');
}));

test.run();
