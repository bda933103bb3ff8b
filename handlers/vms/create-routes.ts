// Routes that make VMs and templates from others: create from a template, clone, template from a VM (issue 4).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { jsonBody, writeErrors } from '../common/responses.ts';
import { Task } from '../tasks/schemas.ts';
import { templateFromVm } from '../templates/from-vm.ts';
import { cloneVm } from './clone.ts';
import { createVm } from './create.ts';
import { VmCreate, VmTemplateCreate } from './create-schemas.ts';
import { VmParams } from './schemas.ts';

const accepted = { 202: { description: 'Started: poll the Task (GET /tasks/{id}) or follow /events', content: { 'application/json': { schema: Task } } } };

export const vmCreateRoute = createRoute({
  method: 'post', path: '/vms', tags: ['vms'], summary: 'Create a VM from a template (a Task)',
  description: 'Checks the template, name, networks and pool space first (4xx, nothing made), then creates the disk '
    + 'volumes (a qcow2 overlay for a disk with a base image), defines the domain and stores its metadata. A failure '
    + 'removes whatever was made and fails the Task with a translated reason.',
  request: jsonBody(VmCreate),
  responses: { ...accepted, ...writeErrors },
});

export const cloneRoute = createRoute({
  method: 'post', path: '/vms/{name}/clone', tags: ['vms'], summary: 'Clone a shut-off VM as <name>-clone-N (a Task)',
  description: 'New UUID and MAC addresses; each disk copied to a new volume in its pool (or `default` when that pool '
    + 'lacks room); CD-ROMs kept. The VM is locked while it runs (other operations on it answer 409).',
  request: { params: VmParams },
  responses: { ...accepted, ...writeErrors },
});

export const templateRoute = createRoute({
  method: 'post', path: '/vms/{name}/template', tags: ['vms', 'templates'], summary: 'Make a template from a shut-off VM (a Task)',
  description: 'Not in Kimchi. Copies the VM\'s first disk to a read-only (0444) qcow2 base image in its pool, moves '
    + 'the VM onto a new qcow2 overlay of that base, and stores a template (the VM\'s memory, vCPUs, networks, '
    + 'graphics; disks[0].base = the base path) whose VMs get their own overlays. The VM is locked meanwhile; a '
    + 'failure leaves it exactly as it was. The Task\'s target_uri is the new template.',
  request: { params: VmParams, ...jsonBody(VmTemplateCreate) },
  responses: { ...accepted, ...writeErrors },
});

export function vmCreateRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(vmCreateRoute, async (c) => c.json(await createVm(c.get('deps'), c.get('locale'), c.req.valid('json')), 202));
  app.openapi(cloneRoute, async (c) => c.json(await cloneVm(c.get('deps'), c.get('locale'), c.req.valid('param').name), 202));
  app.openapi(templateRoute, async (c) => {
    const { name } = c.req.valid('param');
    return c.json(await templateFromVm(c.get('deps'), c.get('locale'), name, c.req.valid('json').name), 202);
  });
}
