// Templates on the Kimchi 3.0 surface: source_media and pool URIs in; pool URIs with type, icon, cdrom and invalid out.
import { open } from 'node:fs/promises';
import type { Connection } from '../../libvirt/index.ts';
import { parseStoragePoolXML } from '../../libvirt/xml/index.ts';
import { detectIso } from '../templates/osinfo/index.ts';
import { poolName, poolUri } from '../templates/refs.ts';
import type { Template } from '../templates/schemas.ts';
import { kimchiOnly } from './errors.ts';
import type { Ctx, Mapping } from './surface.ts';

/** Kimchi's default memory for a template whose OS is not known (MiB). */
export const UNKNOWN_OS_MEMORY = 2048;
export const DEFAULT_ICON = 'plugins/kimchi/images/icon-vm.png';

type KDisk = { index?: number; size?: number; format?: string; pool?: { name?: string } };

/** 'iso' when the file holds an ISO 9660 volume descriptor, 'image' for anything else, undefined when unreadable. */
async function mediaKind(path: string): Promise<'iso' | 'image' | undefined> {
  let fh;
  try { fh = await open(path, 'r'); } catch { return undefined; }
  try {
    const buf = Buffer.alloc(5);
    const { bytesRead } = await fh.read(buf, 0, 5, 32769);
    return bytesRead === 5 && buf.toString('latin1') === 'CD001' ? 'iso' : 'image';
  } finally { await fh.close(); }
}

/** GiB the overlay of a base image needs: its virtual size when libvirt knows the file as a volume. */
async function baseSize(conn: Connection, path: string): Promise<number> {
  const vol = await conn.storageVolLookupByPath(path).catch(() => undefined);
  const info = vol ? await conn.storageVolGetInfo(vol).catch(() => undefined) : undefined;
  return info ? Math.max(1, Math.ceil(info.capacity / 2 ** 30)) : 10;
}

/** disks[].pool.name is a pool URI on Kimchi, a pool name on ours; Kimchi's pool.type is information only. */
function disksIn(disks: KDisk[] | undefined): KDisk[] | undefined {
  return disks?.map((d) => {
    if (!d || typeof d !== 'object' || !d.pool || typeof d.pool !== 'object' || typeof d.pool.name !== 'string') return d;
    return { ...d, pool: { name: poolName(d.pool.name.replace(/\/$/, '')) } };
  });
}

export async function templateIn(body: any, c: Ctx): Promise<unknown> {
  if (!body || typeof body !== 'object') return body;
  const { source_media: media, interfaces: _i, console: _c, ...rest } = body;
  const out: Record<string, any> = { ...rest, disks: disksIn(rest.disks) };
  if (out.disks === undefined) delete out.disks;
  const firstPool = (body.disks as KDisk[] | undefined)?.[0]?.pool?.name;
  if (typeof firstPool === 'string') out.storagepool = firstPool.replace(/\/$/, '');
  if (!media || typeof media !== 'object') throw kimchiOnly(400, 'KCHTMPL0016E');
  if (media.type === 'netboot') {
    out.netboot = true;
  } else if (media.type === 'disk' && typeof media.path === 'string' && media.path.startsWith('/')) {
    const kind = await mediaKind(media.path);
    if (!kind) throw kimchiOnly(400, 'KCHTMPL0002E', { path: media.path });
    if (kind === 'iso') out.cdrom = media.path;
    else {
      const first: KDisk = out.disks?.[0] ?? {};
      const size = first.size ?? await baseSize(c.get('deps').libvirt.connection, media.path);
      out.disks = [{ ...first, size, base: media.path }, ...(out.disks?.slice(1) ?? [])];
    }
  } else {
    // A remote ISO (http, https, ftp) is not fetched by this implementation; see docs/KIMCHI-COMPAT.md.
    throw kimchiOnly(400, 'KCHTMPL0002E', { path: String(media.path ?? media.type) });
  }
  if (!out.memory && !out.os_distro) {
    const unknown = !out.cdrom || (await detectIso(out.cdrom).catch(() => undefined))?.distro === 'unknown';
    if (unknown) out.memory = { current: UNKNOWN_OS_MEMORY };
  }
  return out;
}

export function templateUpdateIn(body: any): unknown {
  if (!body || typeof body !== 'object') return body;
  const { interfaces: _i, console: _c, ...rest } = body;
  const out: Record<string, any> = { ...rest };
  if (rest.disks !== undefined) out.disks = disksIn(rest.disks);
  return out;
}

async function poolTypes(conn: Connection, names: string[]): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  await Promise.all([...new Set(names)].map(async (n) => {
    const pool = await conn.storagePoolLookupByName(n).catch(() => undefined);
    const xml = pool ? await conn.storagePoolGetXMLDesc(pool).catch(() => undefined) : undefined;
    if (xml) types.set(n, parseStoragePoolXML(xml).type);
  }));
  return types;
}

function view(t: Template, types: Map<string, string>): unknown {
  return {
    name: t.name, os_distro: t.os_distro, os_version: t.os_version, memory: t.memory, cpu_info: t.cpu_info,
    cdrom: t.cdrom ?? null, storagepool: t.storagepool, networks: t.networks, graphics: t.graphics,
    icon: t.icon ?? DEFAULT_ICON, folder: t.folder, invalid: t.invalid,
    disks: t.disks.map((d) => ({
      index: d.index, size: d.size, format: d.format, pool: { name: poolUri(d.pool.name), type: types.get(d.pool.name) ?? null },
      ...(d.base ? { base: d.base } : {}),
    })),
  };
}

export async function templateOut(body: Template | Template[], c: Ctx): Promise<unknown> {
  const list = Array.isArray(body) ? body : [body];
  const types = await poolTypes(c.get('deps').libvirt.connection, list.flatMap((t) => t.disks.map((d) => d.pool.name)));
  return Array.isArray(body) ? list.map((t) => view(t, types)) : view(body, types);
}

export const templateMappings: Mapping[] = [
  { method: 'GET', path: /^\/templates$/, out: templateOut },
  { method: 'POST', path: /^\/templates$/, op: 'templates_create', in: templateIn, out: templateOut },
  { method: 'GET', path: /^\/templates\/[^/]+$/, out: templateOut },
  { method: 'PUT', path: /^\/templates\/[^/]+$/, op: 'template_update', in: templateUpdateIn, out: templateOut },
  { method: 'POST', path: /^\/templates\/[^/]+\/clone$/, out: templateOut },
];
