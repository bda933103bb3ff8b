// GET /health: no credentials, no details — "ok", "degraded" or "error" and the version; 503 on error.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { jsonOf } from '../common/responses.ts';
import { Health } from './schemas.ts';
import { health } from './service.ts';

export const getHealth = createRoute({
  method: 'get', path: '/health', tags: ['config'],
  summary: 'Health for load balancers and watchdogs (no authentication): ok, degraded (serving, a startup requirement fails) or error',
  responses: {
    200: jsonOf('ok or degraded', Health),
    503: jsonOf('error: libvirtd unreachable or the database unusable', Health),
  },
});

export function healthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getHealth, (c) => {
    const h = health(c.get('deps'));
    c.header('Cache-Control', 'no-store');
    return h.status === 'error' ? c.json(h, 503) : c.json(h, 200);
  });
}
