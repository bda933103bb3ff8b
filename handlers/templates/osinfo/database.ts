// The osinfo-db index: every OS under /usr/share/osinfo/os, loaded once, with inherited resources and devices resolved.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseOsFile, type RawOs, type ResourceBlock } from './parse.ts';
import type { MediaRule, TreeRule } from './rules.ts';

export const OSINFO_DIR = process.env.OSINFO_SYSTEM_DIR ?? '/usr/share/osinfo';

const VIRTIO_NET = ['http://pcisig.com/pci/1af4/1000', 'http://pcisig.com/pci/1af4/1041'];
const VIRTIO_BLOCK = ['http://pcisig.com/pci/1af4/1001', 'http://pcisig.com/pci/1af4/1042'];
const ARCH: Partial<Record<string, string>> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'i686', ppc64: 'ppc64le', s390x: 's390x' };
export const HOST_ARCH = ARCH[process.arch] ?? process.arch;

export interface OsEntry {
  id: string;
  shortIds: string[];
  name: string;
  distro: string;
  version: string;
  /** osinfo's catch-all entries (`fedora-unknown`, `rhel9-unknown`): used only when nothing else matches */
  fallback: boolean;
  media: MediaRule[];
  trees: TreeRule[];
  memoryBytes?: number;
  storageBytes?: number;
  virtioNet: boolean;
  virtioBlock: boolean;
  /** Ids of the OS's unattended install scripts (install-scripts.ts); a medium may name its own. */
  installers: string[];
}

export interface OsDatabase {
  entries: OsEntry[];
  byId: Map<string, OsEntry>;
  /** wall time of the load, for logs and the test report */
  loadMs: number;
}

async function xmlFiles(dir: string): Promise<string[]> {
  const found = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(found.map((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? xmlFiles(p) : Promise.resolve(d.name.endsWith('.xml') ? [p] : []);
  }));
  return nested.flat().sort();
}

/** The block osinfo would use on this host: our architecture's, else `all`. */
function ownBlock(raw: RawOs): ResourceBlock | undefined {
  return raw.resources.find((r) => r.arch === HOST_ARCH) ?? raw.resources.find((r) => r.arch === 'all');
}

function resolve(raws: Map<string, RawOs>): Map<string, OsEntry> {
  const done = new Map<string, OsEntry>();
  const devicesOf = (raw: RawOs, seen: Set<string>): Map<string, boolean> => {
    const merged = new Map<string, boolean>();
    for (const p of raw.parents) {
      const parent = raws.get(p);
      if (parent && !seen.has(p)) for (const [id, ok] of devicesOf(parent, new Set([...seen, p]))) merged.set(id, ok);
    }
    for (const [id, ok] of raw.devices) merged.set(id, ok);
    return merged;
  };
  const resourcesOf = (raw: RawOs, seen: Set<string>): ResourceBlock | undefined => {
    const own = ownBlock(raw);
    if (!own?.inherit) return own;
    const parent = raw.parents.map((p) => raws.get(p)).find((p) => p && !seen.has(p.id));
    return parent ? resourcesOf(parent, new Set([...seen, parent.id])) : undefined;
  };
  for (const raw of raws.values()) {
    const devices = devicesOf(raw, new Set([raw.id]));
    const res = resourcesOf(raw, new Set([raw.id]));
    done.set(raw.id, {
      id: raw.id, shortIds: raw.shortIds, name: raw.name, distro: raw.distro, version: raw.version,
      fallback: /(^|-)unknown$/i.test(raw.version) || raw.id.endsWith('/unknown'),
      media: raw.media, trees: raw.trees,
      memoryBytes: res?.recommended.ram ?? res?.minimum.ram,
      storageBytes: res?.recommended.storage ?? res?.minimum.storage,
      virtioNet: VIRTIO_NET.some((d) => devices.get(d)),
      virtioBlock: VIRTIO_BLOCK.some((d) => devices.get(d)),
      installers: raw.installers,
    });
  }
  return done;
}

async function load(dir: string): Promise<OsDatabase> {
  const started = performance.now();
  const files = await xmlFiles(join(dir, 'os'));
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  const raws = new Map<string, RawOs>();
  for (const xml of texts) for (const raw of parseOsFile(xml)) raws.set(raw.id, raw);
  const byId = resolve(raws);
  return { entries: [...byId.values()], byId, loadMs: performance.now() - started };
}

/** One load per database directory for the life of the process (the brief asks for an in-memory cache). */
const cache = new Map<string, Promise<OsDatabase>>();

/** The parsed database; the first call reads and parses every file, later calls share the result. */
export function loadDatabase(dir: string = OSINFO_DIR): Promise<OsDatabase> {
  let db = cache.get(dir);
  if (!db) {
    db = load(dir);
    db.catch(() => cache.delete(dir)); // a failed load (e.g. osinfo-db not installed) is retried next time
    cache.set(dir, db);
  }
  return db;
}
