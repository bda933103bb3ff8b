// Checking a password: PAM behind per-user and per-address throttling (doubling waits, then a lock); success resets both.
import { clearFailures, recordFailure, throttleWait } from '../../db/auth.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { userFor } from './session.ts';
import type { AuthUser } from './types.ts';

const MAX_WAIT_MS = 15 * 60 * 1000;
/** Host user names: what useradd accepts; anything else is a wrong login without asking PAM. */
const USER_NAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

function throttled(ms: number): KimchiError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new KimchiError(429, 'KCHAUTH0002E', { seconds }, { headers: { 'Retry-After': String(seconds) } });
}

export async function checkPassword(
  deps: Deps, username: string, password: string, remoteAddr: string | undefined, via: AuthUser['via'],
): Promise<AuthUser> {
  const auth = deps.auth!;
  const keys = [`user:${username.slice(0, 64)}`, `addr:${remoteAddr ?? 'unknown'}`];
  const wait = Math.max(...keys.map((k) => throttleWait(deps.db, k)));
  if (wait > 0) throw throttled(wait);
  // Counted as a failure before PAM answers (and cleared on success): attempts sent in parallel cannot all slip
  // past the check while the first ones are still being verified.
  for (const k of keys) recordFailure(deps.db, k, MAX_WAIT_MS);
  const ok = USER_NAME.test(username) && password.length > 0 && password.length <= 4096
    && await auth.authenticate(username, password, remoteAddr);
  const user = ok ? await userFor(auth, username, via) : undefined;
  if (!user) {
    deps.logger?.warn({ user: username.slice(0, 64), remoteAddr, via }, 'login failed');
    throw new KimchiError(401, 'KCHAUTH0001E', {}, { headers: via === 'basic' ? { 'WWW-Authenticate': 'Basic realm="kimchi", charset="UTF-8"' } : undefined });
  }
  for (const k of keys) clearFailures(deps.db, k);
  return user;
}
