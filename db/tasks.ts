// Store functions for tasks: create, read, list, count, finish or fail, and fail the ones a stopped server left running.
import { and, count, desc, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { LOCAL_HOST_NAME, TASK_STATUSES, tasks, type Task, type TaskStatus } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

export function createTask(db: Db, targetUri: string, message = '', host = LOCAL_HOST_NAME): Task {
  const now = new Date();
  return db.insert(tasks).values({ targetUri, message, host, status: 'running', createdAt: now, updatedAt: now }).returning().get();
}

export function getTask(db: Db, id: number): Task | undefined {
  return db.select().from(tasks).where(eq(tasks.id, id)).get();
}

export function listTasks(db: Db, filter: { status?: TaskStatus; targetUri?: string; limit?: number } = {}): Task[] {
  const where = and(
    filter.status ? eq(tasks.status, filter.status) : undefined,
    filter.targetUri ? eq(tasks.targetUri, filter.targetUri) : undefined,
  );
  const query = db.select().from(tasks).where(where).orderBy(desc(tasks.id));
  return (filter.limit ? query.limit(filter.limit) : query).all();
}

/** Progress message (and figures, when given) of a running task; ignored once the task has ended. */
export function updateTask(db: Db, id: number, message: string, progress?: Record<string, number>): Task | undefined {
  return db.update(tasks).set({ message, ...(progress ? { progress } : {}), updatedAt: new Date() })
    .where(and(eq(tasks.id, id), eq(tasks.status, 'running'))).returning().get();
}

/** Whether a cancel request may stop the running task now. */
export function setTaskCancellable(db: Db, id: number, cancellable: boolean): void {
  db.update(tasks).set({ cancellable, updatedAt: new Date() }).where(and(eq(tasks.id, id), eq(tasks.status, 'running'))).run();
}

/** Ask a running, cancellable task to stop; returns the row when the request was recorded. */
export function requestTaskCancel(db: Db, id: number): Task | undefined {
  return db.update(tasks).set({ cancelRequested: true, updatedAt: new Date() })
    .where(and(eq(tasks.id, id), eq(tasks.status, 'running'), eq(tasks.cancellable, true))).returning().get();
}

export function endTask(
  db: Db, id: number, status: 'finished' | 'failed' | 'cancelled', message: string, errorCode?: string, errorParams?: Record<string, unknown>,
): Task | undefined {
  return db.update(tasks).set({
    status, message, errorCode: errorCode ?? null, errorParams: errorParams ?? null, cancellable: false, updatedAt: new Date(),
  }).where(and(eq(tasks.id, id), eq(tasks.status, 'running'))).returning().get();
}

/** Mark every task still "running" as failed: they belonged to a process that is gone. Returns how many. */
export function failRunningTasks(db: Db, message: string, errorCode: string): number {
  return db.update(tasks).set({ status: 'failed', message, errorCode, updatedAt: new Date() })
    .where(eq(tasks.status, 'running')).run().changes;
}

/** How many tasks are in each status (every status present, 0 when none): one indexed query, for /metrics. */
export function countTasksByStatus(db: Db): Record<TaskStatus, number> {
  const out = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const row of db.select({ status: tasks.status, n: count() }).from(tasks).groupBy(tasks.status).all()) out[row.status] = row.n;
  return out;
}

/** How many tasks are running on a host (it cannot be removed while any are). */
export function runningTasksOn(db: Db, host: string): number {
  return db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.host, host), eq(tasks.status, 'running'))).all().length;
}
