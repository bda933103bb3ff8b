// Store functions of sessions: idle and absolute expiry (throttling: throttle.ts; the audit log: audit.ts).
import { eq, lt, or } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { sessions } from './auth-schema.ts';

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

/** Delete the sessions past their idle or absolute limit (at start: nothing can be listening yet); how many. */
export function purgeSessions(db: Db, idleMs: number, maxMs: number): number {
  return endExpiredSessions(db, idleMs, maxMs).length;
}

/** End the sessions past their idle or absolute limit; their token hashes (so their open streams can be closed). */
export function endExpiredSessions(db: Db, idleMs: number, maxMs: number, now = Date.now()): string[] {
  return db.delete(sessions)
    .where(or(lt(sessions.lastSeenAt, new Date(now - idleMs)), lt(sessions.createdAt, new Date(now - maxMs))))
    .returning({ hash: sessions.tokenHash }).all().map((r) => r.hash);
}

/** The users with at least one live session. */
export function sessionUsernames(db: Db): string[] {
  return db.selectDistinct({ name: sessions.username }).from(sessions).all().map((r) => r.name);
}

/** End every session of `username`; their token hashes. */
export function endUserSessions(db: Db, username: string): string[] {
  return db.delete(sessions).where(eq(sessions.username, username)).returning({ hash: sessions.tokenHash }).all().map((r) => r.hash);
}

/** Mark a session as in use now (an open console counts as activity); no-op when it is gone. */
export function touchSession(db: Db, tokenHash: string, now = Date.now()): void {
  db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, tokenHash)).run();
}
