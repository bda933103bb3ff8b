// Routes of the VM resource: the list for now; lifecycle, create and delete arrive with issue 4.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors } from '../common/responses.ts';
import { VmList } from './schemas.ts';
import { listVms } from './service.ts';

export const listRoute = createRoute({
  method: 'get', path: '/vms', tags: ['vms'], summary: 'Every virtual machine libvirtd knows, by name',
  responses: { 200: { description: 'Virtual machines', content: { 'application/json': { schema: VmList } } }, 500: errors[500] },
});

export function vmRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => c.json(await listVms(c.get('deps').libvirt.connection), 200));
}
