// Which of a VM's disks DELETE would remove: its own pool volumes and cloud-init seed only — never other CD-ROMs, shared
// volumes, template bases or the cloud images overlays read from.
import { listTemplates, type Db } from '../../db/index.ts';
import { ErrorCode, LibvirtError, type Connection, type Domain, type StorageVol } from '../../libvirt/index.ts';
import { attr, child, children, parseDomainXML, parseMachine, parseXml, ORIGIN, type DiskModel, type XElement } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { seedPathOf } from './cloudinit-seed.ts';
import { installVolumesOf } from './unattended.ts';
import type { KeepReason } from './schemas.ts';

export interface PlannedDisk { dev: string; path: string; vol?: StorageVol; device: string; readonly: boolean }
export interface Plan {
  name: string;
  delete: Array<{ dev: string; path: string; vol: StorageVol }>;
  keep: Array<{ dev: string; path: string; reason: KeepReason; by: string[] }>;
  /** UEFI firmware (an <nvram>, or libvirt's firmware autoselection): undefine must remove the NVRAM file too. */
  nvram: boolean;
  /** An emulated TPM: undefine must remove its state (swtpm's directory) too. */
  tpm: boolean;
}

const gone = (e: unknown) => e instanceof LibvirtError
  && [ErrorCode.NO_STORAGE_VOL, ErrorCode.NO_STORAGE_POOL, ErrorCode.NO_DOMAIN].includes(e.code as 42 | 49 | 50);
const orNull = <T>(p: Promise<T>): Promise<T | null> => p.catch((e: unknown) => { if (gone(e)) return null; throw e; });

/** The file, block device or pool/volume a disk points at, as a host path plus its libvirt volume when it is one. */
async function resolve(conn: Connection, d: DiskModel): Promise<{ path: string; vol?: StorageVol } | undefined> {
  const s = d.source;
  if (s?.pool && s.volume) {
    const pool = await orNull(conn.storagePoolLookupByName(s.pool));
    const vol = pool && await orNull(conn.storageVolLookupByName(pool, s.volume));
    if (!vol) return { path: `${s.pool}/${s.volume}` };
    return { path: await conn.storageVolGetPath(vol), vol };
  }
  const path = s?.file ?? s?.dev ?? attr(child(d[ORIGIN], 'source'), 'name');
  if (!path) return undefined; // an empty drive
  const vol = s?.file || s?.dev ? await orNull(conn.storageVolLookupByPath(path)) : null;
  return vol ? { path, vol } : { path };
}

/** Paths of <backingStore> chains libvirt reports in a (live) disk element. */
function backingPaths(e: XElement | undefined, out: string[] = []): string[] {
  const b = child(e, 'backingStore');
  const src = child(b, 'source');
  const p = attr(src, 'file') ?? attr(src, 'dev');
  if (p) out.push(p);
  return b ? backingPaths(b, out) : out;
}

/** A volume's backing file chain from the pool's view (works for VMs that are not running). */
async function volumeBacking(conn: Connection, vol: StorageVol, depth = 8): Promise<string[]> {
  const out: string[] = [];
  let cur: StorageVol | null = vol;
  for (let i = 0; cur && i < depth; i++) {
    const { root } = parseXml(await conn.storageVolGetXMLDesc(cur));
    const path = children(child(root, 'backingStore'), 'path')[0];
    const p = path?.children.map((c) => ('text' in c ? c.text : '')).join('').trim();
    if (!p) break;
    out.push(p);
    cur = await orNull(conn.storageVolLookupByPath(p));
  }
  return out;
}

