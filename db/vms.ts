// Store functions for VM metadata and VM locks. Missing metadata is normal (a VM made with virsh), never an error.
import { eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { vmLocks, vmMeta, type VmMetaRow } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

export function getVmMeta(db: Db, uuid: string): VmMetaRow | undefined {
  return db.select().from(vmMeta).where(eq(vmMeta.uuid, uuid)).get();
}

export function listVmMeta(db: Db): Map<string, VmMetaRow> {
  return new Map(db.select().from(vmMeta).all().map((r) => [r.uuid, r]));
}

export function putVmMeta(db: Db, uuid: string, meta: { template?: string | null; icon?: string | null; users?: string[]; groups?: string[] }): void {
  const values = { uuid, createdAt: new Date(), ...meta };
  db.insert(vmMeta).values(values).onConflictDoUpdate({ target: vmMeta.uuid, set: meta }).run();
}

/** Remove a VM's metadata; nothing there is fine. */
export function deleteVmMeta(db: Db, uuid: string): void {
  db.delete(vmMeta).where(eq(vmMeta.uuid, uuid)).run();
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
