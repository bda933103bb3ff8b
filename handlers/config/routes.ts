// Routes of the config resource: read the server state, re-run the startup sanity check, take a backup.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors } from '../common/responses.ts';
import { ServerConfig } from './schemas.ts';
import { configView } from './service.ts';
import { backupRoutes } from './backup.ts';

const ok = { description: 'Server state', content: { 'application/json': { schema: ServerConfig } } };

export const getConfig = createRoute({
  method: 'get', path: '/config', tags: ['config'],
  summary: 'Server state: "ok", or "error" naming the startup requirement that failed (global error mode)',
  responses: { 200: ok },
});

export const recheck = createRoute({
  method: 'post', path: '/config/recheck', tags: ['config'],
  summary: 'Run the startup sanity check again (libvirtd reachable, default network and pool active)',
  responses: { 200: ok, 500: errors[500] },
});

export function configRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getConfig, (c) => c.json(configView(c.get('deps'), c.get('locale')), 200));
  app.openapi(recheck, async (c) => {
    const deps = c.get('deps');
    return c.json(configView(deps, c.get('locale'), await deps.sanity.recheck()), 200);
  });
  backupRoutes(app);
}
