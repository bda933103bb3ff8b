// The end of an unattended install: its volumes (the copied kernel, the initrd holding the script, the script CD-ROM)
// carry the passwords in clear text, so once the install run has stopped they are deleted and the <ua:install> record
// of them leaves the saved definition. What belongs to an install is that record alone (it travels with the domain, on
// whichever host it is); runtime/install-cleanup.ts calls this on a `stopped` event and sweeps at start, reconnect and
// when a pool starts (a volume in a stopped pool keeps its file and the record until the pool is back).
import { posix } from 'node:path';
import { lockVm, unlockVm, type Db } from '../../db/index.ts';
import { DomainAffect, DomainXMLFlags, ErrorCode, LibvirtError, ListDomainsFlags, type Connection, type Domain } from '../../libvirt/index.ts';
import { child, parseDomainXML, parseStoragePoolXML, parseXml, text } from '../../libvirt/xml/index.ts';
import { isNameReserved } from './lock.ts';
import { INSTALL_NS, installVolumesOf } from './unattended.ts';

export type InstallEnd =
  | { status: 'none' } // no install record: nothing to do
  | { status: 'running' } // the install run still boots or uses the install volumes
  | { status: 'busy' } // a task holds the guest (its creation, a clone…): the next sweep decides
  | { status: 'cleaned'; deleted: string[] }
  // some volumes sit in a stopped pool (libvirt cannot see them, their files stay): the record stays for the next sweep
  | { status: 'waiting'; deleted: string[]; waiting: string[] };

/** VIR_DOMAIN_METADATA_ELEMENT */
const METADATA_ELEMENT = 2;
const absent = (e: unknown) => e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL;
/** VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE */
const INACTIVE_POOLS = 1;

/** The target directories of the host's stopped (defined, inactive) pools: a volume path under one is out of sight, not gone. */
async function stoppedPoolDirs(conn: Connection): Promise<Set<string>> {
  const dirs = new Set<string>();
  for (const pool of await conn.connectListAllStoragePools(INACTIVE_POOLS)) {
    const target = parseStoragePoolXML(await conn.storagePoolGetXMLDesc(pool, 0)).targetPath;
    if (target) dirs.add(posix.normalize(target).replace(/\/+$/, ''));
  }
  return dirs;
}

/** The paths a live definition boots or attaches (kernel, initrd, every disk source). */
function pathsInUse(xml: string): Set<string> {
  const os = child(parseXml(xml).root, 'os');
  const used = new Set<string>();
  for (const name of ['kernel', 'initrd']) { const p = text(child(os, name)); if (p) used.add(p); }
  for (const d of parseDomainXML(xml).devices.disks) { const p = d.source?.file ?? d.source?.dev; if (p) used.add(p); }
  return used;
}

/**
 * Delete one guest's install volumes unless its install run still uses them, then drop their record from the saved
 * definition (volumes first: a stop in between leaves a record of volumes that are gone, which the next sweep clears).
 */
export async function endInstall(conn: Connection, dom: Domain, db: Db): Promise<InstallEnd> {
  try {
    return await end(conn, dom, db);
  } catch (e) {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN) return { status: 'none' }; // deleted meanwhile: not ours to clean
    throw e;
  }
}

async function end(conn: Connection, dom: Domain, db: Db): Promise<InstallEnd> {
  if (!(await conn.domainIsPersistent(dom))) return { status: 'none' };
  const saved = await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE | DomainXMLFlags.SECURE);
  const paths = installVolumesOf(parseDomainXML(saved));
  if (paths.length === 0) return { status: 'none' };
  if (await conn.domainIsActive(dom)) {
    const used = pathsInUse(await conn.domainGetXMLDesc(dom, 0));
    if (paths.some((p) => used.has(p))) return { status: 'running' };
  }
  // A guest still being made (its name reserved) or held by a long operation is left for the next sweep.
  if (isNameReserved(db, dom.name) || !lockVm(db, dom.uuid, 'install-cleanup')) return { status: 'busy' };
  try {
    const deleted: string[] = [], waiting: string[] = [];
    let stopped: Set<string> | undefined;
    for (const path of paths) {
      try {
        await conn.storageVolDelete(await conn.storageVolLookupByPath(path));
        deleted.push(path);
      } catch (e) {
        if (!absent(e)) throw e;
        stopped ??= await stoppedPoolDirs(conn);
        if (stopped.has(posix.dirname(posix.normalize(path)))) waiting.push(path);
      }
    }
    if (waiting.length > 0) return { status: 'waiting', deleted, waiting };
    // Only our record goes, in place (never a redefine: a guest deleted meanwhile must not come back); from the
    // live definition too when the final one runs, so its deletion plan no longer names them.
    const drop = (flags: number) => conn.domainSetMetadata(dom, METADATA_ELEMENT, null, null, INSTALL_NS, flags);
    if (await conn.domainIsActive(dom)) {
      // It may stop meanwhile (then LIVE is refused): the saved definition is what counts.
      await drop(DomainAffect.CONFIG | DomainAffect.LIVE).catch(() => drop(DomainAffect.CONFIG));
    } else {
      await drop(DomainAffect.CONFIG);
    }
    return { status: 'cleaned', deleted };
  } finally {
    unlockVm(db, dom.uuid);
  }
}

/** Every persistent guest of one host whose install run is over: what each one had deleted (by name). */
export async function sweepInstalls(conn: Connection, db: Db): Promise<Map<string, string[]>> {
  const cleaned = new Map<string, string[]>();
  for (const dom of await conn.connectListAllDomains(ListDomainsFlags.PERSISTENT)) {
    const r = await endInstall(conn, dom, db);
    if (r.status === 'cleaned') cleaned.set(dom.name, r.deleted);
  }
  return cleaned;
}