/** Every path other domains (all, without `self`) reach: their disks and those disks' backing chains, with who uses it. */
export async function othersUsage(conn: Connection, self?: Domain): Promise<Map<string, Set<string>>> {
  const usage = new Map<string, Set<string>>();
  const use = (path: string, who: string) => { if (!usage.has(path)) usage.set(path, new Set()); usage.get(path)!.add(who); };
  const others = (await conn.connectListAllDomains()).filter((d) => d.uuid !== self?.uuid);
  await Promise.all(others.map(async (o) => {
    // The live XML has backing chains of running disks; the saved config may list disks the live one lacks.
    const xmls = await Promise.all([conn.domainGetXMLDesc(o, 0), ...(o.id > 0 ? [conn.domainGetXMLDesc(o, 2)] : [])].map(orNull));
    for (const xml of xmls) {
      if (!xml) continue;
      for (const d of parseDomainXML(xml).devices.disks) {
        const r = await resolve(conn, d);
        if (!r) continue;
        use(r.path, o.name);
        for (const p of backingPaths(d[ORIGIN])) use(p, o.name);
        if (r.vol) for (const p of await volumeBacking(conn, r.vol)) use(p, o.name);
      }
    }
  }));
  return usage;
}

function withoutSelf(all: Map<string, Set<string>>, name: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [path, who] of all) {
    const others = new Set([...who].filter((n) => n !== name));
    if (others.size) out.set(path, others);
  }
  return out;
}

/** Template base images, path → template names. */
export function templateBases(db: Db): Map<string, string[]> {
  const bases = new Map<string, string[]>();
  for (const t of listTemplates<{ disks?: Array<{ base?: string }> }>(db)) {
    for (const d of t.spec.disks ?? []) if (d.base) bases.set(d.base, [...(bases.get(d.base) ?? []), t.name]);
  }
  return bases;
}

/**
 * `allUsage` (othersUsage over every domain, read once) lets a caller plan many VMs with one pass over the host
 * instead of one pass each; a path then counts as shared when someone other than this VM uses it.
 */
export async function planDeletion(deps: Deps, dom: Domain, allUsage?: Map<string, Set<string>>): Promise<Plan> {
  const conn = deps.libvirt.connection;
  const persistent = await conn.domainIsPersistent(dom);
  const xmls = [await conn.domainGetXMLDesc(dom, 0), ...(persistent ? [await conn.domainGetXMLDesc(dom, 2)] : [])];
  const disks = new Map<string, PlannedDisk>();
  let nvram = false, tpm = false;
  /** The cloud-init seed we made for this VM (its <metadata> says): a CD-ROM that goes with it. */
  let seed: string | undefined;
  /** What we made for its unattended install (kernel, initrd, script CD-ROM): they go with it too. */
  const installs = new Set<string>();
  for (const xml of xmls) {
    const m = parseDomainXML(xml);
    const machine = parseMachine(parseXml(xml).root);
    nvram ||= machine.nvram !== undefined || machine.firmware === 'efi';
    tpm ||= machine.tpm?.backend === 'emulator';
    seed ??= seedPathOf(m);
    for (const p of installVolumesOf(m)) installs.add(p);
    for (const d of m.devices.disks) {
      const r = await resolve(conn, d);
      if (r && !disks.has(r.path)) disks.set(r.path, { dev: d.target.dev, device: d.device, readonly: !!d.readonly, ...r });
    }
  }
  const usage = allUsage ? withoutSelf(allUsage, dom.name) : await othersUsage(conn, dom);
  const bases = templateBases(deps.db);
  const plan: Plan = { name: dom.name, delete: [], keep: [], nvram, tpm };
  for (const d of disks.values()) {
    const keep = (reason: KeepReason, by: string[] = []) => plan.keep.push({ dev: d.dev, path: d.path, reason, by });
    const ownSeed = d.device === 'cdrom' && (d.path === seed || installs.has(d.path)) && d.vol !== undefined && !usage.has(d.path);
    if (ownSeed) plan.delete.push({ dev: d.dev, path: d.path, vol: d.vol! });
    else if (d.device === 'cdrom' || d.device === 'floppy') keep('cdrom');
    else if (!d.vol) keep('not_volume');
    else if (bases.has(d.path)) keep('template', bases.get(d.path));
    else if (usage.has(d.path)) keep('shared', [...usage.get(d.path)!].sort());
    else if (d.readonly) keep('readonly');
    else plan.delete.push({ dev: d.dev, path: d.path, vol: d.vol });
  }
  for (const path of installs) {
    if (disks.has(path) || usage.has(path)) continue;
    const vol = await orNull(conn.storageVolLookupByPath(path));
    if (vol) plan.delete.push({ dev: 'install', path, vol });
  }
  return plan;
}
