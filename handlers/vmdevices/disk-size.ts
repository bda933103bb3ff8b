// A disk's volume grown (live with blockResize on a running guest, else through its pool) or deleted after a detach,
// each behind the same safety walk as VM deletion: no other VM's disk or overlay and no template sits on the volume.
import type { Connection, StorageVol } from '../../libvirt/index.ts';
import type { DiskModel } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { Locale } from '../i18n/index.ts';
import { othersUsage, templateBases } from '../vms/deletion-plan.ts';
import { GiB } from '../vms/volumes.ts';
import { change, readDevices, readForChange, type VmDevices } from './domain.ts';
import type { Storage } from './schemas.ts';
import { findDisk, storageView } from './storage-view.ts';

const pathOf = (d: DiskModel) => d.source?.file ?? d.source?.dev;

/** The pool volume behind a disk (file or block disks only; a CD-ROM or network disk is refused). */
async function diskVolume(conn: Connection, vm: VmDevices, d: DiskModel): Promise<{ vol: StorageVol; path: string }> {
  if (d.device !== 'disk') throw new KimchiError(400, 'KCHVMSTOR0002E', { dev: d.target.dev, type: d.device });
  const { pool, volume } = d.source ?? {};
  const path = pathOf(d) ?? `${pool ?? '?'}/${volume ?? '?'}`;
  const refused = () => { throw new KimchiError(409, 'KCHVMSTOR0020E', { dev: d.target.dev, name: vm.dom.name, path }); };
  const vol = pool && volume
    ? await conn.storagePoolLookupByName(pool).then((p) => conn.storageVolLookupByName(p, volume)).catch(refused)
    : pathOf(d) ? await conn.storageVolLookupByPath(path).catch(refused) : refused();
  return { vol, path: await conn.storageVolGetPath(vol) };
}

/** 409 when another VM (as its disk or under its overlay) or a template's base image uses the path. */
export async function assertUnshared(deps: Deps, vm: VmDevices, path: string, dev: string): Promise<void> {
  const users = [...((await othersUsage(deps.libvirt.connection, vm.dom)).get(path) ?? [])].sort();
  if (users.length) throw new KimchiError(409, 'KCHVMSTOR0021E', { dev, name: vm.dom.name, vms: users.join(', ') });
  const templates = templateBases(deps.db).get(path);
  if (templates) throw new KimchiError(409, 'KCHVMSTOR0022E', { dev, name: vm.dom.name, templates: templates.join(', ') });
}

/** Grow a disk to `size` GiB: the guest sees it at once when it runs (blockResize), else the volume grows in its pool. */
export async function resizeDisk(deps: Deps, locale: Locale, name: string, dev: string, size: number): Promise<Storage> {
  const conn = deps.libvirt.connection;
  const vm = await readForChange(deps, name);
  const { item } = findDisk(vm, dev);
  const { vol, path } = await diskVolume(conn, vm, item);
  const bytes = Math.ceil(size * GiB);
  const now = (await conn.storageVolGetInfo(vol)).capacity;
  if (bytes <= now) throw new KimchiError(400, 'KCHVMSTOR0023E', { dev, size, current: Math.round((now / GiB) * 100) / 100 });
  await assertUnshared(deps, vm, path, dev); // an overlay on top of it would not see the new size
  const live = vm.running && vm.live.devices.disks.some((d) => d.target.dev === dev);
  await change('KCHVMSTOR0024E', { name, dev }, () => (live ? conn.domainBlockResize(vm.dom, dev, bytes) : conn.storageVolResize(vol, bytes)));
  return storageView(conn, locale, findDisk(await readDevices(deps, name), dev));
}

/** Before a detach that also deletes: a shut-off VM, a pool volume, nobody else on it. */
export async function planVolumeDelete(deps: Deps, vm: VmDevices, d: DiskModel): Promise<StorageVol> {
  if (vm.running) throw new KimchiError(409, 'KCHVMSTOR0025E', { dev: d.target.dev, name: vm.dom.name });
  const { vol, path } = await diskVolume(deps.libvirt.connection, vm, d);
  await assertUnshared(deps, vm, path, d.target.dev);
  return vol;
}
