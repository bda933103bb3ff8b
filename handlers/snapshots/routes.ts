// Routes of a VM's snapshots (Kimchi's /vms/:name/snapshots): list, create (a Task), current, one, revert, delete.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { readErrors, writeErrors } from '../common/responses.ts';
import { Task } from '../tasks/schemas.ts';
import { VmParams } from '../vms/schemas.ts';
import { Snapshot, SnapshotCreate, SnapshotList, SnapshotParams } from './schemas.ts';
import { createSnapshot, currentSnapshot, deleteSnapshot, getSnapshot, listSnapshots, revertSnapshot } from './service.ts';

const snapshotJson = { 'application/json': { schema: Snapshot } };

export const listRoute = createRoute({
  method: 'get', path: '/vms/{name}/snapshots', tags: ['snapshots'], summary: 'The VM\'s snapshots, oldest first, each with its parent and children',
  request: { params: VmParams },
  responses: { 200: { description: 'Snapshots', content: { 'application/json': { schema: SnapshotList } } }, ...readErrors },
});

export const createRoute_ = createRoute({
  method: 'post', path: '/vms/{name}/snapshots', tags: ['snapshots'],
  summary: 'Take a snapshot (disks, and memory while running) inside the VM\'s qcow2 disks; 409 when a disk is raw or another format',
  request: { params: VmParams, body: { content: { 'application/json': { schema: SnapshotCreate } }, required: false } },
  responses: { 202: { description: 'Started: poll the Task (its target_uri is the snapshot)', content: { 'application/json': { schema: Task } } }, ...writeErrors },
});

export const currentRoute = createRoute({
  method: 'get', path: '/vms/{name}/snapshots/current', tags: ['snapshots'], summary: 'The snapshot the VM is at (last taken or reverted to)',
  request: { params: VmParams },
  responses: { 200: { description: 'The current snapshot', content: snapshotJson }, ...readErrors },
});

export const getRoute = createRoute({
  method: 'get', path: '/vms/{name}/snapshots/{snapshot}', tags: ['snapshots'], summary: 'One snapshot',
  request: { params: SnapshotParams },
  responses: { 200: { description: 'The snapshot', content: snapshotJson }, ...readErrors },
});

export const revertRoute = createRoute({
  method: 'post', path: '/vms/{name}/snapshots/{snapshot}/revert', tags: ['snapshots'],
  summary: 'Put the VM back to the snapshot: disks, and memory and running state when it was taken running',
  request: { params: SnapshotParams },
  responses: { 200: { description: 'The snapshot, now current', content: snapshotJson }, ...writeErrors },
});

export const deleteRoute = createRoute({
  method: 'delete', path: '/vms/{name}/snapshots/{snapshot}', tags: ['snapshots'],
  summary: 'Delete a snapshot; its children become children of its parent',
  request: { params: SnapshotParams },
  responses: { 204: { description: 'Deleted' }, ...writeErrors },
});

export function snapshotRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => c.json(await listSnapshots(c.get('deps'), c.req.valid('param').name), 200));
  app.openapi(createRoute_, async (c) => {
    const body = c.req.header('content-length') === '0' || !c.req.raw.body ? {} : c.req.valid('json') ?? {};
    return c.json(await createSnapshot(c.get('deps'), c.get('locale'), c.req.valid('param').name, body), 202);
  });
  // Before /{snapshot}, so "current" is never read as a snapshot name.
  app.openapi(currentRoute, async (c) => c.json(await currentSnapshot(c.get('deps'), c.req.valid('param').name), 200));
  app.openapi(getRoute, async (c) => {
    const { name, snapshot } = c.req.valid('param');
    return c.json(await getSnapshot(c.get('deps'), name, snapshot), 200);
  });
  app.openapi(revertRoute, async (c) => {
    const { name, snapshot } = c.req.valid('param');
    return c.json(await revertSnapshot(c.get('deps'), name, snapshot), 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { name, snapshot } = c.req.valid('param');
    await deleteSnapshot(c.get('deps'), name, snapshot);
    return c.body(null, 204);
  });
}
