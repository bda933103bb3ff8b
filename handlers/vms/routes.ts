// Routes that read VMs: the list and one VM (Kimchi's GET /vms and GET /vms/:name).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { accepts } from 'hono/accepts';
import type { AppEnv } from '../common/context.ts';
import { errors, readErrors } from '../common/responses.ts';
import { Vm, VmList, VmListQuery, VmParams } from './schemas.ts';
import { listVmsOnAllHosts, listVmsOnHost, UNREACHABLE_HEADER } from '../hosts/all-vms.ts';
import { getVm, hostRows } from './service.ts';
import { bodyText, gzipBody, listBody, type HostRows } from './list-body.ts';
import { onKimchiSurface } from '../kimchi/surface.ts';
import { vmStatsRoutes } from './list-stats.ts';
import { vmDeletionsRoutes } from './list-deletion.ts';

const vmJson = { 'application/json': { schema: Vm } };

export const listRoute = createRoute({
  method: 'get', path: '/vms', tags: ['vms'], summary: 'Every virtual machine libvirtd knows, including ones made elsewhere. Carries an ETag: send If-None-Match to get 304 when nothing changed',
  request: { query: VmListQuery },
  responses: { 200: { description: 'Virtual machines, by name', content: { 'application/json': { schema: VmList } } }, 304: { description: 'Not modified since the ETag sent in If-None-Match' }, 500: errors[500] },
});

export const getRoute = createRoute({
  method: 'get', path: '/vms/{name}', tags: ['vms'], summary: 'One virtual machine',
  request: { params: VmParams },
  responses: { 200: { description: 'The virtual machine', content: vmJson }, ...readErrors },
});

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.replace(/^W\//, '')));

export function vmRoutes(app: OpenAPIHono<AppEnv>): void {
  // An unchanged list answers 304 to If-None-Match; `no-cache` lets the browser keep it and revalidate, `private`
  // keeps it out of shared caches (a user sees only their VMs). The ETag names the exact rows (handlers/vms/list-body.ts),
  // and the gzipped body is kept by it: a list asked for again unchanged is neither serialised nor compressed again.
  app.openapi(listRoute, async (c) => {
    c.header('Cache-Control', 'private, no-cache');
    const deps = c.get('deps');
    const { host } = c.req.valid('query');
    let hosts: HostRows[];
    if (host === 'all') {
      const all = await listVmsOnAllHosts(deps);
      hosts = all.hosts;
      if (all.unreachable.length) c.header(UNREACHABLE_HEADER, all.unreachable.map(encodeURIComponent).join(','));
    } else {
      hosts = [host === undefined ? await hostRows(deps) : await listVmsOnHost(deps, host)];
    }
    const body = listBody(hosts, c.get('user'));
    c.header('ETag', body.etag);
    if (matches(c.req.header('If-None-Match'), body.etag)) return c.body(null, 304) as never;
    c.header('Content-Type', 'application/json');
    // The Kimchi surface rewrites the JSON on its way out: it gets it plain (its own gzip follows, as for any answer).
    if (onKimchiSurface(c) || accepts(c, { header: 'Accept-Encoding', supports: ['gzip', 'identity'], default: 'identity' }) !== 'gzip') return c.body(bodyText(body), 200) as never;
    c.header('Vary', 'Accept-Encoding');
    c.header('Content-Encoding', 'gzip');
    return c.body(new Uint8Array(await gzipBody(body)), 200) as never;
  });
  app.openapi(getRoute, async (c) => c.json(await getVm(c.get('deps'), c.req.valid('param').name), 200));
  vmStatsRoutes(app);
  vmDeletionsRoutes(app);
}
