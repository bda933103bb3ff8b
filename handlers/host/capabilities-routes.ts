// Route of /config/capabilities (Kimchi's path): host facts the UI uses to enable features; answers in global error mode too.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors } from '../common/responses.ts';
import { capabilities } from './capabilities.ts';
import { Capabilities } from './schemas.ts';

const get = createRoute({
  method: 'get', path: '/config/capabilities', tags: ['host'],
  summary: "What this host supports; libvirt-derived facts are false while libvirtd is unreachable",
  responses: { 200: { description: 'Capabilities', content: { 'application/json': { schema: Capabilities } } }, 500: errors[500] },
});

export function capabilityRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(get, async (c) => c.json(await capabilities(c.get('deps').libvirt), 200));
}
