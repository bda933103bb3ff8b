// Routes of authentication: login, logout, the current session, host users and groups, and the audit log.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listAudit, listRefused } from '../../db/audit.ts';
import type { AppEnv } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { errors } from '../common/responses.ts';
import { checkPassword } from './login.ts';
import { AuditEntry, AuditQuery, LoginBody, RefusedEntry, RefusedQuery, SessionUser } from './schemas.ts';
import { closeSession, openSession } from './session.ts';
import type { AuthUser } from './types.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const view = (u: AuthUser) => ({
  username: u.name, admin: u.admin, groups: u.groups, roles: [u.admin ? 'admin' as const : 'user' as const],
  ...(u.via === 'host' ? { host_login: true as const } : {}),
});

const login = createRoute({
  method: 'post', path: '/login', tags: ['auth'],
  summary: "Log in with a host user's password (PAM); sets an HttpOnly session cookie. Scripts may use HTTP Basic on every request instead",
  request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
  responses: { 200: json(SessionUser, 'Logged in'), 400: errors[400], 401: errors[401], 429: errors[429], 500: errors[500] },
});
const logout = createRoute({
  method: 'post', path: '/logout', tags: ['auth'], summary: 'End the session',
  responses: { 204: { description: 'Logged out' }, 401: errors[401] },
});
const session = createRoute({
  method: 'get', path: '/session', tags: ['auth'], summary: 'Who is logged in',
  responses: { 200: json(SessionUser, 'The current user'), 401: errors[401] },
});
const users = createRoute({
  method: 'get', path: '/users', tags: ['auth'], summary: "The host's users (for a VM's users list; administrators only)",
  responses: { 200: json(z.array(z.string()), 'User names'), 401: errors[401], 403: errors[403] },
});
const groups = createRoute({
  method: 'get', path: '/groups', tags: ['auth'], summary: "The host's groups (for a VM's groups list; administrators only)",
  responses: { 200: json(z.array(z.string()), 'Group names'), 401: errors[401], 403: errors[403] },
});
const PAGED = 'Newest first, a page at a time: a full page carries `Link: <…?before=ID>; rel="next"` for the next one. ';
const logs = createRoute({
  method: 'get', path: '/logs', tags: ['auth'],
  summary: 'The audit log of state-changing requests of identified users and of refused passwords (administrators only)',
  description: `${PAGED}Kept for a limited age and number of rows (--audit-max-age-days, --audit-max-entries).`,
  request: { query: AuditQuery },
  responses: { 200: json(z.array(AuditEntry), 'Entries'), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const refused = createRoute({
  method: 'get', path: '/logs/refused', tags: ['auth'],
  summary: 'State-changing requests refused before anyone was identified, counted per address and minute (administrators only)',
  description: `${PAGED}Kept like the audit log.`,
  request: { query: RefusedQuery },
  responses: { 200: json(z.array(RefusedEntry), 'Counts'), 400: errors[400], 401: errors[401], 403: errors[403] },
});

/** A `Link` header to the next page when this one came back full. */
function nextPage(url: string, rows: Array<{ id: number }>, limit: number): Record<string, string> {
  if (rows.length < limit) return {};
  const next = new URL(url);
  next.searchParams.set('before', String(rows.at(-1)!.id));
  return { Link: `<${next.pathname}${next.search}>; rel="next"` };
}

export function authRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(login, async (c) => {
    const deps = c.get('deps');
    const { username, password } = c.req.valid('json');
    c.set('loginName', username.slice(0, 64));
    if (!deps.auth) throw new KimchiError(404, 'KCHAPI0001E', { path: c.req.path });
    const user = await checkPassword(deps, username, password, c.get('remoteAddr'), 'session');
    c.set('user', user);
    openSession(c, deps.auth, user.name);
    return c.json(view(user), 200);
  });
  app.openapi(logout, (c) => { closeSession(c); return c.body(null, 204); });
  app.openapi(session, (c) => {
    const user = c.get('user');
    if (!user) throw new KimchiError(401, 'KCHAUTH0004E');
    return c.json(view(user), 200);
  });
  const provider = (c: { get(k: 'deps'): AppEnv['Variables']['deps']; req: { path: string } }) => {
    const auth = c.get('deps').auth;
    if (!auth) throw new KimchiError(404, 'KCHAPI0001E', { path: c.req.path });
    return auth;
  };
  app.openapi(users, async (c) => c.json(await provider(c).users(), 200));
  app.openapi(groups, async (c) => c.json(await provider(c).groups(), 200));
  app.openapi(logs, (c) => {
    const q = c.req.valid('query');
    const limit = q.limit ?? 500;
    const rows = listAudit(c.get('deps').db, {
      username: q.user, method: q.method, status: q.status, limit, before: q.before,
      from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
    });
    return c.json(rows.map((r) => ({
      id: r.id, at: r.at.toISOString(), user: r.username, remote_addr: r.remoteAddr, method: r.method, path: r.path, status: r.status, code: r.code,
    })), 200, nextPage(c.req.url, rows, limit));
  });
  app.openapi(refused, (c) => {
    const q = c.req.valid('query');
    const limit = q.limit ?? 500;
    const rows = listRefused(c.get('deps').db, { remoteAddr: q.remote_addr, before: q.before, limit });
    return c.json(rows.map((r) => ({ id: r.id, minute: r.minute.toISOString(), remote_addr: r.remoteAddr, count: r.count })), 200,
      nextPage(c.req.url, rows, limit));
  });
}
