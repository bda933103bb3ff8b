// Routes of the host registry (administrators only, see auth/policy.ts): list, register, read, change, remove, test a URI.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Deps } from '../common/context.ts';
import { errors, jsonBody, jsonOf } from '../common/responses.ts';
import { Host, HostInput, HostParams, HostTest, HostTestResult, HostUpdate } from './schemas.ts';
import { addHost, changeHost, getHostView, listHostViews, removeHost, testUri } from './service.ts';

const tags = ['hosts'];
const one = (description: string) => jsonOf(description, Host);

const list = createRoute({
  method: 'get', path: '/hosts', tags, summary: 'Every managed host, `local` first, each with its connection state; per-host resources live under /hosts/{host}/… (vms, storagepools, networks, host, interfaces, debugreports…)',
  responses: { 200: jsonOf('Hosts', z.array(Host)), 403: errors[403], 500: errors[500] },
});
const create = createRoute({
  method: 'post', path: '/hosts', tags, summary: 'Register a host: its client connects in the background (see `state`)',
  request: jsonBody(HostInput),
  responses: { 201: one('The new host'), 400: errors[400], 403: errors[403], 409: errors[409], 500: errors[500] },
});
const test = createRoute({
  method: 'post', path: '/hosts/test', tags, summary: "Connect once to a libvirt URI and report libvirt's hostname and version, or its reason",
  request: jsonBody(HostTest),
  responses: { 200: jsonOf('The outcome', HostTestResult), 400: errors[400], 403: errors[403] },
});
const get = createRoute({
  method: 'get', path: '/hosts/{host}', tags, summary: 'One host',
  request: { params: HostParams }, responses: { 200: one('The host'), 403: errors[403], 404: errors[404] },
});
const update = createRoute({
  method: 'put', path: '/hosts/{host}', tags, summary: "Change a host's URIs or description (its client reconnects); for `local` only migration_uri and description (kept across restarts)",
  request: { params: HostParams, ...jsonBody(HostUpdate) },
  responses: { 200: one('The host'), 400: errors[400], 403: errors[403], 404: errors[404], 409: errors[409] },
});
const remove = createRoute({
  method: 'delete', path: '/hosts/{host}', tags, summary: 'Forget a host (its guests are not touched); refused for `local` and while Tasks run on it',
  request: { params: HostParams }, responses: { 204: { description: 'Removed' }, 403: errors[403], 404: errors[404], 409: errors[409] },
});

/** A `host` event: the host as GET /hosts/{host} shows it (in each listener's language), or {name, removed}. */
function publishHost(deps: Deps, name: string, removed = false): void {
  if (removed) return deps.events.publish({ type: 'host', data: { name, removed: true } });
  deps.events.publish({ type: 'host', render: (locale) => { try { return getHostView(deps, name, locale); } catch { return { name, removed: true }; } } });
}

export function hostRegistryRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, (c) => c.json(listHostViews(c.get('deps'), c.get('locale')), 200));
  app.openapi(test, async (c) => c.json(await testUri(c.req.valid('json').uri), 200));
  app.openapi(create, async (c) => {
    const deps = c.get('deps');
    const host = await addHost(deps, c.req.valid('json'), c.get('user')?.name ?? null, c.get('locale'));
    publishHost(deps, host.name);
    return c.json(host, 201);
  });
  app.openapi(get, (c) => c.json(getHostView(c.get('deps'), c.req.valid('param').host, c.get('locale')), 200));
  app.openapi(update, async (c) => {
    const deps = c.get('deps');
    const host = await changeHost(deps, c.req.valid('param').host, c.req.valid('json'), c.get('locale'));
    publishHost(deps, host.name);
    return c.json(host, 200);
  });
  app.openapi(remove, async (c) => {
    const deps = c.get('deps');
    const { host } = c.req.valid('param');
    await removeHost(deps, host);
    publishHost(deps, host, true);
    return c.body(null, 204);
  });
}

export { publishHost };
