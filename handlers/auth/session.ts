// Credentials of a request: the session cookie (a 256-bit token stored hashed) or HTTP Basic checked by PAM.
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createSession, deleteSession, useSession } from '../../db/auth.ts';
import type { AppEnv } from '../common/context.ts';
import { SESSION_COOKIE, SESSIONS_ENDED, type AuthProvider, type AuthUser, type SessionsEnded } from './types.ts';

/** The cookie stays within where the host mounted us. */
const cookiePath = (c: Context<AppEnv>) => c.get('deps').basePath || '/';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function userFor(auth: AuthProvider, name: string, via: AuthUser['via']): Promise<AuthUser | undefined> {
  const u = await auth.user(name);
  if (!u) return undefined;
  const admin = u.uid === 0 || u.groups.some((g) => auth.adminGroups.includes(g));
  return { name: u.name, admin, groups: u.groups, via };
}

/** Start a session for `username`: a fresh random token in an HttpOnly, SameSite=Strict cookie. */
export function openSession(c: Context<AppEnv>, auth: AuthProvider, username: string): void {
  const token = randomBytes(32).toString('base64url');
  createSession(c.get('deps').db, hashToken(token), username, c.get('remoteAddr'));
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'Strict', secure: auth.secureCookies, path: cookiePath(c), maxAge: Math.floor(auth.maxMs / 1000),
  });
}

/** End the request's session: forget it, drop the cookie, and close the streams and consoles it opened. */
export function closeSession(c: Context<AppEnv>): void {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const hash = hashToken(token);
    deleteSession(c.get('deps').db, hash);
    c.get('deps').events.publish({ type: SESSIONS_ENDED, data: { sessions: [hash], users: [] } satisfies SessionsEnded });
  }
  deleteCookie(c, SESSION_COOKIE, { path: cookiePath(c), secure: c.get('deps').auth?.secureCookies });
}

/** The user of a valid session cookie. */
export async function sessionUser(c: Context<AppEnv>, auth: AuthProvider): Promise<AuthUser | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return undefined;
  const hash = hashToken(token);
  const name = useSession(c.get('deps').db, hash, auth.idleMs, auth.maxMs);
  const user = name ? await userFor(auth, name, 'session') : undefined;
  return user && { ...user, session: hash };
}

/** `Authorization: Basic …` split into user and password (undefined when absent or malformed). */
export function basicCredentials(c: Context<AppEnv>): { username: string; password: string } | undefined {
  const header = c.req.header('authorization');
  const m = header && /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
