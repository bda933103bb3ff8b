// The storages service: list, attach (new or existing volume, host path, CD-ROM, with disk options), change or eject a CD-ROM's medium, detach.
import type { StorageVol } from '../../libvirt/index.ts';
import { buildDiskDeviceXML, type DiskModel } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { checkCdromPath } from '../common/cdrom-path.ts';
import { checkDiskPath } from '../common/disk-path.ts';
import { hostOf, LOCAL_HOST } from '../common/hosts.ts';
import { KimchiError } from '../common/errors.ts';
import type { Locale } from '../i18n/index.ts';
import { translate } from '../i18n/index.ts';
import { othersUsage, templateBases } from '../vms/deletion-plan.ts';
import { activePool, assertSpace, GiB, parseVolumeXML, volumeExt, volumeXML } from '../vms/volumes.ts';
import { applyDiskOptions, editDisk } from './disk-edit.ts';
import { planVolumeDelete } from './disk-size.ts';
import { affect, change, changeError, readDevices, readForChange, type VmDevices } from './domain.ts';
import type { CdromCreate, DiskCreate, Storage, StorageCreate, StorageUpdate } from './schemas.ts';
import { findDisk, HOTPLUG_BUSES, mergedDisks, pickDev, storageView } from './storage-view.ts';

export async function listStorages(deps: Deps, locale: Locale, name: string): Promise<Storage[]> {
  const vm = await readDevices(deps, name);
  return Promise.all(mergedDisks(vm).map((m) => storageView(deps.libvirt.connection, locale, m)));
}

export async function getStorage(deps: Deps, locale: Locale, name: string, dev: string): Promise<Storage> {
  return storageView(deps.libvirt.connection, locale, findDisk(await readDevices(deps, name), dev));
}

/** 409 when the bus cannot change a running transient VM (no saved definition to change instead). */
function assertChangeable(vm: VmDevices, bus: string): boolean {
  const live = HOTPLUG_BUSES.has(bus);
  if (vm.running && !live && !vm.persistent) throw new KimchiError(409, 'KCHVMSTOR0008E', { bus, name: vm.dom.name });
  return live;
}

/** A volume for a new disk: `<vm>-<dev>.<ext>`, or with -2, -3 … when the pool already has that name. */
async function newVolume(deps: Deps, vm: VmDevices, body: DiskCreate, dev: string): Promise<{ vol: StorageVol; format: string }> {
  const conn = deps.libvirt.connection;
  const { pool, available } = await activePool(conn, body.pool!); // the schema: pool with size
  const bytes = Math.ceil(body.size! * GiB);
  const format = body.format ?? 'qcow2';
  if (format === 'raw') assertSpace(pool.name, available, bytes); // qcow2 grows on demand
  const taken = new Set((await conn.storagePoolListAllVolumes(pool)).map((v) => v.name));
  let volName = `${vm.dom.name}-${dev}.${volumeExt(format)}`;
  for (let n = 2; taken.has(volName); n++) volName = `${vm.dom.name}-${dev}-${n}.${volumeExt(format)}`;
  const vol = await conn.storageVolCreateXML(pool, volumeXML({ name: volName, capacityBytes: bytes, format }));
  return { vol, format };
}

/**
 * An existing volume: active pool, a file or block image, not reached by any VM yet (as a disk or under one as its
 * backing file) and no template's base image — writing to it would break what is built on it.
 */
