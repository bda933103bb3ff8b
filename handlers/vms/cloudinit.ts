// Guests from a cloud image (issue 15): the image checked as a pool volume, the first disk planned as a qcow2 overlay
// of it (the image is never written), and the cloud-init seed — checked and built before anything is made, written
// into the VM's pool inside the create Task (journaled like every volume), attached as the CD-ROM.
import { ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import { updateDomainXML } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import { buildSpec } from '../templates/build.ts';
import type { TemplateInput, TemplateSpec } from '../templates/schemas.ts';
import type { CloudInit } from './cloudinit-schemas.ts';
import { buildSeedIso, seedMetadata, uploadSeed } from './cloudinit-seed.ts';
import { seedFiles } from './cloudinit-userdata.ts';
import type { Rollback } from './rollback.ts';
import { formatBytes, GiB, parseVolumeXML, volumeNamer } from './volumes.ts';

/**
 * A cloud image: a qcow2 or raw volume of a pool (404 KCHCI0006E otherwise; 400 KCHCI0009E for other formats) with no
 * backing file of its own (400 KCHCI0011E: an uploaded qcow2 must not pull host files into a guest). The format is
 * libvirt's, probed from the content (it refreshes a pool after an upload, so an upload declared "raw" reads as qcow2).
 */
export async function cloudImage(conn: Connection, path: string): Promise<{ path: string; capacity: number }> {
  const vol = await conn.storageVolLookupByPath(path).catch((e) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL) throw new KimchiError(404, 'KCHCI0006E', { path }, { cause: e });
    throw e;
  });
  const { format, backingPath } = parseVolumeXML(await conn.storageVolGetXMLDesc(vol));
  if (format !== 'qcow2' && format !== 'raw') throw new KimchiError(400, 'KCHCI0009E', { path, format: format ?? '?' });
  if (backingPath) throw new KimchiError(400, 'KCHCI0011E', { path, backing: backingPath });
  return { path, capacity: (await conn.storageVolGetInfo(vol)).capacity };
}

/** A spec whose first disk is an overlay of the image: `disk_size` GiB (400 KCHCI0008E below the image's size), else the image's. */
export async function cloudSpec(conn: Connection, path: string, diskSize: number | undefined, common: TemplateInput): Promise<TemplateSpec> {
  const image = await cloudImage(conn, path);
  if (diskSize !== undefined && diskSize * GiB < image.capacity) {
    throw new KimchiError(400, 'KCHCI0008E', { path, size: formatBytes(diskSize * GiB), image: formatBytes(image.capacity) });
  }
  return buildSpec({ ...common, disks: [{ size: diskSize ?? image.capacity / GiB, base: image.path }] });
}

/** cloud-init fits a spec whose first disk boots the guest and whose CD-ROM drive is free (400 KCHCI0007E otherwise). */
export function assertSeedFits(spec: TemplateSpec): void {
  if (spec.cdrom || spec.netboot || spec.disks.length === 0) throw new KimchiError(400, 'KCHCI0007E');
}

export interface SeedPlan { pool: string; name: string; iso: Buffer }

/** Keys, user-data and password checked and hashed, the ISO built, a free `<vm>-cidata.iso` name picked: nothing made yet. */
export async function planSeed(conn: Connection, ci: CloudInit, vm: string, pool: string): Promise<SeedPlan> {
  const files = await seedFiles(ci, vm);
  const iso = await buildSeedIso(files);
  return { pool, name: await volumeNamer(conn)(pool, `${vm}-cidata`, 'iso'), iso };
}

/** Inside the Task: the seed volume (journaled before it is made), its path for the CD-ROM. */
export async function makeSeed(conn: Connection, undo: Rollback, plan: SeedPlan): Promise<string> {
  const pool = await conn.storagePoolLookupByName(plan.pool);
  const vol = await undo.make(`delete volume ${plan.pool}/${plan.name}`, { kind: 'volume', pool: plan.pool, name: plan.name },
    () => uploadSeed(conn, pool, plan.name, plan.iso), (made) => conn.storageVolDelete(made));
  return conn.storageVolGetPath(vol);
}

/** The domain XML with the seed recorded in its <metadata> (what DELETE reads to remove it). */
export const withSeedMetadata = (xml: string, path: string) => updateDomainXML(xml, (m) => { m.metadata.push(seedMetadata(path)); });
