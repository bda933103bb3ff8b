// Opens the SQLite store: WAL, busy timeout, foreign keys, committed migrations applied, stale tasks failed.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';
import { failRunningTasks } from './tasks.ts';
import { clearVmLocks } from './vms.ts';

export type Db = BetterSQLite3Database<typeof schema>;
export interface Store { db: Db; sqlite: Database.Database; path: string; close(): void }

export const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** Message and code given to tasks that were still running when the previous process stopped. */
export const INTERRUPTED = { message: 'The server stopped while this task was running.', code: 'task.interrupted' };

/** Open (creating if needed) the database file and bring its schema up to date. */
export function openStore(path: string, opts: { busyTimeoutMs?: number; migrationsFolder?: string } = {}): Store {
  const sqlite = new Database(path);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? 5000)}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: opts.migrationsFolder ?? MIGRATIONS });
    failRunningTasks(db, INTERRUPTED.message, INTERRUPTED.code);
    clearVmLocks(db);
    return { db, sqlite, path, close: () => { if (sqlite.open) sqlite.close(); } };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

export * from './tasks.ts';
export * from './templates.ts';
export * from './vms.ts';
export * from './hosts.ts';
export * from './auth.ts';
export * from './throttle.ts';
export * from './audit.ts';
export * from './undo.ts';
export * as schema from './schema.ts';
export type { Task, TaskStatus, VmMetaRow, HostRow } from './schema.ts';
export { LOCAL_HOST_NAME } from './schema.ts';
