// Authentication, CSRF and audit middleware: who is calling, whether the browser meant it, and a record of every change.
import type { MiddlewareHandler } from 'hono';
import { audit, countRefused } from '../../db/audit.ts';
import type { AppEnv } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { checkPassword } from './login.ts';
import { basicCredentials, sessionUser } from './session.ts';
import { isScraper } from '../metrics/token.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests that carry credentials themselves: the login form. */
const PUBLIC = /^\/(?:api|plugins\/kimchi)\/login$/;
/** Answered to anyone: health carries no details (load balancers and watchdogs have no credentials). */
const OPEN_GET = /^\/(?:api|plugins\/kimchi)\/health$/;
/** Our UI sends this header on every request: no Basic challenge (it would pop the browser's dialog) and CSRF-safe. */
export const UI_HEADER = 'x-requested-with';
/** A password PAM checked and refused: bounded by throttling, and worth a row of its own. */
const WRONG_PASSWORD = 'KCHAUTH0001E';

export function remoteAddress(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    c.set('remoteAddr', env?.incoming?.socket?.remoteAddress);
    await next();
  };
}

/** Whether anyone checks who calls: our login, the host's hook, or both. */
const guarded = (deps: AppEnv['Variables']['deps']) => !!(deps.auth || deps.identify);

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.get('deps');
    const auth = deps.auth;
    if (!guarded(deps) || (c.req.method === 'POST' && PUBLIC.test(c.req.path))) return next();
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && OPEN_GET.test(c.req.path)) return next();
    if (isScraper(c)) return next(); // GET /metrics with the scraper's bearer token: that route only, no user
    // The host's login first: the request as the host received it (c.req.raw) carries its cookies and headers.
    const hosted = deps.identify ? await deps.identify(c.req.raw) : null;
    if (hosted) {
      c.set('user', { name: hosted.name, admin: hosted.admin, groups: [...hosted.groups], via: 'host' });
      return next();
    }
    if (!auth) throw new KimchiError(401, 'KCHAUTH0004E');
    const basic = basicCredentials(c);
    if (basic) c.set('loginName', basic.username.slice(0, 64));
    const user = basic
      ? await checkPassword(deps, basic.username, basic.password, c.get('remoteAddr'), 'basic')
      : await sessionUser(c, auth);
    if (!user) {
      const challenge = c.req.header(UI_HEADER) ? undefined : { 'WWW-Authenticate': 'Basic realm="kimchi", charset="UTF-8"' };
      throw new KimchiError(401, 'KCHAUTH0004E', {}, { headers: challenge });
    }
    c.set('user', user);
    return next();
  };
}

/**
 * What a browser cannot send to another site without a CORS preflight (which we never grant): a JSON body, or a
 * method other than POST. Scripts that log in and then send JSON with the session cookie (Kimchi's) pass on this;
 * an HTML form (urlencoded, multipart, text/plain POST) does not.
 */
function preflighted(method: string, type: string | undefined): boolean {
  return method !== 'POST' || /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type ?? '');
}

/** A state-changing request must come from our own pages (same Origin) or carry a header a cross-site form cannot set. */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!guarded(c.get('deps')) || !UNSAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    if (origin && origin !== 'null') {
      let sameHost = false;
      try { sameHost = new URL(origin).host === host; } catch { sameHost = false; }
      if (!sameHost) throw new KimchiError(403, 'KCHAUTH0005E');
      return next();
    }
    const ambient = c.get('user')?.via === 'session' || c.get('user')?.via === 'host'; // credentials a browser adds by itself
    if (origin === 'null' || (ambient && !c.req.header(UI_HEADER) && !preflighted(c.req.method, c.req.header('content-type')))) {
      throw new KimchiError(403, 'KCHAUTH0005E');
    }
    return next();
  };
}

/**
 * Every state-changing request of an identified caller (refused ones too), and every password PAM turned down:
 * who, when, from where, what, and how it ended. Requests refused before anyone was identified (no credentials,
 * throttled, a malformed login) are only counted per address and minute.
 */
export function auditTrail(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.get('deps').auth;
    if (!guarded(c.get('deps')) || !UNSAFE.has(c.req.method)) return next();
    let code: string | null = null;
    try {
      await next();
    } finally {
      if (c.res.status >= 400) {
        try { code = ((await c.res.clone().json()) as { code?: string }).code ?? null; } catch { code = null; }
      }
      const db = c.get('deps').db;
      const at = new Date();
      const user = c.get('user')?.name;
      if (!user && code !== WRONG_PASSWORD) {
        countRefused(db, at, c.get('remoteAddr') ?? 'unknown', auth?.auditRetention);
      } else {
        audit(db, {
          at, username: user ?? c.get('loginName') ?? null, remoteAddr: c.get('remoteAddr') ?? null,
          method: c.req.method, path: c.req.path.slice(0, 1024), status: c.res.status, code, requestId: c.get('requestId'),
        }, auth?.auditRetention);
      }
    }
  };
}
