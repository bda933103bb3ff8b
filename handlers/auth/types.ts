// What authentication needs from its host: PAM, the host's users and groups, and the session policy.
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
  /** How much of the audit log to keep (default: 90 days, 100 000 rows). */
  auditRetention?: { maxAgeMs: number; maxEntries: number };
  /** Release what the provider holds (its PAM process); the host calls it when it stops. */
  close?(): void;
}

/** The caller, once authenticated. */
export interface AuthUser { name: string; admin: boolean; groups: string[]; via: 'session' | 'basic' }

export const SESSION_COOKIE = 'kimchi_session';
