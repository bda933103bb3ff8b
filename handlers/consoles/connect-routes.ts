// Route of the connect action: POST /vms/{name}/connect → a one-time token and the console WebSocket URLs.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { writeErrors } from '../common/responses.ts';
import { VmParams } from '../vms/schemas.ts';
import { connectVm } from './connect.ts';
import { ConnectBody, ConsoleConnection } from './connect-schemas.ts';

export const connectRoute = createRoute({
  method: 'post', path: '/vms/{name}/connect', tags: ['consoles'],
  summary: 'A one-time token (valid 30 s) for the VM\'s VNC or serial console WebSocket; 409 unless running with loopback VNC',
  request: { params: VmParams, body: { content: { 'application/json': { schema: ConnectBody } }, required: false } },
  responses: { 200: { description: 'The token and the WebSocket paths that take it', content: { 'application/json': { schema: ConsoleConnection } } }, ...writeErrors },
});

/** Hook for the auth issue: the user it sets on the context (absent until then). */
const currentUser = (vars: object): string | null => {
  const user = (vars as { user?: unknown }).user;
  if (typeof user === 'string') return user;
  if (user && typeof user === 'object' && typeof (user as { name?: unknown }).name === 'string') return (user as { name: string }).name;
  return null;
};

export function connectRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(connectRoute, async (c) => {
    const body = (c.req.valid('json') as ConnectBody | undefined) ?? {};
    return c.json(await connectVm(c.get('deps'), c.req.valid('param').name, body, currentUser(c.var), c.var.user?.session ?? null), 200);
  });
}
