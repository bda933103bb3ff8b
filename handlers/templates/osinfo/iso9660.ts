// ISO 9660 volume descriptors: the identifiers osinfo-db matches (system, volume, publisher, application, size).
import type { FileHandle } from 'node:fs/promises';
import { withImage } from './medium.ts';

export const SECTOR = 2048;
const FIRST_DESCRIPTOR = 16;
const MAX_DESCRIPTORS = 32;

/** Where a directory tree starts: the root directory record's extent. */
export interface TreeRoot {
  lba: number;
  size: number;
  /** true for a Joliet tree, whose names are UCS-2 big-endian */
  joliet: boolean;
}

export interface VolumeDescriptor {
  systemId: string;
  volumeId: string;
  publisherId: string;
  applicationId: string;
  /** volume space size × logical block size, in bytes (osinfo's `<volume-size>`) */
  volumeSize: number;
  /** the primary tree first, then a Joliet tree when the image has one */
  roots: TreeRoot[];
}

const text = (b: Buffer, at: number, len: number) => b.toString('latin1', at, at + len).replace(/[\s\0]+$/, '');

const rootOf = (d: Buffer, joliet: boolean): TreeRoot => ({ lba: d.readUInt32LE(156 + 2), size: d.readUInt32LE(156 + 10), joliet });

/** Joliet marks its supplementary descriptor with an escape sequence `%/@`, `%/C` or `%/E`. */
const isJoliet = (d: Buffer) => d[88] === 0x25 && d[89] === 0x2f && [0x40, 0x43, 0x45].includes(d[90]);

/** Reads `length` bytes at `position`; a short read (end of file) returns what there is. */
export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Walks the volume descriptor set from sector 16 up to its terminator. */
export async function readDescriptorsFrom(fh: FileHandle, path: string): Promise<VolumeDescriptor> {
  let primary: VolumeDescriptor | undefined;
  let joliet: TreeRoot | undefined;
  for (let i = 0; i < MAX_DESCRIPTORS; i++) {
    const d = await readAt(fh, (FIRST_DESCRIPTOR + i) * SECTOR, SECTOR);
    if (d.length < SECTOR || d.toString('latin1', 1, 6) !== 'CD001') break;
    const type = d[0];
    if (type === 255) break;
    if (type === 1 && !primary) {
      primary = {
        systemId: text(d, 8, 32),
        volumeId: text(d, 40, 32),
        publisherId: text(d, 318, 128),
        applicationId: text(d, 574, 128),
        volumeSize: d.readUInt32LE(80) * d.readUInt16LE(128),
        roots: [rootOf(d, false)],
      };
    } else if (type === 2 && isJoliet(d) && !joliet) {
      joliet = rootOf(d, true);
    }
  }
  if (!primary) throw new Error(`${path} is not an ISO 9660 image (no primary volume descriptor at sector 16)`);
  if (joliet) primary.roots.push(joliet);
  return primary;
}

/** The primary volume descriptor of the image at `path` (and where its directory trees start). */
export function readVolumeDescriptor(path: string): Promise<VolumeDescriptor> {
  return withImage(path, (fh) => readDescriptorsFrom(fh, path));
}
