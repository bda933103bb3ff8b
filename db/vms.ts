// Store functions for VM metadata and VM locks. Missing metadata is normal (a VM made with virsh), never an error.
import { and, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { LOCAL_HOST_NAME, vmLocks, vmMeta, type VmMetaRow } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

/* Metadata is keyed by host and UUID: a guest shared with a user is shared on its own host. `host` defaults to local. */
const row = (uuid: string, host: string) => and(eq(vmMeta.host, host), eq(vmMeta.uuid, uuid));

export function getVmMeta(db: Db, uuid: string, host = LOCAL_HOST_NAME): VmMetaRow | undefined {
  return db.select().from(vmMeta).where(row(uuid, host)).get();
}

/** The metadata of one host's VMs, by UUID. */
export function listVmMeta(db: Db, host = LOCAL_HOST_NAME): Map<string, VmMetaRow> {
  return new Map(db.select().from(vmMeta).where(eq(vmMeta.host, host)).all().map((r) => [r.uuid, r]));
}

export function putVmMeta(db: Db, uuid: string, meta: { template?: string | null; icon?: string | null; users?: string[]; groups?: string[] }, host = LOCAL_HOST_NAME): void {
  const values = { host, uuid, createdAt: new Date(), ...meta };
  db.insert(vmMeta).values(values).onConflictDoUpdate({ target: [vmMeta.host, vmMeta.uuid], set: meta }).run();
}

/** Remove a VM's metadata; nothing there is fine. */
export function deleteVmMeta(db: Db, uuid: string, host = LOCAL_HOST_NAME): void {
  db.delete(vmMeta).where(row(uuid, host)).run();
}

/** A guest that moved (live migration) keeps its metadata on its new host; false when it had none. */
export function moveVmMeta(db: Db, uuid: string, from: string, to: string): boolean {
  if (from === to) return getVmMeta(db, uuid, from) !== undefined;
  return db.transaction((tx) => {
    tx.delete(vmMeta).where(row(uuid, to)).run();
    return tx.update(vmMeta).set({ host: to }).where(row(uuid, from)).run().changes === 1;
  });
}

/** Take the VM's lock; false when another operation holds it. */
export function lockVm(db: Db, uuid: string, operation: string, taskId?: number): boolean {
  return db.insert(vmLocks).values({ uuid, operation, taskId: taskId ?? null, createdAt: new Date() })
    .onConflictDoNothing().run().changes === 1;
}

export function vmLock(db: Db, uuid: string): { operation: string; taskId: number | null } | undefined {
  return db.select({ operation: vmLocks.operation, taskId: vmLocks.taskId }).from(vmLocks).where(eq(vmLocks.uuid, uuid)).get();
}

export function unlockVm(db: Db, uuid: string): void {
  db.delete(vmLocks).where(eq(vmLocks.uuid, uuid)).run();
}

/** Locks of a process that is gone. */
export function clearVmLocks(db: Db): number {
  return db.delete(vmLocks).run().changes;
}
