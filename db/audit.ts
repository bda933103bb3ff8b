// Store functions of the audit log: one row per identified request, refused anonymous traffic counted per address
// and minute, both kept within an age and a row limit, read newest first a page at a time.
import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { auditLog, refusedRequests, type AuditEntry, type RefusedRow } from './auth-schema.ts';

import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

/** How much of the audit log is kept: rows older than `maxAgeMs` go, and only the newest `maxEntries` stay. */
export interface AuditRetention { maxAgeMs: number; maxEntries: number }
export const DEFAULT_AUDIT_RETENTION: AuditRetention = { maxAgeMs: 90 * 86_400_000, maxEntries: 100_000 };

/** Record one request and trim the log to `retention` (two indexed deletes: cheap enough for every write). */
export function audit(db: Db, entry: Omit<AuditEntry, 'id'>, retention = DEFAULT_AUDIT_RETENTION): void {
  const id = Number(db.insert(auditLog).values(entry).run().lastInsertRowid);
  db.delete(auditLog).where(lte(auditLog.id, id - retention.maxEntries)).run();
  db.delete(auditLog).where(lt(auditLog.at, new Date(entry.at.getTime() - retention.maxAgeMs))).run();
}

/** Count one refused anonymous request in its address's row for the minute of `at`. */
export function countRefused(db: Db, at: Date, remoteAddr: string, retention = DEFAULT_AUDIT_RETENTION): void {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  const row = db.insert(refusedRequests).values({ minute, remoteAddr, count: 1 })
    .onConflictDoUpdate({ target: [refusedRequests.minute, refusedRequests.remoteAddr], set: { count: sql`${refusedRequests.count} + 1` } })
    .returning({ count: refusedRequests.count }).get();
  if (row.count > 1) return; // an existing row counted one more: nothing new to trim
  // By rank, not by id arithmetic: SQLite's AUTOINCREMENT spends an id on every upsert that only counted, so
  // `id <= newest - maxEntries` would drop rows far younger than the limit.
  keepNewest(db, refusedRequests, retention.maxEntries);
  db.delete(refusedRequests).where(lt(refusedRequests.minute, new Date(at.getTime() - retention.maxAgeMs))).run();
}

/** Delete all but the `max` newest rows of `t` (one indexed step to the cut, one range delete). */
function keepNewest(db: Db, t: typeof auditLog | typeof refusedRequests, max: number): void {
  const cut = db.select({ id: t.id }).from(t).orderBy(desc(t.id)).limit(1).offset(max).get();
  if (cut) db.delete(t).where(lte(t.id, cut.id)).run();
}

/** Trim both tables now (at start: the limits may have been lowered since the last run). */
export function pruneAudit(db: Db, retention: AuditRetention, now = Date.now()): void {
  keepNewest(db, auditLog, retention.maxEntries);
  keepNewest(db, refusedRequests, retention.maxEntries);
  db.delete(auditLog).where(lt(auditLog.at, new Date(now - retention.maxAgeMs))).run();
  db.delete(refusedRequests).where(lt(refusedRequests.minute, new Date(now - retention.maxAgeMs))).run();
}

export interface AuditFilter {
  username?: string; method?: string; from?: Date; to?: Date; status?: number; limit?: number;
  /** Only entries older than this id: the next page after a page that ended with it. */
  before?: number;
}

export function listAudit(db: Db, f: AuditFilter = {}): AuditEntry[] {
  const where: Array<SQL | undefined> = [
    f.username ? eq(auditLog.username, f.username) : undefined,
    f.method ? eq(auditLog.method, f.method) : undefined,
    f.status ? eq(auditLog.status, f.status) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lte(auditLog.at, f.to) : undefined,
    f.before !== undefined ? lt(auditLog.id, f.before) : undefined,
  ];
  return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(f.limit ?? 500).all();
}

export function listRefused(db: Db, f: { remoteAddr?: string; before?: number; limit?: number } = {}): RefusedRow[] {
  const where = and(
    f.remoteAddr ? eq(refusedRequests.remoteAddr, f.remoteAddr) : undefined,
    f.before !== undefined ? lt(refusedRequests.id, f.before) : undefined,
  );
  return db.select().from(refusedRequests).where(where).orderBy(desc(refusedRequests.id)).limit(f.limit ?? 500).all();
}
