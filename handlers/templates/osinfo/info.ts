// The OsInfo a template gets: its shape, the generic defaults, and how an osinfo-db entry becomes one.
import type { OsEntry } from './database.ts';

export interface OsInfo {
  distro: string;      // e.g. 'fedora', 'debian', 'ubuntu', 'opensuse', 'rhel', 'centos', 'windows'; 'unknown' when not recognised
  version: string;     // e.g. '40', '12', '24.04'; 'unknown' when not recognised
  osinfoId?: string;   // e.g. 'http://fedoraproject.org/fedora/40'
  name?: string;       // e.g. 'Fedora Linux 40'
  memoryMiB: number;   // recommended RAM (fallback: minimum; generic default 1024)
  diskGiB: number;     // recommended storage (generic default 10)
  diskBus: 'virtio' | 'sata' | 'ide' | 'scsi';        // virtio when the OS supports virtio-block, else sata
  nicModel: 'virtio' | 'e1000' | 'e1000e' | 'rtl8139'; // virtio when the OS supports virtio-net, else e1000
}

export const GENERIC: OsInfo = Object.freeze({
  distro: 'unknown', version: 'unknown', memoryMiB: 1024, diskGiB: 10, diskBus: 'virtio', nicModel: 'virtio',
});

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** osinfo-db calls Windows `win` (and NT 3/4 `winnt`); Kimchi says `windows`. */
export function publicDistro(dbDistro: string): string {
  return dbDistro === 'win' || dbDistro === 'winnt' ? 'windows' : dbDistro;
}

/** The names osDefaults() accepts for a public distro name. */
export function dbDistros(distro: string): string[] {
  const d = distro.toLowerCase();
  return d === 'windows' ? ['win', 'winnt'] : [d];
}

/**
 * Windows 10, Server 2016 and Server 2019 all say `<version>10.0</version>`; their short ids (`win10`,
 * `win2k19`) tell them apart, so a Windows version is its short id without `win`.
 */
export function publicVersion(entry: OsEntry): string {
  const short = entry.shortIds.find((s) => /^win/.test(s));
  if (publicDistro(entry.distro) === 'windows' && short) return short.replace(/^win(nt)?/, '') || entry.version;
  return entry.version;
}

/** An entry's values; `version` overrides the database's (a catch-all entry plus the version its tree-info states). */
export function infoOf(entry: OsEntry, version?: string): OsInfo {
  return {
    distro: publicDistro(entry.distro),
    version: version ?? publicVersion(entry),
    osinfoId: entry.id,
    name: entry.name,
    memoryMiB: entry.memoryBytes ? Math.round(entry.memoryBytes / MiB) : GENERIC.memoryMiB,
    diskGiB: entry.storageBytes ? Math.ceil(entry.storageBytes / GiB) : GENERIC.diskGiB,
    diskBus: entry.virtioBlock ? 'virtio' : 'sata',
    nicModel: entry.virtioNet ? 'virtio' : 'e1000',
  };
}
