// Storage volumes: views (with used_by and ISO facts), create with space and name checks, resize, wipe, delete.
import { type Connection, ErrorCode, LibvirtError, type StoragePool as PoolHandle, type StorageVol } from '../../libvirt/index.ts';
import { buildStorageVolXML, parseStoragePoolXML, parseStorageVolXML } from '../../libvirt/xml/index.ts';
import type { Db } from '../../db/index.ts';
import { KimchiError } from '../common/errors.ts';
import { probeIso } from './isos/probe.ts';
import { lookupPool } from './pools-service.ts';
import type { StorageVolume, VolumeInput } from './schemas.ts';
import { type StorageUsage, storageUsage } from './usage.ts';
import { othersUsage, templateBases } from '../vms/deletion-plan.ts';

/** Kimchi's target_uri of a volume (also the upload task's). */
export const volumeUri = (pool: string, name: string) =>
  `/plugins/kimchi/storagepools/${encodeURIComponent(pool)}/storagevolumes/${encodeURIComponent(name)}`;

/** Types whose pools cannot make volumes through libvirt (LUNs come from the target or the adapter). */
const NO_NEW_VOLUMES = new Set(['iscsi', 'scsi', 'mpath']);
/** Types whose volumes have no image format. */
const FORMATLESS = new Set(['logical', 'disk', 'iscsi', 'scsi']);

export interface VolumeContext { conn: Connection; db: Db; local: boolean }

/** An active pool: 404 when missing, 409 when inactive. */
export async function activePool(conn: Connection, name: string): Promise<PoolHandle> {
  const pool = await lookupPool(conn, name);
  if (!(await conn.storagePoolIsActive(pool))) throw new KimchiError(409, 'KCHPOOL0007E', { name });
  return pool;
}

export async function lookupVol(conn: Connection, pool: PoolHandle, name: string): Promise<StorageVol> {
  try {
    return await conn.storageVolLookupByName(pool, name);
  } catch (e) {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL) throw new KimchiError(404, 'KCHVOL0002E', { name, pool: pool.name }, { cause: e });
    throw e;
  }
}

export async function volumeView(ctx: VolumeContext, vol: StorageVol, usage: StorageUsage): Promise<StorageVolume> {
  const [xml, info] = await Promise.all([ctx.conn.storageVolGetXMLDesc(vol), ctx.conn.storageVolGetInfo(vol)]);
  const m = parseStorageVolXML(xml);
  const path = m.path ?? '';
  const usedBy = usage.vmsOf({ path, pool: vol.pool, name: vol.name });
  const v: StorageVolume = {
    name: vol.name, path, type: m.type, capacity: info.capacity, allocation: info.allocation, format: m.format ?? 'raw',
    used_by: usedBy, ref_cnt: usedBy.length, isvalid: true,
  };
  if (ctx.local && (v.format === 'iso' || /\.iso$/i.test(v.name))) {
    const iso = await probeIso(ctx.db, path);
    v.bootable = iso?.bootable ?? false;
    v.isvalid = iso !== undefined;
    if (iso) { v.os_distro = iso.osDistro; v.os_version = iso.osVersion; }
  }
  return v;
}

export async function listVolumes(ctx: VolumeContext, poolName: string): Promise<StorageVolume[]> {
  const pool = await activePool(ctx.conn, poolName);
  const [vols, usage] = await Promise.all([ctx.conn.storagePoolListAllVolumes(pool), storageUsage(ctx.conn)]);
  const views = await Promise.all(vols.map((v) => volumeView(ctx, v, usage).catch((e: unknown) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL) return undefined;
    throw e;
  })));
  return views.filter((v): v is StorageVolume => v !== undefined).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getVolume(ctx: VolumeContext, poolName: string, name: string): Promise<StorageVolume> {
  const pool = await activePool(ctx.conn, poolName);
  return volumeView(ctx, await lookupVol(ctx.conn, pool, name), await storageUsage(ctx.conn));
}

