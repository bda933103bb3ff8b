// Reading one file by path from an ISO 9660 directory tree (Rock Ridge, Joliet or plain names).
import type { FileHandle } from 'node:fs/promises';
import { readAt, readDescriptorsFrom, SECTOR, type TreeRoot } from './iso9660.ts';
import { withImage } from './medium.ts';

/** Directories and tree-info files are small; anything larger is not what we are looking for. */
const MAX_DIRECTORY = 4 << 20;
const MAX_FILE = 1 << 20;

interface Entry {
  name: string;
  lba: number;
  size: number;
  directory: boolean;
}

/** Rock Ridge's alternate name (`NM` entries in the System Use area), when the record has one. */
function rockRidgeName(rec: Buffer, from: number): string | undefined {
  let name: string | undefined;
  for (let at = from; at + 4 <= rec.length; ) {
    const sig = rec.toString('latin1', at, at + 2);
    const len = rec[at + 2];
    if (len < 4 || sig === 'ST') break;
    if (sig === 'NM' && !(rec[at + 4] & 0x06)) name = (name ?? '') + rec.toString('utf8', at + 5, at + len);
    at += len;
  }
  return name;
}

/** Joliet names are UCS-2 big-endian. */
const ucs2be = (b: Buffer) => Buffer.from(b).swap16().toString('utf16le');

function parseRecord(rec: Buffer, joliet: boolean): Entry | undefined {
  const nameLen = rec[32];
  const raw = rec.subarray(33, 33 + nameLen);
  if (nameLen === 1 && raw[0] <= 1) return undefined; // "." and ".."
  const plain = joliet && nameLen % 2 === 0 ? ucs2be(raw) : raw.toString('latin1');
  const name = (!joliet && rockRidgeName(rec, 33 + nameLen + (nameLen % 2 === 0 ? 1 : 0))) || plain.replace(/;\d+$/, '').replace(/\.$/, '');
  return { name, lba: rec.readUInt32LE(2), size: rec.readUInt32LE(10), directory: (rec[25] & 0x02) !== 0 };
}

/** The entries of one directory extent; records never straddle a sector, a zero length means "next sector". */
async function listDirectory(fh: FileHandle, dir: Entry, joliet: boolean): Promise<Entry[]> {
  const buf = await readAt(fh, dir.lba * SECTOR, Math.min(dir.size, MAX_DIRECTORY));
  const out: Entry[] = [];
  for (let at = 0; at < buf.length; ) {
    const len = buf[at];
    if (len === 0) {
      at = (Math.floor(at / SECTOR) + 1) * SECTOR;
      continue;
    }
    if (len < 34 || at + len > buf.length) break;
    const entry = parseRecord(buf.subarray(at, at + len), joliet);
    if (entry) out.push(entry);
    at += len;
  }
  return out;
}

/** Plain ISO 9660 names are upper-case; Rock Ridge and Joliet keep the case, so an exact match is tried first. */
function pick(entries: Entry[], name: string, exact: boolean): Entry | undefined {
  return exact ? entries.find((e) => e.name === name) : entries.find((e) => e.name.toLowerCase() === name.toLowerCase());
}

async function findIn(fh: FileHandle, root: TreeRoot, parts: string[], exact: boolean): Promise<Entry | undefined> {
  let dir: Entry = { name: '/', lba: root.lba, size: root.size, directory: true };
  for (const [i, part] of parts.entries()) {
    const next = pick(await listDirectory(fh, dir, root.joliet), part, exact);
    if (!next || next.directory !== (i < parts.length - 1)) return undefined;
    dir = next;
  }
  return dir;
}

/** The contents of `filePath` (e.g. `.disk/info`) inside an open image, or undefined when it has no such file. */
export async function readFileFrom(fh: FileHandle, roots: TreeRoot[], filePath: string): Promise<Buffer | undefined> {
  const parts = filePath.split('/').filter(Boolean);
  if (!parts.length) return undefined;
  // Exactly-named in any tree (Rock Ridge, then Joliet) before a case-blind look at plain upper-case names.
  for (const exact of [true, false]) {
    for (const root of roots) {
      const found = await findIn(fh, root, parts, exact);
      if (found) return readAt(fh, found.lba * SECTOR, Math.min(found.size, MAX_FILE));
    }
  }
  return undefined;
}

/** Reads `filePath` from the ISO image at `path`; undefined when the image has no such file. */
export function readIsoFile(path: string, filePath: string): Promise<Buffer | undefined> {
  return withImage(path, async (fh) => readFileFrom(fh, (await readDescriptorsFrom(fh, path)).roots, filePath));
}
