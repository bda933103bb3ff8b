// Routes of a VM's serial ports: list them (the UI shows a Serial console only when there is one) and add one.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { readErrors, writeErrors } from '../common/responses.ts';
import { VmParams } from '../vms/schemas.ts';
import { SerialList } from './schemas.ts';
import { addSerial, listSerials } from './serials.ts';

const listJson = { 'application/json': { schema: SerialList } };

export const listRoute = createRoute({
  method: 'get', path: '/vms/{name}/serials', tags: ['vms'], summary: 'The VM\'s serial ports (its serial console needs one)',
  request: { params: VmParams },
  responses: { 200: { description: 'Serial ports, saved and running definitions merged', content: listJson }, ...readErrors },
});

export const addRoute = createRoute({
  method: 'post', path: '/vms/{name}/serials', tags: ['vms'],
  summary: 'Add a serial port 0 (pty) with its console to a shut-off VM; 409 while it runs or when it has one',
  request: { params: VmParams },
  responses: { 201: { description: 'The serial ports after the change', content: listJson }, ...writeErrors },
});

export function serialRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => c.json(await listSerials(c.get('deps'), c.get('locale'), c.req.valid('param').name), 200));
  app.openapi(addRoute, async (c) => c.json(await addSerial(c.get('deps'), c.get('locale'), c.req.valid('param').name), 201));
}
