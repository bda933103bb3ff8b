// The database side of backups: an online copy through SQLite's backup API, and which migrations a database has.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One committed migration, from drizzle-kit's journal (`when` is what drizzle records as the row's created_at). */
export interface JournalEntry { idx: number; tag: string; when: number }

/** Where a database's schema stands against this release's migrations. */
export type SchemaStanding =
  | { kind: 'current' | 'older'; applied: number; tag?: string }
  | { kind: 'newer'; applied: number; unknown: number[] };

/** The committed migrations in order (db/migrations/meta/_journal.json). */
export function readJournal(migrationsFolder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries.map(({ idx, tag, when }) => ({ idx, tag, when })).sort((a, b) => a.when - b.when);
}

/** The migrations drizzle applied to this database (their created_at, oldest first); [] for a database without the table. */
export function appliedMigrations(sqlite: Database.Database): number[] {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return [];
  return (sqlite.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at').all() as Array<{ created_at: number | bigint }>)
    .map((r) => Number(r.created_at));
}

/**
 * drizzle's migrator applies every journal entry newer than the last applied one. A database that has a migration
 * this release does not know, or one newer than its newest, was made by a newer (or a different) release: opening
 * it here could lose what that release stored, so it is refused.
 */
export function schemaStanding(applied: number[], journal: JournalEntry[]): SchemaStanding {
  const known = new Map(journal.map((e) => [e.when, e.tag]));
  const unknown = applied.filter((when) => !known.has(when));
  const newest = journal.at(-1)?.when ?? 0;
  if (unknown.length || applied.some((when) => when > newest)) return { kind: 'newer', applied: applied.length, unknown };
  const last = applied.at(-1);
  const tag = last === undefined ? undefined : known.get(last);
  return { kind: last === newest ? 'current' : 'older', applied: applied.length, tag };
}

/**
 * A consistent copy of a live database into `dest` (a new file) through SQLite's online backup API: writers keep
 * going, and the copy is the database as of one moment (SQLite restarts the copy when another connection writes).
 * The copy leaves WAL mode, so it is one self-contained file (the server turns WAL on again when it opens it).
 */
export async function snapshotDatabase(sqlite: Database.Database, dest: string): Promise<void> {
  await sqlite.backup(dest);
  const copy = new Database(dest);
  try { copy.pragma('journal_mode = DELETE'); } finally { copy.close(); }
}

/** SQLite's own check of every page and index: 'ok', or the first problems it found. */
export function integrityProblems(sqlite: Database.Database): string[] {
  const rows = sqlite.pragma('integrity_check(5)') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
}
