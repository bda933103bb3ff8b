// Storage pools: list and view, create (define → build → start → autostart, undone on failure), actions, delete.
import { type Connection, ErrorCode, LibvirtError, SecretUsage, type Secret, type StoragePool as PoolHandle } from '../../libvirt/index.ts';
import {
  buildStoragePoolXML, el, parseStoragePoolSourceOf, parseStoragePoolXML, serializeXml, type StoragePoolSourceModel,
} from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import pLimit from 'p-limit';
import { CHAP_USAGE_PREFIX, chapUsage, needsBuild, poolSpec } from './pool-spec.ts';
import type { PoolInput, StoragePool } from './schemas.ts';
import { storageUsage, vmsInPool } from './usage.ts';

const ACTIVE = 2; // virStoragePoolState RUNNING

export async function lookupPool(conn: Connection, name: string): Promise<PoolHandle> {
  try {
    return await conn.storagePoolLookupByName(name);
  } catch (e) {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_POOL) throw new KimchiError(404, 'KCHPOOL0002E', { name }, { cause: e });
    throw e;
  }
}

function sourceView(s: StoragePoolSourceModel): StoragePool['source'] {
  const v: StoragePool['source'] = {};
  if (s.hosts[0]) { v.addr = s.hosts[0].name; if (s.hosts[0].port !== undefined) v.port = s.hosts[0].port; }
  if (s.dir !== undefined) v.path = s.dir;
  if (s.devices.length) v.devices = s.devices;
  if (s.name !== undefined) v.name = s.name;
  if (s.adapter?.type) v.adapter_type = s.adapter.type;
  if (s.adapter?.name) v.adapter_name = s.adapter.name;
  if (s.adapter?.wwnn) v.wwnn = s.adapter.wwnn;
  if (s.adapter?.wwpn) v.wwpn = s.adapter.wwpn;
  if (s.format !== undefined) v.format = s.format;
  if (s.auth?.username !== undefined) v.auth = { username: s.auth.username };
  return v;
}

export async function poolView(conn: Connection, pool: PoolHandle): Promise<StoragePool> {
  const [info, xml, autostart, persistent] = await Promise.all([
    conn.storagePoolGetInfo(pool), conn.storagePoolGetXMLDesc(pool), conn.storagePoolGetAutostart(pool), conn.storagePoolIsPersistent(pool),
  ]);
  const active = info.state === ACTIVE;
  const model = parseStoragePoolXML(xml);
  const source = sourceView(parseStoragePoolSourceOf(xml));
  if (model.type === 'iscsi' && source.devices?.[0]) { source.target = source.devices[0]; delete source.devices; }
  const nr = active ? (await conn.storagePoolListAllVolumes(pool)).length : 0;
  return {
    name: pool.name, type: model.type, state: active ? 'active' : 'inactive',
    capacity: info.capacity, allocated: info.allocation, available: info.available, nr_volumes: nr,
    autostart, persistent, path: model.targetPath ?? '', source,
  };
}

export async function listPools(conn: Connection): Promise<StoragePool[]> {
  const pools = await conn.connectListAllStoragePools();
  const views = await Promise.all(pools.map((p) => poolView(conn, p).catch((e: unknown) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_POOL) return undefined; // removed meanwhile
    throw e;
  })));
  return views.filter((v): v is StoragePool => v !== undefined).sort((a, b) => a.name.localeCompare(b.name));
}

/** Runs `step`, turning a libvirt failure into KCHPOOL0005E naming the step. */
async function step<T>(name: string, which: 'build' | 'start' | 'define' | 'secret', f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof LibvirtError) throw new KimchiError(500, 'KCHPOOL0005E', { name, step: { t: `step.${which}` }, detail: e.message }, { cause: e });
    throw e;
  }
}

/**
 * Creates run one at a time: between the free-name check and the define nothing else may take the name (or, for
 * iSCSI, the CHAP secret named after it).
 */
const oneCreateAtATime = pLimit(1);

export function createPool(conn: Connection, input: PoolInput): Promise<StoragePool> {
  return oneCreateAtATime(() => definePool(conn, input));
}

async function definePool(conn: Connection, input: PoolInput): Promise<StoragePool> {
  const spec = poolSpec(input);
  try {
    await conn.storagePoolLookupByName(input.name);
    throw new KimchiError(409, 'KCHPOOL0001E', { name: input.name });
  } catch (e) {
    if (!(e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_POOL)) throw e;
  }
  const chap = spec.type === 'iscsi' ? spec.auth : undefined; // poolSpec refuses auth on other types
  const secret = chap && input.source?.auth
    ? await step(input.name, 'secret', () => chapSecret(conn, chap.secretUsage, input.source!.auth!.password))
    : undefined;
  let pool: PoolHandle | undefined;
  try {
    pool = await step(input.name, 'define', () => conn.storagePoolDefineXML(buildStoragePoolXML(spec)));
    if (needsBuild(input)) await step(input.name, 'build', () => conn.storagePoolBuild(pool!, 0));
    await step(input.name, 'start', () => conn.storagePoolCreate(pool!, 0));
    await conn.storagePoolSetAutostart(pool, true);
  } catch (e) {
    if (pool) {
      const p = pool;
      if (await conn.storagePoolIsActive(p).catch(() => false)) await conn.storagePoolDestroy(p).catch(() => undefined);
      await conn.storagePoolUndefine(p).catch(() => undefined);
    }
    if (secret) await conn.secretUndefine(secret).catch(() => undefined);
    throw e;
  }
  return poolView(conn, pool);
}

