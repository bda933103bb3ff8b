// Typed calls of authentication: log in with a host user's password, log out, ask who is logged in.
import type { z } from '@hono/zod-openapi';
import type { SessionUser } from '../../handlers/auth/schemas.ts';
import { request } from './client.ts';

export type SessionUser = z.infer<typeof SessionUser>;

/** POST /api/login: 200 with the user (and an HttpOnly cookie), 401 KCHAUTH0001E, 429 KCHAUTH0002E + Retry-After. */
export const login = (username: string, password: string) => request<SessionUser>('POST', '/login', { username, password });
/** POST /api/logout: 204; the cookie is gone. */
export const logout = () => request<void>('POST', '/logout');
/** GET /api/session: the user, or 401 KCHAUTH0004E when nobody is logged in (and always when the server runs without auth). */
export const getSession = () => request<SessionUser>('GET', '/session');
