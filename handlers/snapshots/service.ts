// The snapshots service: the tree of a VM's internal snapshots, create (a Task), revert, delete; qcow2-only rules from the XML.
import { DomainXMLFlags, ErrorCode, LibvirtError, type Connection, type Domain, type DomainSnapshot } from '../../libvirt/index.ts';
import { buildSnapshotXML, parseDomainXML, parseSnapshotXML, type DiskModel, type SnapshotModel } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { startTask } from '../common/task-runner.ts';
import type { Locale } from '../i18n/index.ts';
import type { Task } from '../tasks/schemas.ts';
import { change, changeError } from '../vmdevices/domain.ts';
import { vmUri } from '../vms/create.ts';
import { assertUnlocked, takeVmLock } from '../vms/lock.ts';
import { lookupVm, stateParam } from '../vms/service.ts';
import type { Snapshot, SnapshotCreate } from './schemas.ts';

const snapshotUri = (vm: string, snapshot: string) => `${vmUri(vm)}/snapshots/${encodeURIComponent(snapshot)}`;

/** Every snapshot with its parent and children, oldest first; `current` marks the one the VM is at. */
export async function listSnapshots(deps: Deps, name: string): Promise<Snapshot[]> {
  const conn = deps.libvirt.connection;
  const dom = await lookupVm(conn, name);
  const snaps = await conn.domainListAllSnapshots(dom);
  const [models, current] = await Promise.all([
    Promise.all(snaps.map(async (s) => parseSnapshotXML(await conn.domainSnapshotGetXMLDesc(s)))),
    currentName(conn, dom),
  ]);
  const children = new Map<string, string[]>();
  for (const m of models) if (m.parent) children.set(m.parent, [...(children.get(m.parent) ?? []), m.name]);
  const parentOf = new Map(models.map((m) => [m.name, m.parent]));
  const depth = (m: SnapshotModel) => { let d = 0; for (let p = m.parent; p && d < models.length; p = parentOf.get(p)) d++; return d; };
  // Oldest first; snapshots taken within one second keep ancestors before descendants.
  return models
    .sort((a, b) => a.creationTime - b.creationTime || depth(a) - depth(b) || a.name.localeCompare(b.name))
    .map((m) => ({
      name: m.name, parent: m.parent ?? '', created: m.creationTime, state: m.state, current: m.name === current,
      children: (children.get(m.name) ?? []).sort(),
    }));
}

async function currentName(conn: Connection, dom: Domain): Promise<string | undefined> {
  return (await conn.domainHasCurrentSnapshot(dom)) ? (await conn.domainSnapshotCurrent(dom)).name : undefined;
}

export async function getSnapshot(deps: Deps, name: string, snapshot: string): Promise<Snapshot> {
  const found = (await listSnapshots(deps, name)).find((s) => s.name === snapshot);
  if (!found) throw new KimchiError(404, 'KCHSNAP0001E', { name, snapshot });
  return found;
}

export async function currentSnapshot(deps: Deps, name: string): Promise<Snapshot> {
  const found = (await listSnapshots(deps, name)).find((s) => s.current);
  if (!found) throw new KimchiError(404, 'KCHSNAP0002E', { name });
  return found;
}

async function lookupSnapshot(conn: Connection, dom: Domain, snapshot: string): Promise<DomainSnapshot> {
  try {
    return await conn.domainSnapshotLookupByName(dom, snapshot);
  } catch (e) {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN_SNAPSHOT) throw new KimchiError(404, 'KCHSNAP0001E', { name: dom.name, snapshot }, { cause: e });
    throw e;
  }
}

/**
 * The first writable disk whose image cannot hold an internal snapshot: QEMU keeps them inside qcow2 files, so any other
 * driver format (raw when none is named on QEMU) refuses. CD-ROMs, read-only and empty drives are left out of snapshots.
 */
