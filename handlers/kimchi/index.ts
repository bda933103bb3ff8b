// The Kimchi 3.0 surface: the mapping middleware on /plugins/kimchi, its own few routes, and wok's root /login and /logout.
import type { Hono } from 'hono';
import type { AppEnv } from '../common/context.ts';
import { cpuInfoRoute, deviceMappings } from './devices.ts';
import { resourceMappings } from './resources.ts';
import { isoPoolRoutes, poolMappings } from './storagepools.ts';
import { kimchiAnswers, kimchiRequests, PREFIX, type Mapping } from './surface.ts';
import { templateMappings } from './templates.ts';
import { vmMappings } from './vms.ts';
import { volumeUrlRoute } from './volume-url.ts';
import { volumeMappings } from './volumes.ts';

export { PREFIX as KIMCHI_PREFIX } from './surface.ts';

export const MAPPINGS: readonly Mapping[] = [
  ...templateMappings, ...vmMappings, ...poolMappings, ...volumeMappings, ...deviceMappings, ...resourceMappings,
];

/**
 * wok serves login and logout at the root: they are handed to the same routes under /plugins/kimchi (through the
 * whole app again, so authentication, CSRF, audit and the mapping apply exactly as there). Registered before any
 * middleware, so only the inner request is processed.
 */
export const ROOT_POSTS = ['/login', '/logout'] as const;

export function kimchiRootRoutes(app: Hono<AppEnv>): void {
  for (const path of ROOT_POSTS) {
    app.post(path, (c) => {
      const url = new URL(c.req.url);
      url.pathname = `${url.pathname.slice(0, -path.length)}${PREFIX}${path}`; // under a host's base path too
      return app.fetch(new Request(url, c.req.raw), c.env);
    });
  }
}

/** Outermost: maps every /plugins/kimchi answer and error (register right after the request context). */
export function kimchiAnswerMapping(app: Hono<AppEnv>): void {
  app.use(`${PREFIX}/*`, kimchiAnswers(MAPPINGS));
}

/** After the body limit and JSON parsing: maps request bodies in; then the routes only this surface has. */
export function kimchiRequestMapping(app: Hono<AppEnv>): void {
  app.use(`${PREFIX}/*`, kimchiRequests(MAPPINGS));
  isoPoolRoutes(app);
  volumeUrlRoute(app);
  cpuInfoRoute(app);
}
