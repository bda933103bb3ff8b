// Live sessions re-checked on a timer: expired ones end, and so do all sessions of an account that was locked,
// expired or removed; their event streams and console WebSockets close through the SESSIONS_ENDED signal.
import { endExpiredSessions, endUserSessions, sessionUsernames, type Db } from '../../db/index.ts';
import { SESSIONS_ENDED, type AuthProvider, type SessionsEnded } from '../../handlers/auth/types.ts';
import type { EventSource } from '../../handlers/index.ts';

export const DEFAULT_RECHECK_MS = 120_000;

interface Log { warn(o: object, m?: string): void; info(o: object, m?: string): void }

/** One pass: what ended (also published). */
export async function recheckSessions(db: Db, auth: AuthProvider, events: EventSource, log?: Log): Promise<SessionsEnded> {
  const ended: SessionsEnded = { sessions: endExpiredSessions(db, auth.idleMs, auth.maxMs), users: [] };
  if (auth.accountActive) {
    for (const name of sessionUsernames(db)) {
      let active = true;
      try {
        active = await auth.accountActive(name);
      } catch (err) {
        log?.warn({ err, user: name }, 'account check failed; sessions kept');
      }
      if (active) continue;
      ended.users.push(name);
      ended.sessions.push(...endUserSessions(db, name));
      log?.info({ user: name }, 'account locked, expired or removed: its sessions ended');
    }
  }
  if (ended.sessions.length || ended.users.length) events.publish({ type: SESSIONS_ENDED, data: ended });
  return ended;
}

/** Run recheckSessions every `auth.recheckMs`; passes never overlap. */
export function startSessionRecheck(db: Db, auth: AuthProvider, events: EventSource, log?: Log): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    recheckSessions(db, auth, events, log)
      .catch((err: unknown) => log?.warn({ err }, 'session re-check failed'))
      .finally(() => { running = false; });
  }, auth.recheckMs ?? DEFAULT_RECHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
