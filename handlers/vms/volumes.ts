// Storage for new guests: pools checked for state and space, volume XML (overlays, permissions), a disk's volume.
import { ErrorCode, LibvirtError, type Connection, type StoragePool, type StorageVol } from '../../libvirt/index.ts';
import { attr, child, el, parseXml, serializeXml, text, type DiskModel, type XElement } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';

export const GiB = 1024 ** 3;

/** 1.5 GiB, 16.0 MiB … for messages. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return i === 0 ? `${n} bytes` : `${n.toFixed(1)} ${units[i]}`;
}

export interface PoolState { pool: StoragePool; available: number }

/** An existing, active pool and its free bytes: 404 KCHTMPL0004E when missing, 409 KCHVMCR0004E when inactive. */
export async function activePool(conn: Connection, name: string): Promise<PoolState> {
  const pool = await conn.storagePoolLookupByName(name).catch((e) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_POOL) throw new KimchiError(404, 'KCHTMPL0004E', { pool: name }, { cause: e });
    throw e;
  });
  if (!(await conn.storagePoolIsActive(pool))) throw new KimchiError(409, 'KCHVMCR0004E', { pool: name });
  return { pool, available: (await conn.storagePoolGetInfo(pool)).available };
}

export function assertSpace(pool: string, available: number, needed: number): void {
  if (needed > available) {
    throw new KimchiError(409, 'KCHVMCR0003E', { pool, needed: formatBytes(needed), available: formatBytes(available) });
  }
}

export interface VolumeXmlSpec {
  name: string;
  capacityBytes: number;
  format: string;
  /** A qcow2 overlay: the image it reads unwritten blocks from. */
  backing?: { path: string; format: string };
  /** Octal file mode for pools that have files (dir, netfs), e.g. 0444 for a read-only base image. */
  mode?: string;
}

/** `<volume>` for storageVolCreateXML / storageVolCreateXMLFrom, built as a tree (names are user input). */
export function volumeXML(v: VolumeXmlSpec): string {
  const leaf = (name: string, value: string, attrs: Record<string, string> = {}) => el(name, attrs, [{ text: value }]);
  const target: XElement[] = [el('format', { type: v.format })];
  if (v.mode) target.push(el('permissions', {}, [leaf('mode', v.mode)]));
  return serializeXml(el('volume', {}, [
    leaf('name', v.name),
    leaf('capacity', String(Math.ceil(v.capacityBytes)), { unit: 'bytes' }),
    el('target', {}, target),
    ...(v.backing ? [el('backingStore', {}, [leaf('path', v.backing.path), el('format', { type: v.backing.format })])] : []),
  ]));
}

/** What storageVolGetXMLDesc says about a volume: format, permissions mode, backing path. */
export function parseVolumeXML(xml: string): { format?: string; mode?: string; backingPath?: string } {
  const { root } = parseXml(xml);
  const target = child(root, 'target');
  return {
    format: attr(child(target, 'format'), 'type'),
    mode: text(child(child(target, 'permissions'), 'mode'))?.trim(),
    backingPath: text(child(child(root, 'backingStore'), 'path'))?.trim(),
  };
}

/** The host path a disk reads (file or block device), if it has one. */
export const diskPath = (d: DiskModel): string | undefined => d.source?.file ?? d.source?.dev;

/** The storage volume behind a guest disk, or 409 KCHVMCR0011E (a path no active pool knows, or no source). */
export async function volumeOfDisk(conn: Connection, d: DiskModel, vm: string): Promise<StorageVol> {
  const path = diskPath(d) ?? (d.source?.volume ? `${d.source.pool}/${d.source.volume}` : '(none)');
  try {
    if (d.source?.pool && d.source.volume) return await conn.storageVolLookupByName(await conn.storagePoolLookupByName(d.source.pool), d.source.volume);
    if (path !== '(none)') return await conn.storageVolLookupByPath(path);
  } catch (e) {
    const missing = e instanceof LibvirtError && (e.code === ErrorCode.NO_STORAGE_VOL || e.code === ErrorCode.NO_STORAGE_POOL);
    if (!missing) throw e;
  }
  throw new KimchiError(409, 'KCHVMCR0011E', { path, name: vm });
}

/** Point a disk at a volume: a path for file/block disks, pool + name for `type='volume'` disks. */
export function pointDiskAt(d: DiskModel, vol: StorageVol, path: string): void {
  if (d.type === 'volume') d.source = { pool: vol.pool, volume: vol.name };
  else if (d.type === 'block') d.source = { dev: path };
  else d.source = { file: path };
}

/**
 * Free volume names for one plan: `<stem>.<ext>`, else `<stem>-1.<ext>`, `-2`… A volume left behind under the
 * planned name (a copy cut off by a kill, one made with virsh) never blocks new work. Each pool is listed once,
 * and names handed out count as taken.
 */
export function volumeNamer(conn: Connection): (pool: string, stem: string, ext: string) => Promise<string> {
  const pools = new Map<string, Promise<Set<string>>>();
  const names = (pool: string) => {
    if (!pools.has(pool)) {
      pools.set(pool, conn.storagePoolLookupByName(pool).then((p) => conn.storagePoolListAllVolumes(p)).then((vols) => new Set(vols.map((v) => v.name))));
    }
    return pools.get(pool)!;
  };
  return async (pool, stem, ext) => {
    const taken = await names(pool);
    for (let n = 0; ; n++) {
      const name = n ? `${stem}-${n}.${ext}` : `${stem}.${ext}`;
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
  };
}

/** File extension Kimchi gives a volume of this format. */
export const volumeExt = (format: string | undefined) => (format === 'qcow2' ? 'qcow2' : 'img');
