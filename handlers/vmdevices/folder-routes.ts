// Routes of a VM's shared host folders (virtiofs): list, add and remove (while the VM is shut off).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { jsonBody, readErrors, writeErrors } from '../common/responses.ts';
import { VmParams } from '../vms/schemas.ts';
import { addFolder, listFolders, removeFolder } from './folders.ts';
import { FolderCreate, FolderList, FolderParams } from './schemas.ts';

const listJson = { 'application/json': { schema: FolderList } };

export const listRoute = createRoute({
  method: 'get', path: '/vms/{name}/filesystems', tags: ['vms'], summary: 'Host folders shared with the VM (virtiofs)',
  request: { params: VmParams },
  responses: { 200: { description: 'Shared folders (the saved definition)', content: listJson }, ...readErrors },
});

export const addRoute = createRoute({
  method: 'post', path: '/vms/{name}/filesystems', tags: ['vms'],
  summary: 'Share a host directory with a shut-off VM under a mount tag (virtiofs; shared memory is set up with it); 409 while it runs',
  request: { params: VmParams, ...jsonBody(FolderCreate) },
  responses: { 201: { description: 'The shared folders after the change', content: listJson }, ...writeErrors },
});

export const removeRoute = createRoute({
  method: 'delete', path: '/vms/{name}/filesystems/{tag}', tags: ['vms'], summary: 'Stop sharing a folder with a shut-off VM',
  request: { params: FolderParams },
  responses: { 204: { description: 'Removed' }, ...writeErrors },
});

export function folderRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => c.json(await listFolders(c.get('deps'), c.get('locale'), c.req.valid('param').name), 200));
  app.openapi(addRoute, async (c) => c.json(await addFolder(c.get('deps'), c.get('locale'), c.req.valid('param').name, c.req.valid('json')), 201));
  app.openapi(removeRoute, async (c) => {
    const { name, tag } = c.req.valid('param');
    await removeFolder(c.get('deps'), name, tag);
    return c.body(null, 204);
  });
}
