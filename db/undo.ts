// Store functions for the durable undo journal of long operations (see pending_undo in schema.ts).
import { and, desc, eq, ne } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { LOCAL_HOST_NAME, pendingUndo, tasks, type PendingUndoRow, type UndoKind } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

/** Record how to undo a step of task `taskId` that just succeeded; returns the row's id. */
export function recordUndo(db: Db, taskId: number, kind: UndoKind, args: Record<string, string>): number {
  return db.insert(pendingUndo).values({ taskId, kind, args, createdAt: new Date() }).returning({ id: pendingUndo.id }).get().id;
}

/** The step was undone (or its operation no longer needs undoing). */
export function forgetUndo(db: Db, id: number): void {
  db.delete(pendingUndo).where(eq(pendingUndo.id, id)).run();
}

/** The operation succeeded: none of its steps is to be undone. */
export function forgetTaskUndos(db: Db, taskId: number): void {
  db.delete(pendingUndo).where(eq(pendingUndo.taskId, taskId)).run();
}

/**
 * Steps left by operations that are no longer running (a stopped server) on one host, newest first: the order to
 * undo them. Each host's steps are replayed on that host's connection only.
 */
export function orphanedUndos(db: Db, host = LOCAL_HOST_NAME): PendingUndoRow[] {
  return db.select({ row: pendingUndo }).from(pendingUndo)
    .innerJoin(tasks, eq(tasks.id, pendingUndo.taskId))
    .where(and(ne(tasks.status, 'running'), eq(tasks.host, host)))
    .orderBy(desc(pendingUndo.id)).all().map((r) => r.row);
}
