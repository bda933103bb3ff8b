// Routes of networks (list, create, read, autostart, delete, activate/deactivate, DHCP leases, fixed hosts) and host interfaces.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { ResourceName } from '../common/names.ts';
import { errors, jsonBody, jsonOf } from '../common/responses.ts';
import { dhcpHostRoutes } from './dhcp-routes.ts';
import { getInterface, listInterfaces } from './interfaces.ts';
import { HostInterface, IfaceName, Lease, Network, NetworkDelete, NetworkInput, NetworkUpdate } from './schemas.ts';
import { activateNetwork, createNetwork, deactivateNetwork, deleteNetwork, networkLeases, setNetworkAutostart } from './service.ts';
import { listNetworkViews, networkView } from './view.ts';

const Params = z.strictObject({ name: ResourceName.openapi({ param: { name: 'name', in: 'path' } }) });
const IfaceParams = z.strictObject({ name: IfaceName.openapi({ param: { name: 'name', in: 'path' } }) });
const one = (description: string) => jsonOf(description, Network);
const tags = ['networks'];

const list = createRoute({
  method: 'get', path: '/networks', tags, summary: 'Every libvirt network with its state, subnet, DHCP range and the VMs on it',
  responses: { 200: jsonOf('Networks', z.array(Network)), 500: errors[500] },
});
const create = createRoute({
  method: 'post', path: '/networks', tags,
  summary: 'Define a network (inactive until activated; autostart on by default). nat/isolated get the first free 192.168.x.0/24 unless a subnet is given',
  request: jsonBody(NetworkInput),
  responses: { 201: one('The new network'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const get = createRoute({
  method: 'get', path: '/networks/{name}', tags, summary: 'One network',
  request: { params: Params }, responses: { 200: one('The network'), 400: errors[400], 404: errors[404], 500: errors[500] },
});
const update = createRoute({
  method: 'put', path: '/networks/{name}', tags, summary: 'Set whether the network starts with the host',
  request: { params: Params, ...jsonBody(NetworkUpdate) },
  responses: { 200: one('The network'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const remove = createRoute({
  method: 'delete', path: '/networks/{name}', tags,
  summary: 'Stop and remove a network; refused while running VMs use it; `default` needs {"confirm": "default"}',
  request: { params: Params, ...jsonBody(NetworkDelete, false) },
  responses: { 204: { description: 'Deleted' }, 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const action = (verb: 'activate' | 'deactivate', summary: string) => createRoute({
  method: 'post', path: `/networks/{name}/${verb}`, tags, summary,
  request: { params: Params }, responses: { 200: one('The network'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const activate = action('activate', 'Start the network');
const deactivate = action('deactivate', 'Stop the network; refused while running VMs use it');
const leases = createRoute({
  method: 'get', path: '/networks/{name}/leases', tags, summary: "The network's current DHCP leases",
  request: { params: Params }, responses: { 200: jsonOf('Leases', z.array(Lease)), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const ifaces = createRoute({
  method: 'get', path: '/interfaces', tags: ['interfaces'], summary: "The host's network interfaces (NICs, bridges, VLANs, bonds; loopback left out)",
  responses: { 200: jsonOf('Interfaces', z.array(HostInterface)), 500: errors[500] },
});
const iface = createRoute({
  method: 'get', path: '/interfaces/{name}', tags: ['interfaces'], summary: 'One host interface',
  request: { params: IfaceParams }, responses: { 200: jsonOf('The interface', HostInterface), 400: errors[400], 404: errors[404], 500: errors[500] },
});

export function networkRoutes(app: OpenAPIHono<AppEnv>): void {
  const conn = (c: { get(k: 'deps'): AppEnv['Variables']['deps'] }) => c.get('deps').libvirt.connection;
  app.openapi(list, async (c) => c.json(await listNetworkViews(conn(c), c.get('deps').db, c.get('deps').domainXml), 200));
  app.openapi(create, async (c) => c.json(await createNetwork(conn(c), c.get('deps').db, c.req.valid('json')), 201));
  app.openapi(get, async (c) => c.json(await networkView(conn(c), c.get('deps').db, c.req.valid('param').name, c.get('deps').domainXml), 200));
  app.openapi(update, async (c) =>
    c.json(await setNetworkAutostart(conn(c), c.get('deps').db, c.req.valid('param').name, c.req.valid('json').autostart), 200));
  app.openapi(remove, async (c) => {
    await deleteNetwork(conn(c), c.get('deps').db, c.req.valid('param').name, c.req.valid('json') ?? {});
    return c.body(null, 204);
  });
  app.openapi(activate, async (c) => c.json(await activateNetwork(conn(c), c.get('deps').db, c.req.valid('param').name), 200));
  app.openapi(deactivate, async (c) => c.json(await deactivateNetwork(conn(c), c.get('deps').db, c.req.valid('param').name), 200));
  app.openapi(leases, async (c) => c.json(await networkLeases(conn(c), c.req.valid('param').name), 200));
  app.openapi(ifaces, async (c) => c.json(await listInterfaces(conn(c)), 200));
  app.openapi(iface, async (c) => c.json(await getInterface(conn(c), c.req.valid('param').name), 200));
  dhcpHostRoutes(app);
}
