// GET /metrics (Prometheus text format) and the middleware that counts the API's requests by route pattern and status.
import type { Hono, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv, Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';

export const METRICS_PATH = '/metrics';

/**
 * The pattern of the endpoint a request was for (`/api/vms/:name`), so the label's values stay as few as the routes,
 * whatever the paths; also for requests refused on the way (401, 403, 400) and errors. Middleware is registered for
 * ALL methods; an endpoint for one. Nothing matched (a 404 path): `unmatched`.
 */
export function routeOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) if (routes[i].method !== 'ALL') return routes[i].path;
  return 'unmatched';
}

/** Register first: it times everything after it, to the moment the answer's headers are ready (a stream's body is not timed). */
export function requestMetrics(deps: Deps): MiddlewareHandler<AppEnv> {
  const metrics = deps.metrics;
  if (!metrics) return (_c, next) => next();
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      metrics.observeRequest(routeOf(c), c.req.method, c.res.status, (performance.now() - started) / 1000);
    }
  };
}

/**
 * Behind the same authentication as the API (administrators only: authorize() lets other users reach only their
 * listed routes), or a scraper's bearer token (see token.ts). Open in global error mode: that is when it matters.
 */
export function metricsRoutes(app: Hono<AppEnv>): void {
  app.get(METRICS_PATH, async (c) => {
    const metrics = c.get('deps').metrics;
    if (!metrics) throw new KimchiError(404, 'KCHAPI0001E', { path: c.req.path });
    const { contentType, body } = await metrics.render();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
}
