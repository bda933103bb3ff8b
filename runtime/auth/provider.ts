// The AuthProvider the server runs with: PAM, getent, administrator groups and session lifetimes.
import type { AuthProvider } from '../../handlers/auth/types.ts';
import { hostGroups, hostUser, hostUsers } from './directory.ts';
import { accountActive } from './account.ts';
import { pamAuthenticator } from './pam.ts';
import { DEFAULT_RECHECK_MS } from './recheck.ts';

export interface AuthOptions {
  pamService?: string;
  adminGroups?: string[];
  secureCookies?: boolean;
  idleMs?: number;
  maxMs?: number;
  /** How often live sessions are re-checked: expiry, and whether the account is locked, expired or gone (ms). */
  recheckMs?: number;
  /** Audit log retention (default 90 days, 100 000 entries). */
  auditRetention?: { maxAgeMs: number; maxEntries: number };
}

export const DEFAULT_ADMIN_GROUPS = ['sudo', 'wheel', 'admin'];

/** How long a user's groups (two getent runs) are reused: every request asks, a removal or new group shows within this. */
const USER_CACHE_MS = 10_000;

/** hostUser with a short memory per name, so requests do not spawn getent each time. */
export function cachedUser(lookup: AuthProvider['user'], ttlMs: number): AuthProvider['user'] {
  const cache = new Map<string, { until: number; user: ReturnType<AuthProvider['user']> }>();
  return (name) => {
    const now = Date.now();
    const hit = cache.get(name);
    if (hit && hit.until > now) return hit.user;
    if (cache.size >= 1000) for (const [k, v] of cache) if (v.until <= now) cache.delete(k);
    const user = lookup(name);
    cache.set(name, { until: now + ttlMs, user });
    user.catch(() => cache.delete(name));
    return user;
  };
}

export function pamProvider(opts: AuthOptions = {}): AuthProvider {
  const pam = pamAuthenticator({ service: opts.pamService ?? 'login' });
  return {
    authenticate: pam.authenticate,
    close: pam.close,
    user: cachedUser(hostUser, USER_CACHE_MS),
    users: hostUsers,
    groups: hostGroups,
    adminGroups: opts.adminGroups ?? DEFAULT_ADMIN_GROUPS,
    secureCookies: opts.secureCookies ?? false,
    idleMs: opts.idleMs ?? 30 * 60 * 1000,
    maxMs: opts.maxMs ?? 12 * 60 * 60 * 1000,
    auditRetention: opts.auditRetention,
    accountActive,
    recheckMs: opts.recheckMs ?? DEFAULT_RECHECK_MS,
  };
}
