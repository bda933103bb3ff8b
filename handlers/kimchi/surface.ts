// The Kimchi 3.0 edge of /plugins/kimchi: each request body mapped in, each answer mapped out, every error in Kimchi's shape.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { toKimchiError } from './errors.ts';
import { knownFields, OPERATIONS, type OperationName } from './schemas.ts';

export const PREFIX = '/plugins/kimchi';

export type Ctx = Context<AppEnv>;
/** One resource's translation: `in` turns Kimchi's body into ours, `out` our answer into Kimchi's (path groups in `m`). */
export interface Mapping {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  op?: OperationName;
  in?: (body: any, c: Ctx, m: RegExpExecArray) => unknown;
  out?: (body: any, c: Ctx, m: RegExpExecArray) => unknown;
  /** Map a success without a JSON body too (wok answers logout with 200 {}). */
  always?: boolean;
  /** The status of a mapped success, when Kimchi's differs (a volume create answers a Task: 202). */
  status?: number;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function find(mappings: readonly Mapping[], method: string, path: string): { map: Mapping; m: RegExpExecArray } | undefined {
  for (const map of mappings) {
    if (map.method !== method) continue;
    const m = map.path.exec(path);
    if (m) return { map, m };
  }
  return undefined;
}

/** Hands the handlers `body` instead of what was sent (Hono parses JSON from its text cache). */
function replaceBody(c: Ctx, body: unknown): void {
  // At run time Hono keeps the promise of each body reading here (its type says the value).
  (c.req as unknown as { bodyCache: Record<string, Promise<unknown>> }).bodyCache = { text: Promise.resolve(JSON.stringify(body)) };
}

async function readJson(c: Ctx): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (e) {
    throw new KimchiError(400, 'KCHAPI0002E', {}, { cause: e });
  }
}

/**
 * A new body on the same answer (Set-Cookie and the like kept). An ETag goes: it names the /api body it was computed
 * on, and the Kimchi body adds fields of its own, so a 304 against it could hide a change only those fields show.
 */
function rewrite(c: Ctx, status: number, body: unknown): void {
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  headers.delete('etag');
  headers.set('content-type', 'application/json');
  c.res = undefined;
  c.res = new Response(JSON.stringify(body), { status, headers });
}

const relative = (path: string) => path.slice(PREFIX.length) || '/';

/** Whether this request came in on /plugins/kimchi, whose JSON answers are rewritten on the way out. */
export const onKimchiSurface = (c: Context<AppEnv>) => c.req.path === PREFIX || c.req.path.startsWith(`${PREFIX}/`);

/**
 * Outermost on /plugins/kimchi: every answer mapped out, every error (from any later middleware or handler) in
 * Kimchi's shape, with the id the operation's API.json gives a bad field.
 */
export function kimchiAnswers(mappings: readonly Mapping[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const hit = find(mappings, c.req.method, relative(c.req.path));
    const op = hit?.map.op ? OPERATIONS[hit.map.op] : undefined;
    if (c.res.status >= 400) {
      const body = await c.res.clone().json().catch(() => undefined) as { code?: string; reason?: string } | undefined;
      if (!body || typeof body.code !== 'string') return;
      const sent = op && body.code === 'KCHAPI0005E' ? await c.req.json().catch(() => undefined) : undefined;
      const k = toKimchiError(c.res.status, body, c.error, c.get('locale'), op, sent);
      rewrite(c, k.status, k.body);
    } else if (hit?.map.out && (c.res.headers.get('content-type') ?? '').includes('json')) {
      const body = await c.res.clone().json();
      rewrite(c, hit.map.status ?? c.res.status, await hit.map.out(body, c, hit.m));
    } else if (hit?.map.out && hit.map.always) {
      rewrite(c, 200, await hit.map.out(undefined, c, hit.m));
    }
  };
}

/** After the body limit and JSON parsing: Kimchi's request body mapped into ours before the handlers validate it. */
export function kimchiRequests(mappings: readonly Mapping[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hit = find(mappings, c.req.method, relative(c.req.path));
    const op = hit?.map.op ? OPERATIONS[hit.map.op] : undefined;
    if ((hit?.map.in || op) && JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      const sent = knownFields(op ?? { open: false, fields: {} }, await readJson(c));
      replaceBody(c, hit!.map.in ? await hit!.map.in(sent, c, hit!.m) : sent);
    }
    return next();
  };
}
