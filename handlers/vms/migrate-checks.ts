// Everything a migration needs, checked before anything moves (4xx, nothing changed): hosts, guest, memory,
// networks and disks; the answer is the plan the Task carries out (live, or offline for a shut-off guest).
import { dirname, basename } from 'node:path';
import {
  DisconnectedError, DomainState, DomainXMLFlags, ErrorCode, Feature, LibvirtError, MigrateFlags, MigrateParam,
  type Connection, type Domain, type MigrateParams, type StoragePool,
} from '../../libvirt/index.ts';
import { attr, child, parseDomainXML, parseStoragePoolXML, parseXml, text } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { LOCAL_HOST, type HostConnection } from '../common/hosts.ts';
import { assertUnlocked } from './lock.ts';
import type { VmMigrate } from './migrate-schemas.ts';
import { diskPath, formatBytes } from './volumes.ts';
import { stateName } from './view.ts';

/**
 * A disk made on the destination before the copy: same path (pool and name), size and format. `physical` is the
 * file's size on the source (what an offline copy streams).
 */
export interface PlannedCopy {
  pool: string; name: string; path: string; format: string; capacity: number; physical: number;
  /** Offline: the image this overlay reads through (the destination already has it at the same path). */
  backing?: { path: string; format: string };
}

export interface MigrationPlan {
  name: string;
  dom: Domain;
  source: string;
  dest: HostConnection;
  destConn: Connection;
  copies: PlannedCopy[];
  /** A shut-off guest: libvirt's offline migration (shared) or our own copy through the streams (copy). */
  offline: boolean;
  flags: number;
  params: MigrateParams;
}

const gone = (e: unknown) => e instanceof LibvirtError && (e.code === ErrorCode.NO_STORAGE_VOL || e.code === ErrorCode.NO_STORAGE_POOL);

/** The host's UUID and CPU architecture, from its capabilities. */
async function hostFacts(conn: Connection): Promise<{ uuid: string; arch: string }> {
  const host = child(parseXml(await conn.connectGetCapabilities()).root, 'host');
  return { uuid: text(child(host, 'uuid'))?.trim() ?? '', arch: text(child(child(host, 'cpu'), 'arch'))?.trim() ?? '' };
}

/** The active pool of `conn` whose target directory is `dir`, if any. */
async function poolAt(conn: Connection, dir: string): Promise<StoragePool | undefined> {
  for (const pool of await conn.connectListAllStoragePools()) {
    const xml = await conn.storagePoolGetXMLDesc(pool).catch(() => '');
    if (xml && parseStoragePoolXML(xml).targetPath?.replace(/\/+$/, '') === dir && await conn.storagePoolIsActive(pool)) return pool;
  }
  return undefined;
}

/** Whether a pool of `conn` holds `path` (the pool holding its directory is refreshed first: another host may have made it). */
async function holds(conn: Connection, path: string, pool?: StoragePool): Promise<boolean> {
  const found = () => conn.storageVolLookupByPath(path).then(() => true, (e) => { if (gone(e)) return false; throw e; });
  if (await found()) return true;
  const p = pool ?? await poolAt(conn, dirname(path));
  if (!p) return false;
  await conn.storagePoolRefresh(p).catch(() => undefined);
  return found();
}

/** A volume's backing image (its `<backingStore>`), if it is an overlay. */
function backingOf(volXml: string): PlannedCopy['backing'] {
  const b = child(parseXml(volXml).root, 'backingStore');
  const path = text(child(b, 'path'))?.trim();
  return path ? { path, format: attr(child(b, 'format'), 'type') ?? 'raw' } : undefined;
}

/** The destination named in the body: registered, not the source, connected. */
export function destinationOf(deps: Deps, name: string): { dest: HostConnection; destConn: Connection } {
  const source = deps.host ?? LOCAL_HOST;
  const dest = deps.hosts?.get(name);
  if (!dest) throw new KimchiError(400, 'KCHMIG0001E', { host: name });
  if (dest.name === source) throw new KimchiError(409, 'KCHMIG0003E', { host: name });
  // The other hosts' libvirtds reach `local` only through an address the administrator gives (PUT /api/hosts/local).
  if (!dest.migrationUri) throw new KimchiError(409, 'KCHMIG0023E', { host: name });
  const state = dest.state();
  try {
    if (state.status === 'connected') return { dest, destConn: dest.libvirt.connection };
  } catch (e) {
    if (!(e instanceof DisconnectedError)) throw e;
  }
  throw new KimchiError(409, 'KCHMIG0002E', { host: name, reason: state.status === 'failing' ? state.reason : state.status });
}

