// Routes of a VM's disks and CD-ROMs (Kimchi's /vms/:name/storages): list, attach, read, change or eject, detach.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { jsonBody, readErrors, writeErrors } from '../common/responses.ts';
import { VmParams } from '../vms/schemas.ts';
import { resizeDisk } from './disk-size.ts';
import { Storage, StorageCreate, StorageDetachQuery, StorageList, StorageParams, StorageResize, StorageUpdate } from './schemas.ts';
import { attachStorage, detachStorage, getStorage, listStorages, updateStorage } from './storages.ts';

const storageJson = { 'application/json': { schema: Storage } };

export const listRoute = createRoute({
  method: 'get', path: '/vms/{name}/storages', tags: ['vms'], summary: 'The VM\'s disks and CD-ROM drives',
  request: { params: VmParams },
  responses: { 200: { description: 'Storage devices, saved and running definitions merged', content: { 'application/json': { schema: StorageList } } }, ...readErrors },
});

export const attachRoute = createRoute({
  method: 'post', path: '/vms/{name}/storages', tags: ['vms'],
  summary: 'Attach a disk (a new volume, or an existing one) or a CD-ROM drive; plugged in at once where the VM runs and the bus allows',
  request: { params: VmParams, ...jsonBody(StorageCreate) },
  responses: { 201: { description: 'Attached; pending: true when it waits for the next boot (SATA/IDE on a running VM)', content: storageJson }, ...writeErrors },
});

export const getRoute = createRoute({
  method: 'get', path: '/vms/{name}/storages/{dev}', tags: ['vms'], summary: 'One disk or CD-ROM drive',
  request: { params: StorageParams },
  responses: { 200: { description: 'The storage device', content: storageJson }, ...readErrors },
});

export const updateRoute = createRoute({
  method: 'put', path: '/vms/{name}/storages/{dev}', tags: ['vms'],
  summary: 'Change a CD-ROM\'s ISO, or eject it with path "" or null — live where the VM runs, and saved',
  request: { params: StorageParams, ...jsonBody(StorageUpdate) },
  responses: { 200: { description: 'The CD-ROM drive after the change', content: storageJson }, ...writeErrors },
});

export const detachRoute = createRoute({
  method: 'delete', path: '/vms/{name}/storages/{dev}', tags: ['vms'],
  summary: 'Detach a disk or CD-ROM drive; its volume stays in its pool unless delete_volume=true',
  request: { params: StorageParams, query: StorageDetachQuery },
  responses: {
    204: { description: 'Gone' },
    200: { description: 'Removed from the saved definition but still present until the next boot or until the guest releases it (pending)', content: storageJson },
    ...writeErrors,
  },
});

export const resizeRoute = createRoute({
  method: 'post', path: '/vms/{name}/storages/{dev}/resize', tags: ['vms'],
  summary: 'Grow a disk: a running guest sees the new size at once (blockResize); a shut-off one at its next boot',
  request: { params: StorageParams, ...jsonBody(StorageResize) },
  responses: { 200: { description: 'The disk after growing', content: storageJson }, ...writeErrors },
});

export function storageRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => c.json(await listStorages(c.get('deps'), c.get('locale'), c.req.valid('param').name), 200));
  app.openapi(attachRoute, async (c) => c.json(await attachStorage(c.get('deps'), c.get('locale'), c.req.valid('param').name, c.req.valid('json')), 201));
  app.openapi(getRoute, async (c) => {
    const { name, dev } = c.req.valid('param');
    return c.json(await getStorage(c.get('deps'), c.get('locale'), name, dev), 200);
  });
  app.openapi(updateRoute, async (c) => {
    const { name, dev } = c.req.valid('param');
    return c.json(await updateStorage(c.get('deps'), c.get('locale'), name, dev, c.req.valid('json')), 200);
  });
  app.openapi(detachRoute, async (c) => {
    const { name, dev } = c.req.valid('param');
    const left = await detachStorage(c.get('deps'), c.get('locale'), name, dev, c.req.valid('query').delete_volume === 'true');
    return left ? c.json(left, 200) : c.body(null, 204);
  });
  app.openapi(resizeRoute, async (c) => {
    const { name, dev } = c.req.valid('param');
    return c.json(await resizeDisk(c.get('deps'), c.get('locale'), name, dev, c.req.valid('json').size), 200);
  });
}
