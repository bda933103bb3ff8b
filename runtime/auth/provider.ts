// The AuthProvider the server runs with: PAM, getent, administrator groups and session lifetimes.
import type { AuthProvider } from '../../handlers/auth/types.ts';
import { hostGroups, hostUser, hostUsers } from './directory.ts';
import { pamAuthenticator } from './pam.ts';

export interface AuthOptions {
  pamService?: string;
  adminGroups?: string[];
  secureCookies?: boolean;
  idleMs?: number;
  maxMs?: number;
}

export const DEFAULT_ADMIN_GROUPS = ['sudo', 'wheel', 'admin'];

export function pamProvider(opts: AuthOptions = {}): AuthProvider {
  return {
    authenticate: pamAuthenticator({ service: opts.pamService ?? 'login' }),
    user: hostUser,
    users: hostUsers,
    groups: hostGroups,
    adminGroups: opts.adminGroups ?? DEFAULT_ADMIN_GROUPS,
    secureCookies: opts.secureCookies ?? false,
    idleMs: opts.idleMs ?? 30 * 60 * 1000,
    maxMs: opts.maxMs ?? 12 * 60 * 60 * 1000,
  };
}
