// Undo what operations interrupted by a stopped server left half-done: the steps Rollback journaled in pending_undo.
import { deleteTemplate, deleteVmMeta, forgetUndo, orphanedUndos, type Db } from '../../db/index.ts';
import type { PendingUndoRow } from '../../db/schema.ts';
import { DomainUndefineFlags, ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import type { HandlerLogger } from '../common/context.ts';
import type { HostDirectory } from '../common/hosts.ts';
import { othersUsage } from './deletion-plan.ts';

const GONE = new Set<number>([ErrorCode.NO_DOMAIN, ErrorCode.NO_STORAGE_POOL, ErrorCode.NO_STORAGE_VOL]);
const gone = (e: unknown) => e instanceof LibvirtError && GONE.has(e.code);
/** libvirt refuses to delete a volume it is still filling: a copy goes on in libvirtd after its server was killed. */
const busy = (row: PendingUndoRow, e: unknown) => (row.kind === 'volume' || row.kind === 'host_volume') && e instanceof LibvirtError && e.code === ErrorCode.OPERATION_INVALID;
const COPY_POLL_MS = 2000;

export interface Recovery {
  /** Steps carried out. */
  undone: string[];
  /** Steps left as they are on purpose (a VM running again, a volume some domain now uses), with why. */
  kept: string[];
  /** Volumes libvirt is still copying: deleted in the background once the copy ends. */
  waiting: string[];
}

/** A volume, unless a domain of its host now uses it (a migration that completed before its server stopped). */
async function deleteUnused(conn: Connection, a: Record<string, string>, usage: () => Promise<Map<string, Set<string>>>): Promise<string> {
  const vol = await conn.storageVolLookupByName(await conn.storagePoolLookupByName(a.pool!), a.name!);
  const users = (await usage()).get(await conn.storageVolGetPath(vol));
  if (users?.size) return `kept: used by ${[...users].join(', ')}`;
  await conn.storageVolDelete(vol);
  return 'undone';
}

/** What one journaled step does at replay: 'undone', 'kept: why', or 'gone' (nothing left to undo). */
async function replay(
  conn: Connection, db: Db, row: PendingUndoRow, usage: () => Promise<Map<string, Set<string>>>, host?: string, hosts?: HostDirectory,
): Promise<string> {
  const a = row.args;
  switch (row.kind) {
    case 'host_volume': {
      // On another host: its own connection (a host that is down keeps the step for the next try).
      const other = hosts?.get(a.host!)?.libvirt.connection;
      if (!other) throw new Error(`host ${a.host} is not registered or not connected`);
      return deleteUnused(other, a, () => othersUsage(other));
    }
    case 'template':
      return deleteTemplate(db, a.name!) ? 'undone' : 'gone';
    case 'redefine':
      await conn.domainDefineXML(a.xml!);
      return 'undone';
    case 'domain': {
      const dom = await conn.domainLookupByUUID(a.uuid!);
      if (await conn.domainIsActive(dom)) return 'kept: the VM is running';
      // A UEFI guest's variables file goes with it (libvirt keeps it otherwise).
      await conn.domainUndefine(dom, DomainUndefineFlags.NVRAM);
      return 'undone';
    }
    case 'volume':
      return deleteUnused(conn, a, usage);
    case 'vm_meta': {
      // Last of all (see below): the metadata goes only when its VM went too.
      const exists = await conn.domainLookupByUUID(a.uuid!).then(() => true, (e) => { if (gone(e)) return false; throw e; });
      if (exists) return 'kept: the VM is still defined';
      deleteVmMeta(db, a.uuid!, host);
      return 'undone';
    }
  }
}

/**
 * Replay, newest first, the journaled steps of tasks that are no longer running; metadata rows go last, once the
 * domains they describe are dealt with. A step that fails for another reason than "already gone" stays in the
 * journal for the next try (the next start or reconnect); the others are removed.
 */
export async function undoInterrupted(
  conn: Connection, db: Db, logger?: HandlerLogger, host?: string, hosts?: HostDirectory,
): Promise<Recovery> {
  const rows = orphanedUndos(db, host);
  const ordered = [...rows.filter((r) => r.kind !== 'vm_meta'), ...rows.filter((r) => r.kind === 'vm_meta')];
  const out: Recovery = { undone: [], kept: [], waiting: [] };
  const busyRows: PendingUndoRow[] = [];
  // Who reaches which path: read once, again only after a domain was undefined or redefined.
  let known: Promise<Map<string, Set<string>>> | undefined;
  const usage = () => (known ??= othersUsage(conn));
  for (const row of ordered) {
    if (row.kind === 'domain' || row.kind === 'redefine') known = undefined;
    const what = `${row.kind} ${JSON.stringify(row.kind === 'redefine' ? { task: row.taskId } : row.args)}`;
    let result: string;
    try {
      result = await replay(conn, db, row, usage, host, hosts);
    } catch (e) {
      if (busy(row, e)) {
        busyRows.push(row);
        out.waiting.push(what);
        continue;
      }
      if (!gone(e)) {
        logger?.error({ err: e, task: row.taskId, step: what }, 'could not undo a step of an interrupted task; will retry');
        continue;
      }
      result = 'gone';
    }
    forgetUndo(db, row.id);
    if (result === 'undone') out.undone.push(what);
    else if (result.startsWith('kept')) out.kept.push(`${what} (${result.slice(6)})`);
  }
  if (out.undone.length || out.kept.length || out.waiting.length) logger?.info({ ...out }, 'undid what interrupted tasks left half-done');
  if (busyRows.length) void undoWhenCopied(conn, db, busyRows, logger, host, hosts);
  return out;
}

/**
 * Try the volumes libvirt was still copying again every few seconds, in the background (a copy of a large disk can
 * take minutes; the server does not wait for it to start). Ends when each is undone or gone; any other failure (the
 * connection closed) leaves the step in the journal for the next start or reconnect.
 */
async function undoWhenCopied(
  conn: Connection, db: Db, rows: PendingUndoRow[], logger?: HandlerLogger, host?: string, hosts?: HostDirectory,
): Promise<void> {
  let left = rows;
  while (left.length) {
    await new Promise((resolve) => setTimeout(resolve, COPY_POLL_MS).unref());
    const still: PendingUndoRow[] = [];
    for (const row of left) {
      const what = `volume ${JSON.stringify(row.args)}`;
      try {
        const result = await replay(conn, db, row, () => othersUsage(conn), host, hosts).catch((e) => { if (gone(e)) return 'gone'; throw e; });
        forgetUndo(db, row.id);
        logger?.info({ step: what, result }, 'a volume whose copy an interrupted task started is dealt with');
      } catch (e) {
        if (busy(row, e)) still.push(row);
        else logger?.error({ err: e, task: row.taskId, step: what }, 'could not undo a step of an interrupted task; will retry');
      }
    }
    left = still;
  }
}
