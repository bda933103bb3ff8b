// What authentication needs from its host (PAM, the host's users and groups, the session policy), and the signal
// that sessions ended.
export interface HostUser { name: string; uid: number; groups: string[] }

export interface AuthProvider {
  /** True when PAM accepts the password (the host's own users only); rejects when it cannot check now (busy). */
  authenticate(username: string, password: string, remoteAddr?: string): Promise<boolean>;
  /** The host user with their groups, or undefined when there is no such user. */
  user(name: string): Promise<HostUser | undefined>;
  users(): Promise<string[]>;
  groups(): Promise<string[]>;
  /** Members of these groups (and root) are administrators. */
  adminGroups: readonly string[];
  /** Cookies get the Secure flag (the server speaks TLS). */
  secureCookies: boolean;
  /** A session ends after this long without a request, and this long after login in any case. */
  idleMs: number;
  maxMs: number;
  /**
   * Whether the account may still be used (it exists, is not locked, has not expired): live sessions of an account
   * that may not are ended. Absent: accounts are not re-checked.
   */
  accountActive?(name: string): Promise<boolean>;
  /** How often live sessions are re-checked (expiry and accountActive), in ms. */
  recheckMs?: number;
  /** How much of the audit log to keep (default: 90 days, 100 000 rows). */
  auditRetention?: { maxAgeMs: number; maxEntries: number };
  /** Release what the provider holds (its PAM process); the host calls it when it stops. */
  close?(): void;
}

/** Who a host that logs its users in itself says the caller is: administrators may do everything, others use the VMs
 * whose users/groups name them (as for PAM users). */
export interface HostIdentity { name: string; admin: boolean; groups: string[] }

/**
 * The host's authentication hook: from the request as the host received it (its cookies, headers, or whatever its
 * own middleware attached to that Request object) to the caller, or null when nobody is logged in (→ 401).
 */
export type IdentifyUser = (request: Request) => HostIdentity | null | undefined | Promise<HostIdentity | null | undefined>;

/** The caller, once authenticated. */
export interface AuthUser {
  name: string; admin: boolean; groups: string[]; via: 'session' | 'basic' | 'host';
  /** The session's token hash (via 'session'): streams and consoles opened with it end when it does. */
  session?: string;
}

/**
 * Published on the event bus (never sent to clients) when sessions end — logout, expiry, a disabled account:
 * streams and console WebSockets opened by those sessions, or by those users, close.
 */
export const SESSIONS_ENDED = 'sessions-ended';
export interface SessionsEnded { sessions: string[]; users: string[] }

/** Whether a stream opened by `user` must end on this SESSIONS_ENDED event. */
export function endsFor(user: { name: string; session?: string | null } | undefined, ended: SessionsEnded): boolean {
  if (!user) return false;
  return (!!user.session && ended.sessions.includes(user.session)) || ended.users.includes(user.name);
}

export const SESSION_COOKIE = 'kimchi_session';