export function unsnapshottableDisk(hypervisor: string, disks: DiskModel[]): { dev: string; format: string } | undefined {
  for (const d of disks) {
    if (d.device !== 'disk' || d.readonly || !d.source || !Object.keys(d.source).length) continue;
    const format = d.driver?.type ?? (hypervisor === 'kvm' || hypervisor === 'qemu' ? 'raw' : undefined);
    if (format !== undefined && format !== 'qcow2') return { dev: d.target.dev, format };
  }
  return undefined;
}

/** A free default name: snap-YYYYMMDD-HHMMSS (UTC), with -2, -3 … if taken. */
function defaultName(taken: Set<string>, now = new Date()): string {
  const base = `snap-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

/** Create as a Task: checks (name, memory vs state, disk formats) answer at once; the VM is locked while libvirt works. */
export async function createSnapshot(deps: Deps, locale: Locale, name: string, body: SnapshotCreate): Promise<Task> {
  const conn = deps.libvirt.connection;
  const dom = await lookupVm(conn, name);
  const [taken, running, persistent, { state }] = await Promise.all([
    conn.domainListAllSnapshots(dom).then((l) => new Set(l.map((s) => s.name))),
    conn.domainIsActive(dom), conn.domainIsPersistent(dom), conn.domainGetState(dom),
  ]);
  const snapshot = body.name ?? defaultName(taken);
  if (taken.has(snapshot)) throw new KimchiError(409, 'KCHSNAP0003E', { name, snapshot });
  const memory = body.memory ?? running;
  if (memory && !running) throw new KimchiError(409, 'KCHSNAP0005E', { name, state: stateParam(state) });
  if (!memory && running) throw new KimchiError(409, 'KCHSNAP0006E', { name });
  const live = parseDomainXML(await conn.domainGetXMLDesc(dom, 0));
  const saved = running && persistent ? parseDomainXML(await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE)).devices.disks : [];
  const bad = unsnapshottableDisk(live.type, [...live.devices.disks, ...saved]);
  if (bad) throw new KimchiError(409, 'KCHSNAP0004E', { name, ...bad });
  const release = takeVmLock(deps.db, dom.uuid, name, 'snapshot');
  const xml = buildSnapshotXML({ name: snapshot, memory: memory ? 'internal' : 'no' });
  try {
    return startTask(deps, locale, snapshotUri(name, snapshot), async (task) => {
      try {
        task.progress(`Creating snapshot ${snapshot}`);
        await change('KCHSNAP0008E', { name, snapshot }, () => conn.domainSnapshotCreateXML(dom, xml, 0));
        deps.domainXml?.invalidate(dom.uuid);
        return 'OK';
      } finally {
        release();
      }
    });
  } catch (e) {
    release();
    throw e;
  }
}

/** External snapshots keep data in other files; libvirt 9.0 cannot revert to them, so refuse before asking. */
export function isExternal(m: SnapshotModel): boolean {
  return m.memory === 'external' || m.disks.some((d) => d.snapshot === 'external');
}

export async function revertSnapshot(deps: Deps, name: string, snapshot: string): Promise<Snapshot> {
  const conn = deps.libvirt.connection;
  const dom = await lookupVm(conn, name);
  assertUnlocked(deps.db, dom.uuid, name);
  const snap = await lookupSnapshot(conn, dom, snapshot);
  if (isExternal(parseSnapshotXML(await conn.domainSnapshotGetXMLDesc(snap)))) throw new KimchiError(409, 'KCHSNAP0007E', { snapshot });
  await change('KCHSNAP0009E', { name, snapshot }, () => conn.domainRevertToSnapshot(snap, 0));
  deps.domainXml?.invalidate(dom.uuid);
  return getSnapshot(deps, name, snapshot);
}

/** Delete one snapshot; libvirt gives its children to its parent. */
export async function deleteSnapshot(deps: Deps, name: string, snapshot: string): Promise<void> {
  const conn = deps.libvirt.connection;
  const dom = await lookupVm(conn, name);
  assertUnlocked(deps.db, dom.uuid, name);
  const snap = await lookupSnapshot(conn, dom, snapshot);
  try {
    await conn.domainSnapshotDelete(snap, 0);
  } catch (e) {
    throw changeError('KCHSNAP0010E', { name, snapshot }, e);
  }
}
