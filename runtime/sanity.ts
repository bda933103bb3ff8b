// The startup sanity check as a function of a connection: libvirtd answers, `default` network and pool are active.
import { ErrorCode, LibvirtError, type Connection } from '../libvirt/index.ts';
import { buildStoragePoolXML } from '../libvirt/xml/index.ts';
import type { Problem } from '../handlers/index.ts';

export const DEFAULT_POOL_PATH = '/var/lib/libvirt/images';

export interface SanityLog { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }

const isMissing = (e: unknown, code: number) => e instanceof LibvirtError && e.code === code;

/** Network step: present (we never invent it) and active (started when inactive). */
async function checkNetwork(conn: Connection, log?: SanityLog): Promise<Problem | null> {
  let net;
  try {
    net = await conn.networkLookupByName('default');
  } catch (e) {
    if (isMissing(e, ErrorCode.NO_NETWORK)) return { code: 'KCHCONF0002E' };
    throw e;
  }
  if (await conn.networkIsActive(net)) return null;
  try {
    await conn.networkCreate(net);
    log?.info({ network: 'default' }, 'sanity: started the inactive default network');
    return null;
  } catch (e) {
    if (e instanceof LibvirtError) return { code: 'KCHCONF0003E', params: { detail: e.message } };
    throw e;
  }
}

/** Pool step: active; defined, built, started and set to autostart at `path` when missing (undone if that fails). */
async function checkPool(conn: Connection, path: string, log?: SanityLog): Promise<Problem | null> {
  let pool;
  try {
    pool = await conn.storagePoolLookupByName('default');
  } catch (e) {
    if (!isMissing(e, ErrorCode.NO_STORAGE_POOL)) throw e;
  }
  if (pool) {
    if (await conn.storagePoolIsActive(pool)) return null;
    try {
      await conn.storagePoolCreate(pool);
      log?.info({ pool: 'default' }, 'sanity: started the inactive default pool');
      return null;
    } catch (e) {
      if (e instanceof LibvirtError) return { code: 'KCHCONF0005E', params: { detail: e.message } };
      throw e;
    }
  }
  const failed = (e: unknown): Problem => {
    if (e instanceof LibvirtError) return { code: 'KCHCONF0004E', params: { path, detail: e.message } };
    throw e;
  };
  let created;
  try {
    created = await conn.storagePoolDefineXML(buildStoragePoolXML({ type: 'dir', name: 'default', targetPath: path }));
  } catch (e) {
    return failed(e);
  }
  try {
    await conn.storagePoolBuild(created);
    await conn.storagePoolCreate(created);
    await conn.storagePoolSetAutostart(created, true);
    log?.info({ pool: 'default', path }, 'sanity: created the default storage pool');
    return null;
  } catch (e) {
    await conn.storagePoolUndefine(created).catch(() => undefined);
    return failed(e);
  }
}

/** Run steps 2 and 3 on a live connection; step 1 (reachable) is the caller's. Null when all is well. */
export async function checkSanity(conn: Connection, opts: { poolPath?: string; log?: SanityLog } = {}): Promise<Problem | null> {
  return (await checkNetwork(conn, opts.log)) ?? (await checkPool(conn, opts.poolPath ?? DEFAULT_POOL_PATH, opts.log));
}
