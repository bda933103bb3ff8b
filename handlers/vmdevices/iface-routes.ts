// Routes of a VM's network interfaces (Kimchi's /vms/:name/ifaces): list, attach, read, change, detach.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { jsonBody, readErrors, writeErrors } from '../common/responses.ts';
import { VmParams } from '../vms/schemas.ts';
import { attachIface, detachIface, getIface, listIfaces, updateIface } from './ifaces.ts';
import { Iface, IfaceCreate, IfaceList, IfaceParams, IfaceUpdate } from './schemas.ts';

const ifaceJson = { 'application/json': { schema: Iface } };

export const listRoute = createRoute({
  method: 'get', path: '/vms/{name}/ifaces', tags: ['vms'], summary: 'The VM\'s network interfaces with their leased addresses',
  request: { params: VmParams },
  responses: { 200: { description: 'Network interfaces, saved and running definitions merged', content: { 'application/json': { schema: IfaceList } } }, ...readErrors },
});

export const attachRoute = createRoute({
  method: 'post', path: '/vms/{name}/ifaces', tags: ['vms'], summary: 'Attach a NIC on a virtual network (plugged in at once where the VM runs)',
  request: { params: VmParams, ...jsonBody(IfaceCreate) },
  responses: { 201: { description: 'The new interface with its generated MAC address', content: ifaceJson }, ...writeErrors },
});

export const getRoute = createRoute({
  method: 'get', path: '/vms/{name}/ifaces/{mac}', tags: ['vms'], summary: 'One network interface',
  request: { params: IfaceParams },
  responses: { 200: { description: 'The interface', content: ifaceJson }, ...readErrors },
});

export const updateRoute = createRoute({
  method: 'put', path: '/vms/{name}/ifaces/{mac}', tags: ['vms'],
  summary: 'Move to another network (live and saved) or change the NIC model (saved: next boot)',
  request: { params: IfaceParams, ...jsonBody(IfaceUpdate) },
  responses: { 200: { description: 'The interface after the change; pending while a new model waits for the next boot', content: ifaceJson }, ...writeErrors },
});

export const detachRoute = createRoute({
  method: 'delete', path: '/vms/{name}/ifaces/{mac}', tags: ['vms'], summary: 'Detach a network interface',
  request: { params: IfaceParams },
  responses: {
    204: { description: 'Gone' },
    200: { description: 'Removed from the saved definition; the running guest has not released it yet (pending)', content: ifaceJson },
    ...writeErrors,
  },
});

export function ifaceRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => c.json(await listIfaces(c.get('deps'), c.get('locale'), c.req.valid('param').name), 200));
  app.openapi(attachRoute, async (c) => c.json(await attachIface(c.get('deps'), c.get('locale'), c.req.valid('param').name, c.req.valid('json')), 201));
  app.openapi(getRoute, async (c) => {
    const { name, mac } = c.req.valid('param');
    return c.json(await getIface(c.get('deps'), c.get('locale'), name, mac), 200);
  });
  app.openapi(updateRoute, async (c) => {
    const { name, mac } = c.req.valid('param');
    return c.json(await updateIface(c.get('deps'), c.get('locale'), name, mac, c.req.valid('json')), 200);
  });
  app.openapi(detachRoute, async (c) => {
    const { name, mac } = c.req.valid('param');
    const left = await detachIface(c.get('deps'), c.get('locale'), name, mac);
    return left ? c.json(left, 200) : c.body(null, 204);
  });
}