/** The checks every new volume passes: name, pool type, free name, free space. Returns the pool and the volume XML. */
export async function prepareVolume(conn: Connection, poolName: string, input: { name: string; capacity: number; format?: string })
  : Promise<{ pool: PoolHandle; xml: string; type: string; available: number }> {
  if (input.name.startsWith('.')) throw new KimchiError(400, 'KCHVOL0005E', { name: input.name });
  const pool = await activePool(conn, poolName);
  const type = parseStoragePoolXML(await conn.storagePoolGetXMLDesc(pool)).type;
  if (NO_NEW_VOLUMES.has(type)) throw new KimchiError(409, 'KCHVOL0010E', { pool: poolName, type });
  const exists = await conn.storageVolLookupByName(pool, input.name).then(() => true, (e: unknown) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL) return false;
    throw e;
  });
  if (exists) throw new KimchiError(409, 'KCHVOL0001E', { name: input.name, pool: poolName });
  const info = await conn.storagePoolGetInfo(pool);
  if (input.capacity > info.available) {
    throw new KimchiError(409, 'KCHVOL0004E', { pool: poolName, available: info.available, requested: input.capacity });
  }
  const format = FORMATLESS.has(type) ? undefined : input.format ?? 'raw';
  return { pool, xml: buildStorageVolXML({ name: input.name, capacityBytes: input.capacity, format }), type, available: info.available };
}

/**
 * Make the volume prepareVolume checked. Requests for one name in parallel all pass that check and libvirt refuses
 * all but one (its code differs by driver): when the name is taken by then, the answer is the check's own 409.
 */
export async function makeVolume(conn: Connection, pool: PoolHandle, xml: string, name: string): Promise<StorageVol> {
  try {
    return await conn.storageVolCreateXML(pool, xml);
  } catch (e) {
    if (!(e instanceof LibvirtError)) throw e;
    const taken = await conn.storageVolLookupByName(pool, name).then(() => true, () => false);
    if (taken) throw new KimchiError(409, 'KCHVOL0001E', { name, pool: pool.name }, { cause: e });
    throw e;
  }
}

export async function createVolume(ctx: VolumeContext, poolName: string, input: VolumeInput): Promise<StorageVolume> {
  const { pool, xml } = await prepareVolume(ctx.conn, poolName, input);
  const vol = await makeVolume(ctx.conn, pool, xml, input.name);
  return volumeView(ctx, vol, await storageUsage(ctx.conn));
}

/** No VM uses the volume: what refuseWhenUsed leaves for the view. */
const UNUSED: StorageUsage = { uses: [], vmsOf: () => [] };

/**
 * 409 when changing the volume would break something: a VM reaches it (as a disk, or as the backing file under a
 * disk, live or in the saved config — the same walk VM deletion uses), or a template is built on it.
 */
async function refuseWhenUsed(ctx: VolumeContext, vol: StorageVol): Promise<StorageUsage> {
  const [usage, path] = await Promise.all([othersUsage(ctx.conn), ctx.conn.storageVolGetPath(vol)]);
  const vms = [...(usage.get(path) ?? [])].sort();
  if (vms.length) throw new KimchiError(409, 'KCHVOL0003E', { name: vol.name, vms: vms.join(', ') });
  const templates = templateBases(ctx.db).get(path);
  if (templates) throw new KimchiError(409, 'KCHVOL0013E', { name: vol.name, templates: templates.join(', ') });
  return UNUSED;
}

export async function deleteVolume(ctx: VolumeContext, poolName: string, name: string): Promise<void> {
  const vol = await lookupVol(ctx.conn, await activePool(ctx.conn, poolName), name);
  await refuseWhenUsed(ctx, vol);
  await ctx.conn.storageVolDelete(vol);
}

const SHRINK = 4; // VIR_STORAGE_VOL_RESIZE_SHRINK

export async function resizeVolume(ctx: VolumeContext, poolName: string, name: string, size: number): Promise<StorageVolume> {
  const pool = await activePool(ctx.conn, poolName);
  const vol = await lookupVol(ctx.conn, pool, name);
  const usage = await refuseWhenUsed(ctx, vol);
  const info = await ctx.conn.storageVolGetInfo(vol);
  if (size > info.capacity) {
    const avail = (await ctx.conn.storagePoolGetInfo(pool)).available;
    if (size - info.capacity > avail) throw new KimchiError(409, 'KCHVOL0004E', { pool: poolName, available: avail, requested: size - info.capacity });
  }
  await ctx.conn.storageVolResize(vol, size, size < info.capacity ? SHRINK : 0);
  return volumeView(ctx, vol, usage);
}

export async function wipeVolume(ctx: VolumeContext, poolName: string, name: string): Promise<StorageVolume> {
  const vol = await lookupVol(ctx.conn, await activePool(ctx.conn, poolName), name);
  const usage = await refuseWhenUsed(ctx, vol);
  await ctx.conn.storageVolWipe(vol, 0);
  return volumeView(ctx, vol, usage);
}
