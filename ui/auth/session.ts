// Who uses the UI: loading, anonymous (the login page), or a user; decided by GET /api/session at start, lost on any 401.
import { createSignal } from 'solid-js';
import { getSession, login as postLogin, logout as postLogout, type SessionUser } from '../api/auth.ts';
import { ApiError, NetworkError, onUnauthorized } from '../api/client.ts';
import { getConfig } from '../api/config.ts';

export interface User {
  username: string;
  admin: boolean;
  roles: SessionUser['roles'];
  /** The server runs without authentication: everyone is an administrator and there is no logout. */
  open: boolean;
  /** The host that embeds us logged the user in: logging out is done there, not here. */
  hostLogin?: boolean;
}

export type Session =
  | { kind: 'loading' }
  /** The server could not be asked (down, restarting); the probe is repeated. */
  | { kind: 'offline' }
  | { kind: 'anonymous' }
  | { kind: 'user'; user: User };

const [session, setSession] = createSignal<Session>({ kind: 'loading' });

/** The current session; reactive. */
export { session };

/** The logged-in user (or the open server's anonymous administrator), else undefined; reactive. */
export const currentUser = (): User | undefined => {
  const s = session();
  return s.kind === 'user' ? s.user : undefined;
};

/** Administrators see every tab and button; others only their VMs (the server enforces it with 403 anyway). */
export const isAdmin = (): boolean => currentUser()?.admin ?? false;

export const loggedIn = (): boolean => session().kind === 'user';

const fromServer = (u: SessionUser): User => ({ username: u.username, admin: u.admin, roles: u.roles, open: false, hostLogin: !!u.host_login });
const OPEN_USER: User = { username: '', admin: true, roles: ['admin'], open: true };

let probing: Promise<void> | undefined;

/**
 * Ask the server who we are. 401 from /session with /config answering means the server has no authentication
 * (it answers 401 KCHAUTH0004E there because nobody is logged in): an anonymous administrator.
 */
export function probeSession(): Promise<void> {
  probing ??= (async () => {
    try {
      setSession({ kind: 'user', user: fromServer(await getSession()) });
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.status === 401)) {
        setSession(failure instanceof NetworkError ? { kind: 'offline' } : { kind: 'anonymous' });
        return;
      }
      try {
        await getConfig();
        setSession({ kind: 'user', user: OPEN_USER });
      } catch (again) {
        if (again instanceof ApiError && again.status !== 401) setSession({ kind: 'user', user: OPEN_USER });
        else setSession(again instanceof NetworkError ? { kind: 'offline' } : { kind: 'anonymous' });
      }
    }
  })().finally(() => { probing = undefined; });
  return probing;
}

/** Log in; on success the app shows the shell. Failures (401, 429 with retryAfter) are thrown for the form. */
export async function logIn(username: string, password: string): Promise<void> {
  const user = await postLogin(username, password);
  setSession({ kind: 'user', user: fromServer(user) });
}

/** Log out and show the login page, whatever the server said (an expired session is logged out too). */
export async function logOut(): Promise<void> {
  try {
    await postLogout();
  } catch {
    /* already logged out, or unreachable: the page goes to the login form either way */
  } finally {
    setSession({ kind: 'anonymous' });
  }
}

// Any other request answering 401 (the session expired, the server restarted without it): back to the login page.
onUnauthorized(() => {
  const s = session();
  if (s.kind === 'user' && !s.user.open) setSession({ kind: 'anonymous' });
  else if (s.kind === 'user') void probeSession(); // an open server that now wants a login
});
