// Storage pools on the Kimchi 3.0 surface: in_use, and the read-only pool kimchi_isos (every ISO in the active pools).
import type { Hono } from 'hono';
import { listTemplates } from '../../db/index.ts';
import { parseStoragePoolXML } from '../../libvirt/xml/index.ts';
import type { AppEnv } from '../common/context.ts';
import { isLocal } from '../storage/bulk.ts';
import { listPools } from '../storage/pools-service.ts';
import type { StoragePool, StorageVolume } from '../storage/schemas.ts';
import { storageUsage, vmsInPool } from '../storage/usage.ts';
import { listVolumes } from '../storage/volumes-service.ts';
import { poolName } from '../templates/refs.ts';
import type { TemplateSpec } from '../templates/schemas.ts';
import { kimchiOnly } from './errors.ts';
import { PREFIX, type Ctx, type Mapping } from './surface.ts';

export const ISO_POOL = 'kimchi_isos';

/** Pools named by a template (its storagepool or a disk's pool). */
function templatePools(c: Ctx): Set<string> {
  const names = new Set<string>();
  for (const { spec } of listTemplates<TemplateSpec>(c.get('deps').db)) {
    try { names.add(poolName(spec.storagepool)); } catch { /* an invalid reference names no pool */ }
    for (const d of spec.disks ?? []) names.add(d.pool.name);
  }
  return names;
}

async function withInUse(c: Ctx, pools: StoragePool[]): Promise<Array<StoragePool & { in_use: boolean }>> {
  const deps = c.get('deps');
  const conn = deps.libvirt.connection;
  const [usage, byTemplate] = [await storageUsage(conn, deps.domainXml), templatePools(c)];
  return Promise.all(pools.map(async (p) => {
    if (byTemplate.has(p.name)) return { ...p, in_use: true };
    const handle = await conn.storagePoolLookupByName(p.name);
    const volumePaths = p.state === 'active'
      ? await Promise.all((await conn.storagePoolListAllVolumes(handle)).map((v) => conn.storageVolGetPath(v).catch(() => '')))
      : [];
    const byFolder = ['dir', 'netfs', 'logical'].includes(parseStoragePoolXML(await conn.storagePoolGetXMLDesc(handle)).type);
    return { ...p, in_use: vmsInPool(usage, { name: p.name, path: byFolder ? p.path : undefined, volumePaths }).length > 0 };
  }));
}

/** Every ISO image in the active pools, as volumes (with os_distro/os_version when recognised). */
async function isoVolumes(c: Ctx): Promise<StorageVolume[]> {
  const deps = c.get('deps');
  const ctx = { conn: deps.libvirt.connection, db: deps.db, local: isLocal(deps) };
  const active = (await listPools(ctx.conn)).filter((p) => p.state === 'active');
  const lists = await Promise.all(active.map((p) => listVolumes(ctx, p.name).catch(() => [] as StorageVolume[])));
  return lists.flat().filter((v) => v.format === 'iso' || /\.iso$/i.test(v.name));
}

/** How many ISO files (by name) the active pools hold: the list's count, without reading every volume. */
async function isoCount(c: Ctx): Promise<number> {
  const conn = c.get('deps').libvirt.connection;
  const active = (await listPools(conn)).filter((p) => p.state === 'active');
  const counts = await Promise.all(active.map(async (p) => {
    const vols = await conn.storagePoolListAllVolumes(await conn.storagePoolLookupByName(p.name)).catch(() => []);
    return vols.filter((v) => /\.iso$/i.test(v.name)).length;
  }));
  return counts.reduce((a, b) => a + b, 0);
}

async function isoPool(c: Ctx, count?: number) {
  return {
    name: ISO_POOL, state: 'active', type: 'kimchi-iso', path: '/', capacity: 0, allocated: 0, available: 0,
    nr_volumes: count ?? (await isoVolumes(c)).length, autostart: true, persistent: true, source: {}, in_use: false,
  };
}

async function poolsOut(body: StoragePool | StoragePool[], c: Ctx): Promise<unknown> {
  if (!Array.isArray(body)) return (await withInUse(c, [body]))[0];
  return [...await withInUse(c, body), await isoPool(c, await isoCount(c))];
}

/** kimchi_isos is answered here, before the real pools' routes see its name. */
export function isoPoolRoutes(app: Hono<AppEnv>): void {
  const base = `${PREFIX}/storagepools/${ISO_POOL}`;
  app.get(base, async (c) => c.json(await isoPool(c), 200));
  app.get(`${base}/storagevolumes`, async (c) => c.json(await isoVolumes(c), 200));
  app.get(`${base}/storagevolumes/:name`, async (c) => {
    const vol = (await isoVolumes(c)).find((v) => v.name === c.req.param('name'));
    if (!vol) throw kimchiOnly(404, 'KCHAPI0001E', { value: c.req.param('name') });
    return c.json(vol, 200);
  });
  app.on(['POST', 'PUT', 'DELETE'], [base, `${base}/*`], () => { throw kimchiOnly(400, 'KCHPOOL0070E'); });
}

export const poolMappings: Mapping[] = [
  { method: 'GET', path: /^\/storagepools$/, out: poolsOut },
  { method: 'POST', path: /^\/storagepools$/, op: 'storagepools_create', out: poolsOut },
  { method: 'GET', path: /^\/storagepools\/(?!kimchi_isos$)[^/]+$/, out: poolsOut },
  { method: 'PUT', path: /^\/storagepools\/[^/]+$/, op: 'storagepool_update', out: poolsOut },
  { method: 'POST', path: /^\/storagepools\/[^/]+\/(?:activate|deactivate)$/, out: poolsOut },
];
