// Store functions of authentication: sessions with idle and absolute expiry, login throttling, the audit log.
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { auditLog, loginThrottle, sessions, type AuditEntry } from './auth-schema.ts';

import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

export function createSession(db: Db, tokenHash: string, username: string, remoteAddr?: string): void {
  const now = new Date();
  db.insert(sessions).values({ tokenHash, username, createdAt: now, lastSeenAt: now, remoteAddr: remoteAddr ?? null }).run();
}

/** The session's user when it is neither idle past `idleMs` nor older than `maxMs`; touches it. Expired ones are deleted. */
export function useSession(db: Db, tokenHash: string, idleMs: number, maxMs: number): string | undefined {
  const row = db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).get();
  if (!row) return undefined;
  const now = Date.now();
  if (now - row.lastSeenAt.getTime() > idleMs || now - row.createdAt.getTime() > maxMs) {
    db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    return undefined;
  }
  db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, tokenHash)).run();
  return row.username;
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function purgeSessions(db: Db, idleMs: number, maxMs: number): number {
  const now = Date.now();
  return db.delete(sessions).where(lt(sessions.lastSeenAt, new Date(now - idleMs))).run().changes
    + db.delete(sessions).where(lt(sessions.createdAt, new Date(now - maxMs))).run().changes;
}

/** Milliseconds until `key` may try again (0 when it may now). */
export function throttleWait(db: Db, key: string): number {
  const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
  return row ? Math.max(0, row.lockedUntil.getTime() - Date.now()) : 0;
}

/** Count a failure; the wait doubles from the third one (1 s, 2 s, 4 s…) up to `maxMs`. Returns the new wait. */
export function recordFailure(db: Db, key: string, maxMs: number): number {
  const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
  const failures = (row?.failures ?? 0) + 1;
  const wait = failures < 3 ? 0 : Math.min(maxMs, 1000 * 2 ** (failures - 3));
  const lockedUntil = new Date(Date.now() + wait);
  db.insert(loginThrottle).values({ key, failures, lockedUntil })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { failures, lockedUntil } }).run();
  return wait;
}

export function clearFailures(db: Db, key: string): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}

export function audit(db: Db, entry: Omit<AuditEntry, 'id'>): void {
  db.insert(auditLog).values(entry).run();
}

export interface AuditFilter { username?: string; method?: string; from?: Date; to?: Date; status?: number; limit?: number }

export function listAudit(db: Db, f: AuditFilter = {}): AuditEntry[] {
  const where: Array<SQL | undefined> = [
    f.username ? eq(auditLog.username, f.username) : undefined,
    f.method ? eq(auditLog.method, f.method) : undefined,
    f.status ? eq(auditLog.status, f.status) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lte(auditLog.at, f.to) : undefined,
  ];
  return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(f.limit ?? 500).all();
}
