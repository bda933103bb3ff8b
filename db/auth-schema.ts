// Tables of authentication: sessions (token hashes only), login throttling, the audit log and refused traffic.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A login session. The token itself is never stored: only its SHA-256. */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  username: text('username').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
  remoteAddr: text('remote_addr'),
}, (t) => [index('sessions_user_idx').on(t.username)]);

/**
 * Failed logins per key ("pair:<user>@<ip>" or "addr:<ip>"): the count, until when further tries wait, and when the
 * last failure was (the count decays from there).
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }).notNull(),
  lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull().default(sql`0`),
});

/** Who did what, when, from where, and how it ended. Never bodies, never passwords. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  username: text('username'),
  remoteAddr: text('remote_addr'),
  method: text('method').notNull(),
  path: text('path').notNull(),
  status: integer('status').notNull(),
  code: text('code'),
  requestId: text('request_id'),
}, (t) => [index('audit_at_idx').on(t.at), index('audit_user_idx').on(t.username)]);

export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * Requests refused before anyone was identified (no or throttled credentials), counted per address and minute
 * instead of one audit row each: an anonymous client must not be able to grow the audit log at will.
 */
export const refusedRequests = sqliteTable('refused_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The start of the minute (ms since the epoch). */
  minute: integer('minute', { mode: 'timestamp_ms' }).notNull(),
  remoteAddr: text('remote_addr').notNull(),
  count: integer('count').notNull(),
}, (t) => [uniqueIndex('refused_minute_addr_idx').on(t.minute, t.remoteAddr)]);

export type RefusedRow = typeof refusedRequests.$inferSelect;
