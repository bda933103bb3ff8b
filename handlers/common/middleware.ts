// Request-wide middleware: request id and locale, body size limit, JSON-only bodies, the global error-mode gate.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { negotiateLocale } from '../i18n/index.ts';
import type { AppEnv, Deps } from './context.ts';
import { KimchiError } from './errors.ts';
import { LOCAL_HOST } from './hosts.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) || crypto.randomUUID());
    c.set('locale', negotiateLocale(c.req.query('lang') ?? c.req.header('accept-language')));
    await next();
  };
}

/** Routes whose body is a raw byte stream (volume uploads): exempt from the size limit and the JSON rule. */
const RAW_BODY = /^\/(?:api(?:\/hosts\/[^/]+)?|plugins\/kimchi)\/storagepools\/[^/]+\/storagevolumes\/[^/]+\/content$/;
const isRawBody = (method: string, path: string) => method === 'PUT' && RAW_BODY.test(path);

export function limitBody(limit: number): MiddlewareHandler<AppEnv> {
  const limiter = bodyLimit({
    maxSize: limit,
    onError: () => { throw new KimchiError(413, 'KCHAPI0004E', { limit: `${Math.round(limit / 1024)} KiB` }); },
  });
  return (c, next) => (isRawBody(c.req.method, c.req.path) ? next() : limiter(c, next));
}

const hasBody = (req: Request) => req.body !== null && req.headers.get('content-length') !== '0';
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Bodies must be JSON; parse once here so a malformed body gets our 400 (Hono caches the parsed value). A request
 * with no bytes and no JSON type has no body at all (`curl -X POST` on an action sends no Content-Length): the
 * server hands it over as an empty stream, so the bytes decide, not the headers.
 */
export function jsonBodies(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(c.req.method) || !hasBody(c.req.raw) || isRawBody(c.req.method, c.req.path)) return next();
    const type = c.req.header('content-type') ?? '';
    if (!JSON_TYPE.test(type)) {
      if (!type && (await readBody(c.req.arrayBuffer())).byteLength === 0) return next();
      throw new KimchiError(415, 'KCHAPI0003E', { type: type.split(';')[0].trim() || '(none)' });
    }
    try {
      await c.req.json();
    } catch (e) {
      if (e instanceof KimchiError) throw e; // the body limit, raised while reading
      throw new KimchiError(400, 'KCHAPI0002E', {}, { cause: e });
    }
    return next();
  };
}

/** The body limit is raised while reading: keep it, anything else is an unreadable body (400). */
async function readBody(bytes: Promise<ArrayBuffer>): Promise<ArrayBuffer> {
  try {
    return await bytes;
  } catch (e) {
    if (e instanceof KimchiError) throw e;
    throw new KimchiError(400, 'KCHAPI0002E', {}, { cause: e });
  }
}

/** Paths that keep answering in global error mode, under either mount point (tasks: a debug report's progress), and /metrics. */
const OPEN_IN_ERROR_MODE = /^\/(?:api|plugins\/kimchi)\/(?:config|events|health|login|logout|session|debugreports|tasks|openapi\.json|docs)(?:\/|$)|^\/metrics$/;

/** Global error mode: while a sanity requirement fails, other API requests answer 500 naming it. */
export function errorModeGate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Only the local host's sanity: another host's problems are its own (its 503s, its state in /api/hosts).
    const deps = c.get('deps');
    const problem = (deps.hosts?.get(LOCAL_HOST)?.sanity ?? deps.sanity).current();
    if (problem && !OPEN_IN_ERROR_MODE.test(c.req.path)) {
      throw new KimchiError(500, problem.code, problem.params);
    }
    return next();
  };
}
