// Routes of /storagepools/{pool}/storagevolumes: list, create (or start an upload), read, delete, resize, wipe, clone.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors, jsonBody } from '../common/responses.ts';
import { Task } from '../tasks/schemas.ts';
import { cloneVolume } from './clone.ts';
import { isLocal } from './bulk.ts';
import { PoolOfVolParams, StorageVolume, VolParams, VolumeClone, VolumeInput, VolumeResize } from './schemas.ts';
import { cancelUpload, startUpload } from './transfer.ts';
import { createVolume, deleteVolume, getVolume, listVolumes, resizeVolume, wipeVolume, type VolumeContext } from './volumes-service.ts';

const one = (description: string) => ({ description, content: { 'application/json': { schema: StorageVolume } } });
const task = (description: string) => ({ description, content: { 'application/json': { schema: Task } } });
const tags = ['storagevolumes'];
const base = '/storagepools/{pool}/storagevolumes';

const list = createRoute({
  method: 'get', path: base, tags, summary: 'Volumes of an active pool, with the VMs using each and, for ISO images on this host, the OS',
  request: { params: PoolOfVolParams },
  responses: { 200: { description: 'Volumes', content: { 'application/json': { schema: z.array(StorageVolume) } } }, 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const create = createRoute({
  method: 'post', path: base, tags,
  summary: 'Create a volume (201); with `upload: true` create it empty and answer a Task (202) that follows PUT …/{name}/content',
  request: { params: PoolOfVolParams, ...jsonBody(VolumeInput) },
  responses: { 201: one('The new volume'), 202: task('The upload Task (progress: bytes done/total)'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const get = createRoute({
  method: 'get', path: `${base}/{name}`, tags, summary: 'One volume',
  request: { params: VolParams }, responses: { 200: one('The volume'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const remove = createRoute({
  method: 'delete', path: `${base}/{name}`, tags, summary: 'Delete a volume (refused while a VM uses it; cancels a pending upload)',
  request: { params: VolParams }, responses: { 204: { description: 'Deleted' }, 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const resize = createRoute({
  method: 'post', path: `${base}/{name}/resize`, tags, summary: 'Grow or shrink a volume to `size` bytes',
  request: { params: VolParams, ...jsonBody(VolumeResize) },
  responses: { 200: one('The volume'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const wipe = createRoute({
  method: 'post', path: `${base}/{name}/wipe`, tags, summary: 'Overwrite the volume with zeroes',
  request: { params: VolParams }, responses: { 200: one('The volume'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const clone = createRoute({
  method: 'post', path: `${base}/{name}/clone`, tags, summary: 'Copy a volume (as <name>-clone unless named) into this or another pool, as a Task',
  request: { params: VolParams, body: { required: false, content: { 'application/json': { schema: VolumeClone } } } },
  responses: { 202: task('The copy Task'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});

export function volumeRoutes(app: OpenAPIHono<AppEnv>): void {
  const ctx = (c: { get(k: 'deps'): AppEnv['Variables']['deps'] }): VolumeContext => {
    const deps = c.get('deps');
    return { conn: deps.libvirt.connection, db: deps.db, local: isLocal(deps) };
  };
  app.openapi(list, async (c) => c.json(await listVolumes(ctx(c), c.req.valid('param').pool), 200));
  app.openapi(create, async (c) => {
    const { pool } = c.req.valid('param');
    const input = c.req.valid('json');
    if (input.upload) return c.json(await startUpload(c.get('deps'), c.get('locale'), pool, input), 202);
    return c.json(await createVolume(ctx(c), pool, input), 201);
  });
  app.openapi(get, async (c) => {
    const { pool, name } = c.req.valid('param');
    return c.json(await getVolume(ctx(c), pool, name), 200);
  });
  app.openapi(remove, async (c) => {
    const { pool, name } = c.req.valid('param');
    await deleteVolume(ctx(c), pool, name);
    cancelUpload(c.get('deps'), pool, name);
    return c.body(null, 204);
  });
  app.openapi(resize, async (c) => {
    const { pool, name } = c.req.valid('param');
    return c.json(await resizeVolume(ctx(c), pool, name, c.req.valid('json').size), 200);
  });
  app.openapi(wipe, async (c) => {
    const { pool, name } = c.req.valid('param');
    return c.json(await wipeVolume(ctx(c), pool, name), 200);
  });
  app.openapi(clone, async (c) => {
    const { pool, name } = c.req.valid('param');
    const opts = (c.req.header('content-length') === '0' || !c.req.raw.body) ? {} : c.req.valid('json') ?? {};
    return c.json(await cloneVolume(c.get('deps'), c.get('locale'), pool, name, opts), 202);
  });
}
