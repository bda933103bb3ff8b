// Store functions of authentication: sessions with idle and absolute expiry, and the audit log (throttling: throttle.ts).
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { auditLog, sessions, type AuditEntry } from './auth-schema.ts';

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
