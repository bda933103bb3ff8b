// Routes of /storagepools: list, create, read, autostart (PUT), activate/deactivate/refresh actions, delete.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors, jsonBody } from '../common/responses.ts';
import { PoolInput, PoolParams, PoolUpdate, StoragePool } from './schemas.ts';
import {
  activatePool, createPool, deactivatePool, deletePool, listPools, lookupPool, poolView, refreshPool, setPoolAutostart,
} from './pools-service.ts';

const one = (description: string) => ({ description, content: { 'application/json': { schema: StoragePool } } });
const tags = ['storagepools'];

const list = createRoute({
  method: 'get', path: '/storagepools', tags, summary: 'Every storage pool with its state, space and source',
  responses: { 200: { description: 'Pools', content: { 'application/json': { schema: z.array(StoragePool) } } }, 500: errors[500] },
});
const create = createRoute({
  method: 'post', path: '/storagepools', tags,
  summary: 'Define, build (dir, netfs, logical with devices, disk), start and autostart a pool; a failed step undefines it',
  request: jsonBody(PoolInput),
  responses: { 201: one('The new pool'), 400: errors[400], 409: errors[409], 500: errors[500] },
});
const get = createRoute({
  method: 'get', path: '/storagepools/{name}', tags, summary: 'One storage pool',
  request: { params: PoolParams }, responses: { 200: one('The pool'), 400: errors[400], 404: errors[404], 500: errors[500] },
});
const update = createRoute({
  method: 'put', path: '/storagepools/{name}', tags, summary: 'Whether the pool starts with the host',
  request: { params: PoolParams, ...jsonBody(PoolUpdate) },
  responses: { 200: one('The pool'), 400: errors[400], 404: errors[404], 500: errors[500] },
});
const remove = createRoute({
  method: 'delete', path: '/storagepools/{name}', tags,
  summary: 'Undefine an inactive pool (its data stays); refused while active or while a VM has a disk in it',
  request: { params: PoolParams }, responses: { 204: { description: 'Deleted' }, 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const action = (name: string, summary: string) => createRoute({
  method: 'post', path: `/storagepools/{name}/${name}`, tags, summary,
  request: { params: PoolParams }, responses: { 200: one('The pool'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const activate = action('activate', 'Start an inactive pool');
const deactivate = action('deactivate', 'Stop an active pool (refused while a running VM has a disk in it)');
const refresh = action('refresh', 'Rescan the pool for volumes made outside the tool');

export function poolRoutes(app: OpenAPIHono<AppEnv>): void {
  const conn = (c: { get(k: 'deps'): AppEnv['Variables']['deps'] }) => c.get('deps').libvirt.connection;
  app.openapi(list, async (c) => c.json(await listPools(conn(c)), 200));
  app.openapi(create, async (c) => c.json(await createPool(conn(c), c.req.valid('json')), 201));
  app.openapi(get, async (c) => {
    const cn = conn(c);
    return c.json(await poolView(cn, await lookupPool(cn, c.req.valid('param').name)), 200);
  });
  app.openapi(update, async (c) => c.json(await setPoolAutostart(conn(c), c.req.valid('param').name, c.req.valid('json').autostart), 200));
  app.openapi(remove, async (c) => {
    await deletePool(conn(c), c.req.valid('param').name);
    return c.body(null, 204);
  });
  app.openapi(activate, async (c) => c.json(await activatePool(conn(c), c.req.valid('param').name), 200));
  app.openapi(deactivate, async (c) => c.json(await deactivatePool(conn(c), c.req.valid('param').name), 200));
  app.openapi(refresh, async (c) => c.json(await refreshPool(conn(c), c.req.valid('param').name), 200));
}
