// Checking a password: PAM behind throttling per (user, address) and per address, with counts that decay;
// parallel checks of the same credentials share one PAM call, only a real failure counts, and a success clears only
// its own (user, address) count.
import { clearFailures, recordFailure, throttleState, waitFor, type ThrottlePolicy } from '../../db/throttle.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { pendingChecks } from './inflight.ts';
import { userFor } from './session.ts';
import type { AuthUser } from './types.ts';

/**
 * One user from one address: two free tries, then doubling waits. One address over all users: more room (a NAT
 * may hide several people), same doubling. Nothing is counted per user across addresses, so failures sent from
 * elsewhere never refuse the right password from the owner's address.
 */
export const PAIR_POLICY: ThrottlePolicy = { free: 3, maxMs: 15 * 60_000, decayMs: 5 * 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 10, maxMs: 15 * 60_000, decayMs: 5 * 60_000 };
/** PAM checks one address may have running at once (identical credentials count once). */
export const MAX_PENDING_PER_ADDRESS = 4;
/** Host user names: what useradd accepts; anything else is a wrong login without asking PAM. */
const USER_NAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

/** 429 with Retry-After: KCHAUTH0002E after failures, KCHAUTH0009E while too many checks are running. */
function throttled(ms: number, code: 'KCHAUTH0002E' | 'KCHAUTH0009E' = 'KCHAUTH0002E'): KimchiError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new KimchiError(429, code, { seconds }, { headers: { 'Retry-After': String(seconds) } });
}

/**
 * The unit a client is throttled by: its IPv4 address (IPv4-mapped ones too), or its IPv6 /64 — one subscriber
 * usually holds a whole /64 and could otherwise rotate through it.
 */
export function throttleAddress(remoteAddr: string | undefined): string {
  if (!remoteAddr) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddr);
  if (mapped) return mapped[1];
  if (!remoteAddr.includes(':')) return remoteAddr;
  const [head = '', tail] = remoteAddr.split('%')[0].split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}

/** The throttling keys of a try: the (user, address) pair and the address. */
export function throttleKeys(username: string, remoteAddr: string | undefined) {
  const addr = throttleAddress(remoteAddr);
  return [
    { key: `pair:${username.slice(0, 64)}@${addr}`, policy: PAIR_POLICY },
    { key: `addr:${addr}`, policy: ADDRESS_POLICY },
  ];
}

export async function checkPassword(
  deps: Deps, username: string, password: string, remoteAddr: string | undefined, via: AuthUser['via'],
): Promise<AuthUser> {
  const auth = deps.auth!;
  const keys = throttleKeys(username, remoteAddr);
  const states = keys.map((k) => throttleState(deps.db, k.key, k.policy));
  const wait = Math.max(...states.map((st) => st.waitMs));
  if (wait > 0) throw throttled(wait);
  const checks = pendingChecks(auth);
  const id = checks.id(username, password, remoteAddr ?? 'unknown');
  // The same credentials already being checked (a script's parallel requests on a cold cache): share that answer.
  let flight = checks.joinable(id);
  const mine = !flight;
  if (!flight) {
    // Tries still waiting for PAM count as failures here, so wrong passwords sent in parallel cannot all slip past
    // the throttle while the first ones are verified; only a real failure is recorded.
    if (keys.some((k, i) => checks.pendingOn(k.key) > 0 && waitFor(states[i].failures + checks.pendingOn(k.key), k.policy) > 0)) {
      throw throttled(1000);
    }
    if (checks.pendingOn(keys[1].key) >= MAX_PENDING_PER_ADDRESS) throw throttled(1000, 'KCHAUTH0009E');
    const plausible = USER_NAME.test(username) && password.length > 0 && password.length <= 4096;
    flight = checks.start(id, keys.map((k) => k.key), async () => plausible && auth.authenticate(username, password, remoteAddr));
  }
  let ok: boolean;
  try {
    ok = await flight;
  } catch {
    throw throttled(1000, 'KCHAUTH0009E'); // PAM could not check now (its queue is full): not a failure
  }
  const user = ok ? await userFor(auth, username, via) : undefined;
  if (!user) {
    if (mine) for (const k of keys) recordFailure(deps.db, k.key, k.policy);
    deps.logger?.warn({ user: username.slice(0, 64), remoteAddr, via }, 'login failed');
    throw new KimchiError(401, 'KCHAUTH0001E', {}, { headers: via === 'basic' ? { 'WWW-Authenticate': 'Basic realm="kimchi", charset="UTF-8"' } : undefined });
  }
  // Only this user's count at this address: one valid account must not wipe the address's failures against others.
  if (mine) clearFailures(deps.db, keys[0].key);
  return user;
}