async function existingVolume(deps: Deps, vm: VmDevices, body: DiskCreate): Promise<{ vol: StorageVol; format: string; block: boolean; path: string }> {
  const conn = deps.libvirt.connection;
  const { pool } = await activePool(conn, body.pool!); // the schema: pool with vol
  const vol = await conn.storageVolLookupByName(pool, body.vol!);
  const [info, path, xml] = await Promise.all([conn.storageVolGetInfo(vol), conn.storageVolGetPath(vol), conn.storageVolGetXMLDesc(vol)]);
  if (info.type !== 0 && info.type !== 1) throw new KimchiError(409, 'KCHVMSTOR0013E', { pool: pool.name, vol: vol.name, type: info.type });
  const users = [...((await othersUsage(conn)).get(path) ?? [])].sort();
  if (users.includes(vm.dom.name)) throw new KimchiError(409, 'KCHVMSTOR0003E', { pool: pool.name, vol: vol.name, name: vm.dom.name });
  if (users.length) throw new KimchiError(409, 'KCHVMSTOR0004E', { pool: pool.name, vol: vol.name, vms: users.join(', ') });
  const templates = templateBases(deps.db).get(path);
  if (templates) throw new KimchiError(409, 'KCHVOL0013E', { name: vol.name, templates: templates.join(', ') });
  return { vol, format: parseVolumeXML(xml).format ?? 'raw', block: info.type === 1, path };
}

/**
 * A host file or block device (checked where we can see it: on this machine), used by no other VM and no template's
 * base image. Its format: what the volume says when it is one, else qcow2 by its magic, else raw (QEMU is never left to guess).
 */
async function hostPath(deps: Deps, vm: VmDevices, path: string): Promise<{ vol: undefined; format: string; block: boolean; path: string }> {
  const conn = deps.libvirt.connection;
  const { real, block, qcow2 } = hostOf(deps) === LOCAL_HOST ? await checkDiskPath(path) : { real: path, block: path.startsWith('/dev/'), qcow2: false };
  const usage = await othersUsage(conn);
  const users = [...new Set([...(usage.get(real) ?? []), ...(usage.get(path) ?? [])])].sort();
  if (users.includes(vm.dom.name)) throw new KimchiError(409, 'KCHVMSTOR0035E', { path, name: vm.dom.name });
  if (users.length) throw new KimchiError(409, 'KCHVMSTOR0036E', { path, vms: users.join(', ') });
  const templates = templateBases(deps.db).get(real) ?? templateBases(deps.db).get(path);
  if (templates) throw new KimchiError(409, 'KCHVOL0013E', { name: path, templates: templates.join(', ') });
  const vol = await conn.storageVolLookupByPath(real).catch(() => undefined);
  const format = vol ? parseVolumeXML(await conn.storageVolGetXMLDesc(vol)).format ?? 'raw' : qcow2 ? 'qcow2' : 'raw';
  return { vol: undefined, format, block, path: real };
}

async function attachDisk(deps: Deps, vm: VmDevices, body: DiskCreate): Promise<{ dev: string; live: boolean }> {
  const conn = deps.libvirt.connection;
  const bus = body.bus ?? 'virtio';
  const live = assertChangeable(vm, bus);
  const dev = pickDev(vm, bus, body.dev);
  const made = body.path !== undefined ? { ...(await hostPath(deps, vm, body.path)), fresh: false }
    : body.size !== undefined ? { ...(await newVolume(deps, vm, body, dev)), block: false, fresh: true, path: undefined }
      : { ...(await existingVolume(deps, vm, body)), fresh: false };
  try {
    const path = made.path ?? await conn.storageVolGetPath(made.vol!); // inside: a new volume is deleted if this fails
    const disk = applyDiskOptions({
      type: made.block ? 'block' : 'file', device: 'disk', driver: { name: 'qemu', type: made.format },
      source: made.block ? { dev: path } : { file: path }, target: { dev, bus },
    }, body);
    await conn.domainAttachDeviceFlags(vm.dom, buildDiskDeviceXML(disk), affect(vm, live));
  } catch (e) {
    if (!made.fresh || !made.vol) throw changeError('KCHVMSTOR0009E', { name: vm.dom.name }, e);
    await conn.storageVolDelete(made.vol).catch((err: unknown) => deps.logger?.warn({ err, vol: made.vol }, 'rollback: volume not deleted'));
    throw changeError('KCHVMSTOR0010E', { name: vm.dom.name, vol: made.vol.name }, e);
  }
  return { dev, live };
}

