// Install media for the New guest dialog: every ISO the active pools hold, or one file on the host, each with the OS
// osinfo-db recognises on it and that OS's recommended memory and disk size — no scan needed.
import { stat } from 'node:fs/promises';
import type { Db } from '../../../db/index.ts';
import { ErrorCode, LibvirtError, type Connection, type StorageVol } from '../../../libvirt/index.ts';
import { parseStorageVolXML } from '../../../libvirt/xml/index.ts';
import { KimchiError } from '../../common/errors.ts';
import { osDefaults } from '../../templates/osinfo/index.ts';
import { GENERIC } from '../../templates/osinfo/info.ts';
import { offerForIso, offerView } from '../../vms/unattended.ts';
import { probeIso } from './probe.ts';
import type { InstallMedia } from './schemas.ts';

const ACTIVE_POOLS = 2; // VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE

/** The media view of an ISO file: undefined when `path` is not an ISO 9660 image this process can read. */
export async function mediaOf(db: Db, path: string, where?: { pool: string; volume: string }): Promise<InstallMedia | undefined> {
  const iso = await probeIso(db, path);
  if (!iso) return undefined;
  const known = iso.osDistro !== 'unknown';
  const os = known ? await osDefaults(iso.osDistro, iso.osVersion) : { ...GENERIC };
  const media: InstallMedia = {
    path, size: iso.size, ...(where ?? {}), volume_id: iso.volumeId, bootable: iso.bootable,
    os_distro: iso.osDistro, os_version: iso.osVersion, ...(known && os.name ? { os_name: os.name } : {}),
    recommended: { memory: os.memoryMiB, cpus: 1, disk: os.diskGiB },
  };
  const offer = known ? await offerForIso(os.osinfoId, iso.volumeId) : undefined;
  return offer ? { ...media, unattended: offerView(offer) } : media;
}

const gone = (e: unknown) => e instanceof LibvirtError && (e.code === ErrorCode.NO_STORAGE_VOL || e.code === ErrorCode.NO_STORAGE_POOL);

async function isoPathOf(conn: Connection, vol: StorageVol): Promise<string | undefined> {
  const m = parseStorageVolXML(await conn.storageVolGetXMLDesc(vol));
  return m.path && (m.format === 'iso' || /\.iso$/i.test(vol.name)) ? m.path : undefined;
}

/** Every ISO in every active pool (by libvirt's format or a .iso name, then checked by content), sorted by pool and name. */
export async function poolIsos(conn: Connection, db: Db): Promise<InstallMedia[]> {
  const pools = await conn.connectListAllStoragePools(ACTIVE_POOLS);
  const found = await Promise.all(pools.map(async (pool) => {
    const vols = await conn.storagePoolListAllVolumes(pool).catch((e: unknown) => { if (gone(e)) return []; throw e; });
    return Promise.all(vols.map(async (vol) => {
      const path = await isoPathOf(conn, vol).catch((e: unknown) => { if (gone(e)) return undefined; throw e; });
      return path ? mediaOf(db, path, { pool: pool.name, volume: vol.name }) : undefined;
    }));
  }));
  return found.flat().filter((m): m is InstallMedia => m !== undefined)
    .sort((a, b) => a.pool!.localeCompare(b.pool!) || a.volume!.localeCompare(b.volume!));
}

/** One file on the host: 400 KCHISO0004E when it is missing or not an ISO image. */
export async function inspectMedia(db: Db, path: string): Promise<InstallMedia> {
  const st = await stat(path).catch(() => undefined);
  const media = st?.isFile() ? await mediaOf(db, path) : undefined;
  if (!media) throw new KimchiError(400, 'KCHISO0004E', { path });
  return media;
}
