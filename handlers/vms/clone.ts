// POST /vms/:name/clone: a shut-off VM copied under a new name, UUID and MACs, each disk copied to a new volume.
import { getVmMeta, putVmMeta, deleteVmMeta } from '../../db/index.ts';
import { DomainState, DomainXMLFlags, ErrorCode, LibvirtError, type Connection, type Domain, type StorageVol } from '../../libvirt/index.ts';
import { child, parseDomainXML, updateDomainXML } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { startTask } from '../common/task-runner.ts';
import type { Locale, MessageCode } from '../i18n/index.ts';
import type { Task } from '../tasks/schemas.ts';
import { freeName, vmUri } from './create.ts';
import { isNameReserved, reserveVmName, takeVmLock } from './lock.ts';
import { Rollback } from './rollback.ts';
import { activePool, diskPath, formatBytes, parseVolumeXML, pointDiskAt, volumeExt, volumeNamer, volumeOfDisk, volumeXML } from './volumes.ts';
import { hostOf } from '../common/hosts.ts';

const FALLBACK_POOL = 'default';

/** The VM by name, 404 KCHVMCR0013E when libvirt has none; 409 KCHVMCR0005E unless it is shut off. */
export async function shutOffVm(conn: Connection, name: string): Promise<Domain> {
  const dom = await conn.domainLookupByName(name).catch((e) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN) throw new KimchiError(404, 'KCHVMCR0013E', { name }, { cause: e });
    throw e;
  });
  await assertShutOff(conn, dom, name);
  return dom;
}

export async function assertShutOff(conn: Connection, dom: Domain, name: string): Promise<void> {
  if ((await conn.domainGetState(dom)).state !== DomainState.SHUTOFF) throw new KimchiError(409, 'KCHVMCR0005E', { name });
}

interface DiskCopy { index: number; source: StorageVol; pool: string; name: string; format: string; capacity: number }

/**
 * Where each disk's copy goes: its own pool when it has room for the used bytes, else `default`, else 409; named
 * `<clone>-<n>.<ext>`, or the first free name after it.
 */
async function planCopies(conn: Connection, xml: string, vm: string, clone: string): Promise<DiskCopy[]> {
  const disks = parseDomainXML(xml).devices.disks;
  const freeName = volumeNamer(conn);
  const free = new Map<string, number>();
  const room = async (pool: string) => {
    if (!free.has(pool)) free.set(pool, (await activePool(conn, pool)).available);
    return free.get(pool)!;
  };
  const plan: DiskCopy[] = [];
  for (const [index, d] of disks.entries()) {
    if (d.device !== 'disk' || !d.source) continue; // CD-ROMs (and empty drives) stay as they are
    const source = await volumeOfDisk(conn, d, vm);
    const info = await conn.storageVolGetInfo(source);
    const format = parseVolumeXML(await conn.storageVolGetXMLDesc(source)).format ?? d.driver?.type ?? 'raw';
    let pool = source.pool;
    if (await room(pool) < info.allocation) {
      if (await room(FALLBACK_POOL).catch(() => 0) < info.allocation) {
        throw new KimchiError(409, 'KCHVMCR0012E', {
          path: diskPath(d) ?? source.name, needed: formatBytes(info.allocation), pool: FALLBACK_POOL, available: formatBytes(free.get(FALLBACK_POOL) ?? 0),
        });
      }
      pool = FALLBACK_POOL;
    }
    free.set(pool, free.get(pool)! - info.allocation);
    plan.push({ index, source, pool, name: await freeName(pool, `${clone}-${plan.length}`, volumeExt(format)), format, capacity: info.capacity });
  }
  return plan;
}

export async function cloneVm(deps: Deps, locale: Locale, name: string): Promise<Task> {
  const conn = deps.libvirt.connection;
  const dom = await shutOffVm(conn, name);
  const unlock = takeVmLock(deps.db, dom.uuid, name, 'clone');
  let release: (() => void) | undefined;
  let clone: string, xml: string, plan: DiskCopy[];
  try {
    await assertShutOff(conn, dom, name); // again, under the lock: a start may have slipped in before it
    const taken = new Set((await conn.connectListAllDomains()).map((d) => d.name));
    clone = freeName(taken, name, '-clone-', (n) => isNameReserved(deps.db, n));
    release = reserveVmName(deps.db, clone, 'clone');
    if (!release) throw new KimchiError(409, 'KCHVMCR0001E', { name: clone });
    xml = await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE | DomainXMLFlags.SECURE);
    plan = await planCopies(conn, xml, name, clone);
  } catch (e) {
    release?.();
    unlock();
    throw e;
  }

  return startTask(deps, locale, vmUri(clone), async (task) => {
    const undo = new Rollback(deps.logger, { task: task.id, vm: name, clone }, { db: deps.db, taskId: task.id });
    let step: MessageCode = 'step.copy';
    let volume = '';
    try {
      const copies = new Map<number, { vol: StorageVol; path: string }>();
      for (const c of plan) {
        volume = c.name;
        task.progress(`copying disk ${c.source.name} to ${c.pool}/${c.name}`);
        const pool = await conn.storagePoolLookupByName(c.pool);
        // Journaled before libvirt starts copying: a server killed mid-copy leaves the intent for the next start.
        const vol = await undo.make(`delete volume ${c.pool}/${c.name}`, { kind: 'volume', pool: c.pool, name: c.name },
          () => conn.storageVolCreateXMLFrom(pool, volumeXML({ name: c.name, capacityBytes: c.capacity, format: c.format }), c.source),
          (made) => conn.storageVolDelete(made));
        copies.set(c.index, { vol, path: await conn.storageVolGetPath(vol) });
      }
      step = 'step.define';
      task.progress(`defining ${clone}`);
      const cloneXml = updateDomainXML(xml, (m, root) => {
        m.name = clone;
        delete m.uuid; // libvirt makes a new UUID, and new MACs for interfaces without one
        m.devices.interfaces = m.devices.interfaces.map((i) => ({ ...i, mac: undefined }));
        m.devices.disks.forEach((d, i) => { const c = copies.get(i); if (c) pointDiskAt(d, c.vol, c.path); });
        // UEFI variables belong to the source; libvirt makes a fresh NVRAM file for the clone.
        const os = child(root, 'os');
        if (os) os.children = os.children.filter((n) => !('name' in n && n.name === 'nvram'));
      });
      const made = await conn.domainDefineXML(cloneXml);
      undo.push(`undefine ${clone}`, () => conn.domainUndefine(made), { kind: 'domain', uuid: made.uuid });
      step = 'step.meta';
      const meta = getVmMeta(deps.db, dom.uuid, hostOf(deps));
      if (meta) {
        putVmMeta(deps.db, made.uuid, { template: meta.template, icon: meta.icon, users: meta.users, groups: meta.groups }, hostOf(deps));
        undo.push(`delete metadata of ${made.uuid}`, () => deleteVmMeta(deps.db, made.uuid, hostOf(deps)), { kind: 'vm_meta', uuid: made.uuid });
      }
      undo.commit();
      return 'OK';
    } catch (e) {
      await undo.run();
      if (e instanceof LibvirtError) throw new KimchiError(500, 'KCHVMCR0008E', { name, step: { t: step }, volume, detail: e.message }, { cause: e });
      throw e;
    } finally {
      release!();
      unlock();
    }
  });
}
