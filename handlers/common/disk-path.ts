// Which host paths may become a VM's disk: an image file or a block device outside the host's system directories,
// never a device the host itself has mounted, swaps on or stacks other devices on (LVM, RAID, crypt).
import type { Stats } from 'node:fs';
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { MessageKey } from '../i18n/en-US.ts';
import { OPEN_DIRS, SYSTEM_DIRS } from './cdrom-path.ts';
import { KimchiError } from './errors.ts';

/** Services' state: a disk image there belongs to someone else (but libvirt's image directory). */
const FOREIGN_DIRS = ['/var/lib'];

const under = (path: string, dirs: string[]) => dirs.find((d) => path === d || path.startsWith(`${d}/`));

function kindOf(st: Stats): { t: MessageKey } {
  if (st.isFIFO()) return { t: 'cdrom.kind.fifo' };
  if (st.isSocket()) return { t: 'cdrom.kind.socket' };
  if (st.isCharacterDevice()) return { t: 'cdrom.kind.chardev' };
  if (st.isDirectory()) return { t: 'cdrom.kind.directory' };
  return { t: 'cdrom.kind.other' };
}

/** The block device's /sys directory (partitions are subdirectories of their disk's). */
const sysDir = (st: Stats) => realpath(`/sys/dev/block/${Math.floor(st.rdev / 256) & 0xfff}:${(st.rdev & 0xff) | ((st.rdev >> 12) & 0xfff00)}`);

/** Block devices the host mounts or swaps on. */
async function hostDevices(): Promise<string[]> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8').catch(() => '')).split('\n').map((l) => l.split(' ')[0] ?? '');
  const swaps = (await readFile('/proc/swaps', 'utf8').catch(() => '')).split('\n').slice(1).map((l) => l.split(/\s+/)[0] ?? '');
  return [...new Set([...mounts, ...swaps].filter((p) => p.startsWith('/dev/')))];
}

/** True when the host uses the device, one of its partitions, or stacks a device on it. */
async function hostUses(st: Stats): Promise<boolean> {
  const mine = await sysDir(st).catch(() => undefined);
  if (!mine) return false;
  const holders = async (dir: string) => (await readdir(`${dir}/holders`).catch(() => [])).length > 0;
  if (await holders(mine)) return true;
  for (const dev of await hostDevices()) {
    const other = await stat(dev).catch(() => undefined);
    if (!other?.isBlockDevice()) continue;
    const dir = await sysDir(other).catch(() => undefined);
    if (dir && (dir === mine || dir.startsWith(`${mine}/`))) return true;
  }
  for (const part of await readdir(mine, { withFileTypes: true }).catch(() => [])) {
    if (part.isDirectory() && (await stat(`${mine}/${part.name}/partition`).catch(() => undefined)) && await holders(`${mine}/${part.name}`)) return true;
  }
  return false;
}

/**
 * 400 with the reason unless `path` may be a disk: it exists; neither it nor where its links lead is in a system
 * directory or in /var/lib (but libvirt's images); it is a regular file or a block device the host does not use.
 * Returns the real path, whether it is a block device, and whether the file is a qcow2 image.
 */
export async function checkDiskPath(path: string): Promise<{ real: string; block: boolean; qcow2: boolean }> {
  let real: string;
  let st: Stats;
  try {
    real = await realpath(path);
    st = await stat(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') throw new KimchiError(400, 'KCHVMSTOR0030E', { path }, { cause: e });
    throw new KimchiError(400, 'KCHVMSTOR0031E', { path, detail: code ?? (e as Error).message }, { cause: e });
  }
  const system = under(path, SYSTEM_DIRS) ?? under(real, SYSTEM_DIRS)
    ?? (under(real, OPEN_DIRS) ? undefined : under(path, FOREIGN_DIRS) ?? under(real, FOREIGN_DIRS));
  if (system) throw new KimchiError(400, 'KCHVMSTOR0032E', { path, dir: system });
  if (st.isBlockDevice()) {
    if (await hostUses(st)) throw new KimchiError(400, 'KCHVMSTOR0034E', { path });
    return { real, block: true, qcow2: false };
  }
  if (!st.isFile()) throw new KimchiError(400, 'KCHVMSTOR0033E', { path, kind: kindOf(st) });
  if (under(real, ['/dev'])) throw new KimchiError(400, 'KCHVMSTOR0032E', { path, dir: '/dev' });
  return { real, block: false, qcow2: await isQcow2(real) };
}

/** A qcow2 image starts with "QFI\xfb". */
async function isQcow2(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new KimchiError(400, 'KCHVMSTOR0031E', { path, detail: e.code ?? e.message }, { cause: e });
  });
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.equals(Buffer.from([0x51, 0x46, 0x49, 0xfb]));
  } finally {
    await fh.close();
  }
}
