// Store functions of login throttling: failures per key that decay with time, and the wait they impose.
import { eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { loginThrottle } from './auth-schema.ts';

import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

/**
 * How a key is throttled: `free` failures cost nothing, each one past them doubles the wait (1 s, 2 s, 4 s…) up
 * to `maxMs`, and one failure is forgiven per `decayMs` since the last one, so a count left alone runs down to zero.
 */
export interface ThrottlePolicy { free: number; maxMs: number; decayMs: number }

export interface ThrottleState {
  /** Failures still counted now (after decay). */
  failures: number;
  /** Milliseconds until the key may try again (0 when it may now). */
  waitMs: number;
}

function row(db: Db, key: string) {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
}

function decayed(r: { failures: number; lastFailureAt: Date }, policy: ThrottlePolicy, now: number): number {
  const forgiven = Math.floor(Math.max(0, now - r.lastFailureAt.getTime()) / policy.decayMs);
  return Math.max(0, r.failures - forgiven);
}

export function throttleState(db: Db, key: string, policy: ThrottlePolicy, now = Date.now()): ThrottleState {
  const r = row(db, key);
  if (!r) return { failures: 0, waitMs: 0 };
  return { failures: decayed(r, policy, now), waitMs: Math.max(0, r.lockedUntil.getTime() - now) };
}

/** The wait `failures` counted failures impose under `policy`. */
export function waitFor(failures: number, policy: ThrottlePolicy): number {
  return failures < policy.free ? 0 : Math.min(policy.maxMs, 1000 * 2 ** (failures - policy.free));
}

/** Count a failure (on top of what is left after decay). Returns the wait it imposes from now. */
export function recordFailure(db: Db, key: string, policy: ThrottlePolicy, now = Date.now()): number {
  const r = row(db, key);
  const failures = (r ? decayed(r, policy, now) : 0) + 1;
  const wait = waitFor(failures, policy);
  const values = { failures, lockedUntil: new Date(now + wait), lastFailureAt: new Date(now) };
  db.insert(loginThrottle).values({ key, ...values })
    .onConflictDoUpdate({ target: loginThrottle.key, set: values }).run();
  return wait;
}

export function clearFailures(db: Db, key: string): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