export async function activatePool(conn: Connection, name: string): Promise<StoragePool> {
  const pool = await lookupPool(conn, name);
  if (await conn.storagePoolIsActive(pool)) throw new KimchiError(409, 'KCHPOOL0008E', { name });
  await step(name, 'start', () => conn.storagePoolCreate(pool, 0));
  return poolView(conn, pool);
}

export async function deactivatePool(conn: Connection, name: string): Promise<StoragePool> {
  const pool = await lookupPool(conn, name);
  if (!(await conn.storagePoolIsActive(pool))) throw new KimchiError(409, 'KCHPOOL0009E', { name });
  const vms = await poolUsers(conn, pool, true);
  if (vms.length) throw new KimchiError(409, 'KCHPOOL0011E', { name, vms: vms.join(', ') });
  await conn.storagePoolDestroy(pool);
  return poolView(conn, pool);
}

export async function refreshPool(conn: Connection, name: string): Promise<StoragePool> {
  const pool = await lookupPool(conn, name);
  if (!(await conn.storagePoolIsActive(pool))) throw new KimchiError(409, 'KCHPOOL0007E', { name });
  await conn.storagePoolRefresh(pool, 0);
  return poolView(conn, pool);
}

export async function setPoolAutostart(conn: Connection, name: string, autostart: boolean): Promise<StoragePool> {
  const pool = await lookupPool(conn, name);
  await conn.storagePoolSetAutostart(pool, autostart);
  return poolView(conn, pool);
}

/** VMs with a disk in the pool (`runningOnly`: only those that are running). */
async function poolUsers(conn: Connection, pool: PoolHandle, runningOnly = false): Promise<string[]> {
  const xml = await conn.storagePoolGetXMLDesc(pool);
  const model = parseStoragePoolXML(xml);
  const volumePaths = (await conn.storagePoolIsActive(pool))
    ? await Promise.all((await conn.storagePoolListAllVolumes(pool)).map((v) => conn.storageVolGetPath(v).catch(() => '')))
    : [];
  const byFolder = model.type === 'dir' || model.type === 'netfs' || model.type === 'logical';
  const vms = vmsInPool(await storageUsage(conn), { name: pool.name, path: byFolder ? model.targetPath : undefined, volumePaths });
  if (!runningOnly) return vms;
  const running: string[] = [];
  for (const vm of vms) {
    const dom = await conn.domainLookupByName(vm).catch(() => undefined);
    if (dom && await conn.domainIsActive(dom).catch(() => false)) running.push(vm);
  }
  return running;
}

export async function deletePool(conn: Connection, name: string): Promise<void> {
  const pool = await lookupPool(conn, name);
  if (await conn.storagePoolIsActive(pool)) throw new KimchiError(409, 'KCHPOOL0003E', { name });
  const vms = await poolUsers(conn, pool);
  if (vms.length) throw new KimchiError(409, 'KCHPOOL0004E', { name, vms: vms.join(', ') });
  const auth = parseStoragePoolSourceOf(await conn.storagePoolGetXMLDesc(pool)).auth;
  await conn.storagePoolUndefine(pool);
  // The CHAP secret we made for this pool goes with it; a secret someone else set up is theirs to keep.
  if (auth?.secretUsage === chapUsage(name)) {
    const secret = await conn.secretLookupByUsage(SecretUsage.ISCSI, auth.secretUsage).catch(() => undefined);
    if (secret) await conn.secretUndefine(secret).catch(() => undefined);
  }
}

/**
 * The libvirt secret holding an iSCSI pool's CHAP password (private: libvirt never hands the value back). A secret
 * with this usage left by an earlier attempt is reused: no pool of this name exists, so nothing else uses it.
 */
async function chapSecret(conn: Connection, usage: string, password: string): Promise<Secret> {
  let secret = await conn.secretLookupByUsage(SecretUsage.ISCSI, usage).catch((e: unknown) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_SECRET) return undefined;
    throw e;
  });
  const made = !secret;
  secret ??= await conn.secretDefineXML(serializeXml(el('secret', { ephemeral: 'no', private: 'yes' }, [
    el('description', {}, [{ text: `CHAP password of the storage pool ${usage.slice(CHAP_USAGE_PREFIX.length)}` }]),
    el('usage', { type: 'iscsi' }, [el('target', {}, [{ text: usage }])]),
  ])));
  try {
    await conn.secretSetValue(secret, Buffer.from(password, 'utf8'));
  } catch (e) {
    if (made) await conn.secretUndefine(secret).catch(() => undefined);
    throw e;
  }
  return secret;
}
