// The product as one Hono app under a base path: security headers, gzip for JSON, the API, its docs page and the UI;
// counts requests in flight so a close can wait for them.
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { MOUNTS, ROOT_POSTS } from '../handlers/index.ts';
import type { AppEnv } from '../handlers/common/context.ts';
import { below, pathBelow } from '../handlers/common/base-path.ts';
import { mountDocs } from './docs.ts';
import { securityHeaders } from './security.ts';
import { mountUi } from './static.ts';

export interface WebApp {
  app: Hono;
  /** Answers requests below the base path; anything else is 404 (the host should route only our prefix to us). */
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
  /** Set at close: responses then ask the client to close its connection (a keep-alive socket must not outlive it). */
  draining: boolean;
  /** Resolves when no request is in flight, or after `ms` whatever is left. */
  idle(ms: number): Promise<void>;
}

export function webApp(api: OpenAPIHono<AppEnv>, opts: { basePath: string; tls: boolean; uiDir: string | false }): WebApp {
  const { basePath } = opts;
  const app = new Hono({ getPath: pathBelow(basePath) });
  let inFlight = 0;
  let settled: (() => void) | undefined;
  const web: WebApp = {
    app, draining: false,
    fetch: (request, env) => {
      if (below(basePath, new URL(request.url).pathname) === undefined) return new Response('Not Found', { status: 404 });
      return app.fetch(request, env);
    },
    idle: (ms) => new Promise<void>((done) => {
      if (inFlight === 0) return done();
      const cut = setTimeout(done, ms);
      settled = () => { clearTimeout(cut); done(); };
    }),
  };
  app.use('*', async (c, next) => {
    inFlight++;
    try {
      await next();
    } finally {
      if (--inFlight === 0) settled?.();
    }
    if (web.draining) c.header('Connection', 'close');
  });
  // `/virt` alone: the UI's relative URLs need the trailing slash.
  if (basePath) app.get('/', async (c, next) => (new URL(c.req.url).pathname === basePath ? c.redirect(`${basePath}/`) : next()));
  app.use('*', securityHeaders(opts.tls));
  // API answers in JSON are gzipped for browsers that take it; the event stream, downloads and uploads are not JSON
  // (nor are console websockets, which never reach Hono), so they pass through untouched.
  for (const mount of MOUNTS) app.use(`${mount}/*`, compress({ encoding: 'gzip', contentTypeFilter: /^application\/json\b/ }));
  mountDocs(app, basePath);
  // createApp's app routes the same base path itself: hand it the request exactly as the host received it.
  for (const mount of MOUNTS) app.all(`${mount}/*`, (c) => api.fetch(c.req.raw, c.env));
  app.all('/api', (c) => api.fetch(c.req.raw, c.env));
  for (const path of ROOT_POSTS) app.post(path, (c) => api.fetch(c.req.raw, c.env)); // wok's POST /login, /logout
  app.get('/metrics', (c) => api.fetch(c.req.raw, c.env)); // Prometheus text, where scrapers look for it
  if (opts.uiDir !== false) mountUi(app, opts.uiDir, basePath);
  return web;
}
