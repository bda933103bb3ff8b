// Is this file an ISO 9660 image, and which OS: the cached answer when path + size + mtime match, else read once and cache.
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { Db } from '../../../db/index.ts';
import { cachedIso, saveIso } from '../../../db/storage.ts';
import type { IsoImageRow } from '../../../db/schema.ts';
import { identify } from '../../templates/osinfo/detect.ts';
import { GENERIC, infoOf } from '../../templates/osinfo/info.ts';

const SECTOR = 2048;
/** The smallest file that can hold the system area and one volume descriptor. */
export const MIN_ISO_SIZE = 17 * SECTOR;
const MAGIC = Buffer.from('CD001', 'latin1');
const EL_TORITO = 'EL TORITO SPECIFICATION';

/** Reads the volume descriptors: is there an ISO 9660 signature, and an El Torito boot record? */
async function descriptors(path: string): Promise<{ iso: boolean; bootable: boolean }> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(16 * SECTOR);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 16 * SECTOR);
    const at = (i: number) => buf.subarray(i * SECTOR, (i + 1) * SECTOR);
    if (bytesRead < SECTOR || !at(0).subarray(1, 6).equals(MAGIC)) return { iso: false, bootable: false };
    let bootable = false;
    for (let i = 0; i * SECTOR + SECTOR <= bytesRead; i++) {
      const d = at(i);
      if (!d.subarray(1, 6).equals(MAGIC) || d[0] === 255) break;
      if (d[0] === 0 && d.toString('latin1', 7, 7 + EL_TORITO.length) === EL_TORITO) bootable = true;
    }
    return { iso: true, bootable };
  } finally {
    await fh.close();
  }
}

/** The ISO's facts, or undefined when `path` is not an ISO 9660 image (or cannot be read). */
export async function probeIso(db: Db, path: string, st?: Stats): Promise<IsoImageRow | undefined> {
  try {
    st ??= await stat(path);
    if (!st.isFile() || st.size < MIN_ISO_SIZE) return undefined;
    const hit = cachedIso(db, path, st.size, st.mtimeMs);
    if (hit) return hit;
    const { iso, bootable } = await descriptors(path);
    if (!iso) return undefined;
    const id = await identify(path).catch(() => undefined);
    const best = id?.candidates[0];
    const os = best ? infoOf(best.entry, best.entry.fallback && id?.tree?.version ? id.tree.version : undefined) : GENERIC;
    const row = {
      path, size: st.size, mtimeMs: Math.trunc(st.mtimeMs), volumeId: id?.facts.volumeId ?? '',
      osDistro: os.distro, osVersion: os.version, bootable,
    };
    saveIso(db, row);
    return { ...row, checkedAt: new Date() };
  } catch {
    return undefined;
  }
}
