// Store functions for one-time console tokens: issue (hashed), consume once, forget the expired ones.
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { consoleTokens, LOCAL_HOST_NAME, type ConsoleKind, type ConsoleTokenRow } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

/** The stored form of a token: its SHA-256 in hex (a 256-bit random token needs no salt or slow hash). */
export const hashConsoleToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Make a token for `vmUuid`: 32 random bytes as base64url; only its hash is stored. Expired rows are swept here. */
export function issueConsoleToken(
  db: Db, vmUuid: string, kind: ConsoleKind, ttlMs: number, user: string | null = null, now = Date.now(), session: string | null = null,
  host = LOCAL_HOST_NAME,
): { token: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + ttlMs);
  db.transaction((tx) => {
    tx.delete(consoleTokens).where(lte(consoleTokens.expiresAt, new Date(now))).run();
    tx.insert(consoleTokens).values({ hash: hashConsoleToken(token), vmUuid, kind, user, expiresAt, session, host }).run();
  });
  return { token, expiresAt };
}

export type ConsumeResult = { ok: true; row: ConsoleTokenRow } | { ok: false; reason: 'unknown' | 'expired' | 'kind' };

/**
 * Use a token for a `kind` console: the row is deleted in the same statement that reads it, so two requests
 * racing with one token (on any handler instance sharing the file) get it once. Unknown covers reused tokens.
 */
export function consumeConsoleToken(db: Db, token: string, kind: Exclude<ConsoleKind, 'any'>, now = Date.now()): ConsumeResult {
  const row = db.delete(consoleTokens)
    .where(and(eq(consoleTokens.hash, hashConsoleToken(token)), inArray(consoleTokens.kind, ['any', kind])))
    .returning().get();
  if (!row) {
    const other = db.select({ hash: consoleTokens.hash }).from(consoleTokens).where(eq(consoleTokens.hash, hashConsoleToken(token))).get();
    return { ok: false, reason: other ? 'kind' : 'unknown' };
  }
  if (row.expiresAt.getTime() <= now) return { ok: false, reason: 'expired' };
  return { ok: true, row };
}