export async function planMigration(deps: Deps, name: string, input: VmMigrate): Promise<MigrationPlan> {
  const source = deps.host ?? LOCAL_HOST;
  const conn = deps.libvirt.connection;
  const dom = await conn.domainLookupByName(name).catch((e) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN) throw new KimchiError(404, 'KCHVMCR0013E', { name }, { cause: e });
    throw e;
  });
  const { dest, destConn } = destinationOf(deps, input.destination);
  const host = dest.name;
  const { state } = await conn.domainGetState(dom);
  const offline = state === DomainState.SHUTOFF;
  if (offline && input.live === true) throw new KimchiError(409, 'KCHMIG0020E', { name });
  if (offline && input.persistent === false) throw new KimchiError(409, 'KCHMIG0021E', { name });
  if (!offline && state !== DomainState.RUNNING && state !== DomainState.PAUSED) throw new KimchiError(409, 'KCHMIG0004E', { name, state: stateName[state] ?? 'nostate' });
  assertUnlocked(deps.db, dom.uuid, name);
  for (const f of [Feature.MIGRATION_P2P, Feature.MIGRATION_PARAMS]) {
    if (!(await conn.connectSupportsFeature(f))) throw new KimchiError(409, 'KCHMIG0005E', { host: source });
  }
  const [here, there] = await Promise.all([hostFacts(conn), hostFacts(destConn)]);
  if (here.uuid === there.uuid) throw new KimchiError(409, 'KCHMIG0003E', { host });
  if (here.arch !== there.arch) throw new KimchiError(409, 'KCHMIG0006E', { host, source: here.arch, destination: there.arch });
  const clash = await destConn.domainLookupByName(name).then(() => true, () => destConn.domainLookupByUUID(dom.uuid).then(() => true, () => false));
  if (clash) throw new KimchiError(409, 'KCHMIG0007E', { host, name });

  if (!offline) {
    const needed = (await conn.domainGetInfo(dom)).memory * 1024;
    const free = await destConn.nodeGetFreeMemory();
    if (needed > free) throw new KimchiError(409, 'KCHMIG0008E', { host, needed: formatBytes(needed), available: formatBytes(free) });
  }

  const model = parseDomainXML(await conn.domainGetXMLDesc(dom, offline ? DomainXMLFlags.INACTIVE : 0));
  for (const i of model.devices.interfaces) {
    const network = i.type === 'network' ? i.source?.network : undefined;
    if (!network) continue;
    // Offline, the network must exist there (the guest starts on it later); live, it must be active now.
    const ok = await destConn.networkLookupByName(network).then((n) => (offline ? true : destConn.networkIsActive(n)), () => false);
    if (!ok) throw new KimchiError(409, offline ? 'KCHMIG0024E' : 'KCHMIG0009E', { network, host });
  }

  const copies: PlannedCopy[] = [];
  const room = new Map<string, { pool: StoragePool; available: number; needed: number }>();
  const migrateDisks: string[] = [];
  for (const d of model.devices.disks) {
    let path = diskPath(d);
    if (d.type === 'volume' && d.source?.pool && d.source.volume) {
      path = await conn.storageVolGetPath(await conn.storageVolLookupByName(await conn.storagePoolLookupByName(d.source.pool), d.source.volume));
    }
    if (!path) continue; // an empty CD-ROM drive
    const copied = input.storage === 'copy' && !d.readonly && d.device !== 'cdrom';
    if (!copied) {
      if (!(await holds(destConn, path))) throw new KimchiError(409, 'KCHMIG0010E', { path, host });
      continue;
    }
    if (d.type !== 'file' && d.type !== 'volume') throw new KimchiError(409, 'KCHMIG0011E', { path });
    const pool = await poolAt(destConn, dirname(path));
    if (!pool) throw new KimchiError(409, 'KCHMIG0012E', { path, host });
    if (await holds(destConn, path, pool)) throw new KimchiError(409, 'KCHMIG0013E', { path, host });
    // Offline, our server streams the volume itself: it must be a volume of a pool on the source, and an overlay's
    // backing image must already be on the destination (only the overlay's own file is copied).
    let backing: PlannedCopy['backing'];
    if (offline) {
      if (!(await holds(conn, path))) throw new KimchiError(409, 'KCHMIG0022E', { path, host: source });
      backing = backingOf(await conn.storageVolGetXMLDesc(await conn.storageVolLookupByPath(path)));
      if (backing && !(await holds(destConn, backing.path))) throw new KimchiError(409, 'KCHMIG0027E', { path, backing: backing.path, host });
    }
    const info = await conn.domainGetBlockInfo(dom, d.target.dev);
    const r = room.get(pool.name) ?? { pool, available: (await destConn.storagePoolGetInfo(pool)).available, needed: 0 };
    r.needed += offline ? Math.max(info.physical, info.allocation) : info.allocation;
    room.set(pool.name, r);
    copies.push({ pool: pool.name, name: basename(path), path, format: d.driver?.type ?? 'raw', capacity: info.capacity, physical: info.physical, ...(backing ? { backing } : {}) });
    migrateDisks.push(d.target.dev);
  }
  for (const [pool, r] of room) {
    if (r.needed > r.available) throw new KimchiError(409, 'KCHMIG0014E', { pool, host, needed: formatBytes(r.needed), available: formatBytes(r.available) });
  }

  let flags = MigrateFlags.PEER2PEER;
  // Offline: libvirt moves only the definition (it cannot copy storage offline: migrate-offline.ts does).
  if (offline) flags |= MigrateFlags.OFFLINE | MigrateFlags.PERSIST_DEST;
  else if (input.live !== false) flags |= MigrateFlags.LIVE;
  if (input.persistent) flags |= MigrateFlags.PERSIST_DEST;
  if (input.undefine_source) flags |= MigrateFlags.UNDEFINE_SOURCE;
  if (input.unsafe) flags |= MigrateFlags.UNSAFE;
  if (copies.length && !offline) flags |= MigrateFlags.NON_SHARED_DISK;
  const params: MigrateParams = {};
  // libvirt 9.0 uses this one figure for the memory stream and as each copied disk's mirror speed (see docs).
  if (input.bandwidth_mib_s) params[MigrateParam.BANDWIDTH] = input.bandwidth_mib_s;
  if (copies.length && !offline) params[MigrateParam.MIGRATE_DISKS] = migrateDisks;
  return { name, dom, source, dest, destConn, copies, offline, flags, params };
}
