// Routes that read VMs: the list and one VM (Kimchi's GET /vms and GET /vms/:name).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { etag } from 'hono/etag';
import type { AppEnv } from '../common/context.ts';
import { errors, readErrors } from '../common/responses.ts';
import { Vm, VmList, VmListQuery, VmParams } from './schemas.ts';
import { listVmsOnAllHosts, listVmsOnHost, UNREACHABLE_HEADER } from '../hosts/all-vms.ts';
import { getVm, listVms } from './service.ts';
import { mayUseVm } from '../auth/policy.ts';
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

export function vmRoutes(app: OpenAPIHono<AppEnv>): void {
  // An unchanged list answers 304 to If-None-Match (SHA-1 of the body, ~2 ms at 1000 VMs); `no-cache` lets the
  // browser keep it and revalidate, `private` keeps it out of shared caches (a user sees only their VMs).
  app.use('/vms', etag());
  app.openapi(listRoute, async (c) => {
    c.header('Cache-Control', 'private, no-cache');
    const user = c.get('user');
    const deps = c.get('deps');
    const { host } = c.req.valid('query');
    let vms;
    if (host === 'all') {
      const all = await listVmsOnAllHosts(deps);
      vms = all.vms;
      if (all.unreachable.length) c.header(UNREACHABLE_HEADER, all.unreachable.map(encodeURIComponent).join(','));
    } else {
      vms = host === undefined ? await listVms(deps) : await listVmsOnHost(deps, host);
    }
    // A user who is not an administrator sees only the VMs shared with them or their groups.
    return c.json(user && !user.admin ? vms.filter((v) => mayUseVm(user, v)) : vms, 200);
  });
  app.openapi(getRoute, async (c) => c.json(await getVm(c.get('deps'), c.req.valid('param').name), 200));
  vmStatsRoutes(app);
  vmDeletionsRoutes(app);
}
