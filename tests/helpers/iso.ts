// Tiny ISO 9660 images for tests, made by xorriso from a temp directory (argument arrays only, never a shell).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface IsoSpec {
  volumeId: string;
  systemId?: string;
  publisherId?: string;
  applicationId?: string;
  /** path inside the image → contents, e.g. `{ '.treeinfo': '[general]\nversion = 36\n' }` */
  files?: Record<string, string | Buffer>;
  /** name extensions; Rock Ridge and Joliet both by default, as distro ISOs have */
  rockRidge?: boolean;
  joliet?: boolean;
}

export interface TempIso {
  path: string;
  dir: string;
  /** removes the image and its source tree */
  cleanup(): Promise<void>;
}

/** A fresh temp directory; callers remove it with the returned cleanup. */
export async function tempDir(prefix = 'kimchi-iso-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Offsets and widths of the primary volume descriptor's identifiers (sector 16). */
const PVD_FIELDS = { systemId: [8, 32], publisherId: [318, 128], applicationId: [574, 128] } as const;

/**
 * xorriso upper-cases the publisher and application ids (ISO 9660 a-characters); distro images made with
 * genisoimage keep their case ("SUSE LINUX Products GmbH"), so we write the fields back exactly as given.
 */
async function patchIdentifiers(path: string, spec: IsoSpec): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    for (const [key, [offset, width]] of Object.entries(PVD_FIELDS)) {
      const value = spec[key as keyof typeof PVD_FIELDS];
      if (value === undefined) continue;
      const bytes = Buffer.alloc(width, 0x20);
      bytes.write(value.slice(0, width), 'latin1');
      await fh.write(bytes, 0, width, 16 * 2048 + offset);
    }
  } finally {
    await fh.close();
  }
}

/** Builds an image with the given identifiers and files (a few hundred KiB at most). */
export async function makeIso(spec: IsoSpec): Promise<TempIso> {
  const { dir, cleanup } = await tempDir();
  try {
    const tree = join(dir, 'tree');
    await mkdir(tree);
    for (const [rel, body] of Object.entries(spec.files ?? { 'README.TXT': 'test image\n' })) {
      const p = join(tree, rel);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, body);
    }
    const path = join(dir, 'image.iso');
    const args = ['-as', 'mkisofs', '-quiet', '-V', spec.volumeId];
    if (spec.systemId !== undefined) args.push('-sysid', spec.systemId);
    if (spec.publisherId !== undefined) args.push('-publisher', spec.publisherId);
    if (spec.applicationId !== undefined) args.push('-A', spec.applicationId);
    if (spec.rockRidge ?? true) args.push('-R');
    if (spec.joliet ?? true) args.push('-J');
    args.push('-o', path, tree);
    await run('xorriso', args);
    await patchIdentifiers(path, spec);
    return { path, dir, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
