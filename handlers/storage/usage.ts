// Which VMs use which storage: every domain's disks (file, block and pool/volume sources) read from its XML.
import type { Connection } from '../../libvirt/index.ts';
import type { DomainXmlSource } from '../common/context.ts';
import { memoByText } from '../common/xml-memo.ts';
import { LibvirtError, ErrorCode } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';

export interface DiskUse {
  vm: string;
  /** file or block path, when the disk names one */
  path?: string;
  /** pool and volume, for `<disk type='volume'>` */
  pool?: string;
  volume?: string;
}

export interface StorageUsage {
  uses: DiskUse[];
  /** VM names whose disks are `path` or pool/volume `pool`/`name`. */
  vmsOf(vol: { path?: string; pool?: string; name?: string }): string[];
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

/** Reads every domain's XML (pipelined, or from the shared cache when given); a domain that vanished meanwhile is skipped. */
export async function storageUsage(conn: Connection, cache?: DomainXmlSource): Promise<StorageUsage> {
  const doms = await conn.connectListAllDomains();
  const xmls = await Promise.all(doms.map((d) => (cache ? cache.get(conn, d) : conn.domainGetXMLDesc(d)).catch((e: unknown) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN) return undefined;
    throw e;
  })));
  const uses: DiskUse[] = [];
  for (const xml of xmls) if (xml) uses.push(...disksOf(xml));
  return {
    uses,
    vmsOf: (vol) => sorted(uses.filter((u) =>
      (vol.path !== undefined && u.path === vol.path) ||
      (vol.pool !== undefined && u.pool === vol.pool && u.volume === vol.name)).map((u) => u.vm)),
  };
}

/** The disks of one domain XML (memoized by the text: most XMLs do not change between lists). */
const disksOf = memoByText((xml: string): readonly DiskUse[] => {
  const model = parseDomainXML(xml);
  return Object.freeze(model.devices.disks.filter((d) => d.source).map((d) => Object.freeze({
    vm: model.name, path: d.source!.file ?? d.source!.dev, pool: d.source!.pool, volume: d.source!.volume,
  })));
});

/** VMs with a disk inside a pool: a volume by pool name, or a path among the pool's volumes or under its folder. */
export function vmsInPool(usage: StorageUsage, pool: { name: string; path?: string; volumePaths: string[] }): string[] {
  const paths = new Set(pool.volumePaths);
  const dir = pool.path && pool.path !== '/' ? `${pool.path.replace(/\/+$/, '')}/` : undefined;
  return sorted(usage.uses.filter((u) => u.pool === pool.name ||
    (u.path !== undefined && (paths.has(u.path) || (dir !== undefined && u.path.startsWith(dir))))).map((u) => u.vm));
}
