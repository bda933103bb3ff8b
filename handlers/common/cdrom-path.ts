// Which host files may become a VM's CD-ROM: libvirt hands the file to the QEMU user for good, so only disc images
// from outside the host's system directories (or volumes of a storage pool), never anything else.
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import type { MessageKey } from '../i18n/en-US.ts';
import { readAt, SECTOR } from '../templates/osinfo/iso9660.ts';
import { READ_LIMIT_MS, timeLimit, withImage } from '../templates/osinfo/medium.ts';
import { KimchiError } from './errors.ts';

/** Never a CD-ROM: host configuration and secrets, kernels, the kernel's own files, runtime state, logs, our data. */
export const SYSTEM_DIRS = ['/etc', '/root', '/boot', '/proc', '/sys', '/run', '/var/run', '/var/log', '/var/lib/kimchi', '/var/lib/kimchi-ts'];
/** Raw devices and services' state: only a volume of a storage pool an administrator made there. */
export const POOL_ONLY_DIRS = ['/dev', '/var/lib'];
/** …except libvirt's own image directory, where install ISOs usually live. */
export const OPEN_DIRS = ['/var/lib/libvirt/images'];

const under = (path: string, dirs: string[]) => dirs.find((d) => path === d || path.startsWith(`${d}/`));

/** The translated word for what a path is when it is not a regular file. */
function kindOf(st: Stats): { t: MessageKey } {
  if (st.isFIFO()) return { t: 'cdrom.kind.fifo' };
  if (st.isSocket()) return { t: 'cdrom.kind.socket' };
  if (st.isCharacterDevice()) return { t: 'cdrom.kind.chardev' };
  if (st.isBlockDevice()) return { t: 'cdrom.kind.blockdev' };
  if (st.isDirectory()) return { t: 'cdrom.kind.directory' };
  return { t: 'cdrom.kind.other' };
}

/** ISO 9660 ("CD001") or UDF ("NSR02"/"NSR03") in the volume recognition area from sector 16; else undefined. */
export async function discFormat(path: string): Promise<'iso9660' | 'udf' | undefined> {
  const area = await withImage(path, (fh) => readAt(fh, 16 * SECTOR, 16 * SECTOR));
  let format: 'iso9660' | 'udf' | undefined;
  for (let at = 0; at + SECTOR <= area.length; at += SECTOR) {
    const id = area.toString('latin1', at + 1, at + 6);
    if (id === 'CD001') return 'iso9660';
    if (id === 'NSR02' || id === 'NSR03') format = 'udf';
    if (!['BEA01', 'NSR02', 'NSR03', 'TEA01', 'BOOT2', 'CDW02'].includes(id)) break;
  }
  return format;
}

async function isPoolVolume(conn: Connection, paths: string[]): Promise<boolean> {
  for (const p of new Set(paths)) {
    try {
      await conn.storageVolLookupByPath(p);
      return true;
    } catch (e) {
      if (!(e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL)) throw e;
    }
  }
  return false;
}

const unreadable = (path: string, e: unknown) => new KimchiError(400, 'KCHCDROM0006E',
  { path, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }, { cause: e });

/**
 * 400 with the reason unless `path` may be a CD-ROM: it exists; neither it nor where its links lead is in a system
 * directory; in /dev or /var/lib (but libvirt's images) it is a volume of a storage pool; it is a regular file (or a
 * block device that is a pool's volume); it holds an ISO 9660 or UDF image. Nothing is opened before the checks that
 * need no opening have passed, and the whole look takes at most as long as reading a medium may.
 */
export async function checkCdromPath(conn: Connection, path: string): Promise<void> {
  let real: string;
  let st: Stats;
  try {
    ({ real, st } = await timeLimit((async () => {
      const r = await realpath(path);
      return { real: r, st: await stat(r) };
    })(), READ_LIMIT_MS, path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') throw new KimchiError(400, 'KCHCDROM0001E', { path }, { cause: e });
    throw unreadable(path, e);
  }
  const system = under(path, SYSTEM_DIRS) ?? under(real, SYSTEM_DIRS);
  if (system) throw new KimchiError(400, 'KCHCDROM0002E', { path, dir: system });
  const poolOnly = under(real, OPEN_DIRS) ? undefined : under(real, POOL_ONLY_DIRS);
  if ((poolOnly || st.isBlockDevice()) && !(await isPoolVolume(conn, [real, path]))) {
    if (poolOnly) throw new KimchiError(400, 'KCHCDROM0003E', { path, dir: poolOnly });
    throw new KimchiError(400, 'KCHCDROM0004E', { path, kind: kindOf(st) });
  }
  if (!st.isFile() && !st.isBlockDevice()) throw new KimchiError(400, 'KCHCDROM0004E', { path, kind: kindOf(st) });
  let format: Awaited<ReturnType<typeof discFormat>>;
  try {
    format = await discFormat(real);
  } catch (e) {
    throw unreadable(path, e);
  }
  if (!format) throw new KimchiError(400, 'KCHCDROM0005E', { path });
}
