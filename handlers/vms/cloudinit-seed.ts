// The NoCloud seed as a pool volume: an ISO 9660 volume labelled `cidata` built by xorriso (argv, a private temp
// dir), uploaded through libvirt, attached as the guest's CD-ROM and named in the domain's <metadata> so that
// deleting the guest deletes it too.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Connection, StoragePool, StorageVol } from '../../libvirt/index.ts';
import { attr, el, metadataElement, type DomainModel, type XElement } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import type { SeedFiles } from './cloudinit-userdata.ts';
import { volumeXML } from './volumes.ts';

/** The NoCloud volume label cloud-init looks for. */
export const SEED_LABEL = 'cidata';
/** Our namespace in a domain's <metadata>: `<ci:seed path="…"/>` names the seed volume we made for it. */
export const SEED_NS = 'urn:kimchi-ts:cloud-init:1';

/** The seed ISO's bytes: `user-data` and `meta-data` at the root of a Rock Ridge + Joliet volume labelled cidata. */
export async function buildSeedIso(files: SeedFiles): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'kimchi-seed-')); // mode 0700: the hash is readable by us only
  try {
    await writeFile(join(dir, 'user-data'), files.userData, { mode: 0o600 });
    await writeFile(join(dir, 'meta-data'), files.metaData, { mode: 0o600 });
    const iso = join(dir, 'seed.iso');
    await new Promise<void>((resolve, reject) => {
      execFile('xorriso', ['-as', 'mkisofs', '-quiet', '-output', iso, '-volid', SEED_LABEL, '-joliet', '-rock',
        join(dir, 'user-data'), join(dir, 'meta-data')], { timeout: 60_000 }, (err, _out, stderr) => {
        if (err) reject(new KimchiError(500, 'KCHCI0005E', { detail: String(stderr).trim().split('\n').pop() || err.message }, { cause: err }));
        else resolve();
      });
    });
    return await readFile(iso);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A raw volume holding `iso` in `pool`. Called inside Rollback.make (journaled before): a failed upload deletes the
 * volume it made before rethrowing, so nothing is left either way.
 */
export async function uploadSeed(conn: Connection, pool: StoragePool, name: string, iso: Buffer): Promise<StorageVol> {
  const vol = await conn.storageVolCreateXML(pool, volumeXML({ name, capacityBytes: iso.length, format: 'raw' }));
  try {
    const sink = await conn.storageVolUpload(vol, 0, iso.length);
    await pipeline(async function* () { for (let o = 0; o < iso.length; o += 256 * 1024) yield iso.subarray(o, o + 256 * 1024); }, sink);
    return vol;
  } catch (e) {
    await conn.storageVolDelete(vol).catch(() => undefined);
    throw e;
  }
}

/** The <metadata> element that records the seed's path. */
export const seedMetadata = (path: string): XElement => el('ci:seed', { 'xmlns:ci': SEED_NS, path });

/** The seed path a domain's metadata records, if we made one for it. */
export function seedPathOf(m: Pick<DomainModel, 'metadata'>): string | undefined {
  return attr(metadataElement(m, SEED_NS), 'path');
}
