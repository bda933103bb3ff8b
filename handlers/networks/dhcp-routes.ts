// Routes of a network's fixed DHCP hosts: list, add (live and saved), remove by MAC.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { ResourceName } from '../common/names.ts';
import { errors, jsonBody, jsonOf } from '../common/responses.ts';
import { addDhcpHost, listDhcpHosts, removeDhcpHost } from './dhcp-hosts.ts';
import { DhcpHost, DhcpHostInput } from './schemas.ts';

const Params = z.strictObject({ name: ResourceName.openapi({ param: { name: 'name', in: 'path' } }) });
const MacParams = Params.extend({
  mac: z.string().regex(/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/).openapi({ param: { name: 'mac', in: 'path' }, example: '52:54:00:12:34:56' }),
});
const tags = ['networks'];
const hosts = (description: string) => jsonOf(description, z.array(DhcpHost));

const list = createRoute({
  method: 'get', path: '/networks/{name}/dhcp-hosts', tags, summary: 'Fixed DHCP hosts of the network',
  request: { params: Params }, responses: { 200: hosts('Fixed hosts'), 400: errors[400], 404: errors[404], 500: errors[500] },
});
const add = createRoute({
  method: 'post', path: '/networks/{name}/dhcp-hosts', tags,
  summary: 'Give a MAC address a fixed IPv4 address: applied to the running network at once and to its saved definition',
  request: { params: Params, ...jsonBody(DhcpHostInput) },
  responses: { 201: hosts('Fixed hosts after the change'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const remove = createRoute({
  method: 'delete', path: '/networks/{name}/dhcp-hosts/{mac}', tags, summary: 'Remove the fixed address of a MAC address (live and saved)',
  request: { params: MacParams }, responses: { 204: { description: 'Removed' }, 400: errors[400], 404: errors[404], 500: errors[500] },
});

export function dhcpHostRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => c.json(await listDhcpHosts(c.get('deps').libvirt.connection, c.req.valid('param').name), 200));
  app.openapi(add, async (c) =>
    c.json(await addDhcpHost(c.get('deps').libvirt.connection, c.req.valid('param').name, c.req.valid('json')), 201));
  app.openapi(remove, async (c) => {
    const { name, mac } = c.req.valid('param');
    await removeDhcpHost(c.get('deps').libvirt.connection, name, mac);
    return c.body(null, 204);
  });
}