async function attachCdrom(deps: Deps, vm: VmDevices, body: CdromCreate): Promise<{ dev: string; live: boolean }> {
  const bus = body.bus ?? (/q35/.test(vm.live.os.machine ?? '') ? 'sata' : 'ide');
  const live = assertChangeable(vm, bus);
  const dev = pickDev(vm, bus, body.dev);
  if (body.path) await checkCdromPath(deps.libvirt.connection, body.path);
  const disk: DiskModel = {
    type: 'file', device: 'cdrom', driver: { name: 'qemu', type: 'raw' },
    ...(body.path ? { source: { file: body.path } } : {}), target: { dev, bus }, readonly: true,
  };
  await change('KCHVMSTOR0009E', { name: vm.dom.name },
    () => deps.libvirt.connection.domainAttachDeviceFlags(vm.dom, buildDiskDeviceXML(disk), affect(vm, live)));
  return { dev, live };
}

/** Attach; hot-plugged where the VM runs and the bus allows, else saved for the next boot (pending). */
export async function attachStorage(deps: Deps, locale: Locale, name: string, body: StorageCreate): Promise<Storage> {
  const vm = await readForChange(deps, name);
  const { dev } = body.type === 'disk' ? await attachDisk(deps, vm, body) : await attachCdrom(deps, vm, body);
  return getStorage(deps, locale, name, dev);
}

/**
 * A CD-ROM's medium changed or ejected, live where the VM runs and in the saved definition; or a disk's bus and
 * options changed on a shut-off VM (disk-edit.ts).
 */
export async function updateStorage(deps: Deps, locale: Locale, name: string, dev: string, body: StorageUpdate): Promise<Storage> {
  const vm = await readForChange(deps, name);
  const { item } = findDisk(vm, dev);
  if (body.path === undefined) return getStorage(deps, locale, name, await editDisk(deps, vm, item, body));
  if (item.device !== 'cdrom') throw new KimchiError(400, 'KCHVMSTOR0002E', { dev, type: item.device });
  if (body.path) await checkCdromPath(deps.libvirt.connection, body.path);
  const next: DiskModel = { ...item, type: 'file', source: body.path ? { file: body.path } : undefined, readonly: true };
  const inLive = vm.live.devices.disks.some((d) => d.target.dev === dev);
  const inConfig = !!vm.config?.devices.disks.some((d) => d.target.dev === dev);
  await change('KCHVMSTOR0011E', { name, dev },
    () => deps.libvirt.connection.domainUpdateDeviceFlags(vm.dom, buildDiskDeviceXML(next), affect(vm, inLive, inConfig)));
  return getStorage(deps, locale, name, dev);
}

/**
 * Detach; undefined when the device is gone, else its view (pending: saved for the next boot, or the guest has not let
 * go). With `deleteVolume` (a shut-off VM only) its volume is deleted after it, unless another VM or a template uses it.
 */
export async function detachStorage(deps: Deps, locale: Locale, name: string, dev: string, deleteVolume = false): Promise<Storage | undefined> {
  const vm = await readForChange(deps, name);
  const { item } = findDisk(vm, dev);
  const doomed = deleteVolume ? await planVolumeDelete(deps, vm, item) : undefined;
  const liveOk = assertChangeable(vm, item.target.bus ?? '');
  const inLive = vm.live.devices.disks.some((d) => d.target.dev === dev);
  const inConfig = !!vm.config?.devices.disks.some((d) => d.target.dev === dev);
  const flags = affect(vm, inLive && liveOk, inConfig);
  if (flags) {
    await change('KCHVMSTOR0012E', { name, dev }, () => deps.libvirt.connection.domainDetachDeviceFlags(vm.dom, buildDiskDeviceXML(item), flags));
  }
  const after = mergedDisks(await readDevices(deps, name)).find((m) => m.item.target.dev === dev);
  if (!after) {
    if (doomed) await change('KCHVMSTOR0026E', { name, dev, vol: doomed.name }, () => deps.libvirt.connection.storageVolDelete(doomed));
    return undefined;
  }
  const stuck = vm.running && inLive && liveOk && after.pending;
  return storageView(deps.libvirt.connection, locale, after, translate(locale, stuck ? 'vmdev.unplug' : 'vmdev.pending'));
}
