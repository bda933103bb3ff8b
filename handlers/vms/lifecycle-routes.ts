// Routes that change one VM: actions (start, poweroff, shutdown, reset, suspend, resume, reboot, nmi), update, deletion plan, delete.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { readErrors, writeErrors } from '../common/responses.ts';
import { runAction } from './actions.ts';
import { deleteVm, deletionView } from './delete.ts';
import { VM_ACTIONS, Vm, VmDeletion, VmParams, VmUpdate, type VmAction } from './schemas.ts';
import { updateVm } from './update.ts';

const vmJson = { 'application/json': { schema: Vm } };

const SUMMARY: Record<VmAction, string> = {
  start: 'Boot a shut-off VM',
  poweroff: 'Power off at once (pull the plug)',
  shutdown: 'Ask the guest to shut down (ACPI); the state changes when it does',
  reset: 'Reset, like the reset button',
  suspend: 'Pause the vCPUs',
  resume: 'Resume a paused VM',
  reboot: 'Ask the guest to reboot (ACPI or its guest agent, as the hypervisor chooses); not in Kimchi',
  nmi: 'Send a non-maskable interrupt to the guest (e.g. to make a hung Linux kernel dump); not in Kimchi',
};

/** One route per action, so sibling POST routes (clone…) keep their own paths. */
const actionRoute = (action: VmAction) => createRoute({
  method: 'post', path: `/vms/{name}/${action}`, tags: ['vms'], summary: SUMMARY[action],
  request: { params: VmParams },
  responses: { 200: { description: 'The VM after the action; 409 when its state does not allow it', content: vmJson }, ...writeErrors },
});

export const updateRoute = createRoute({
  method: 'put', path: '/vms/{name}', tags: ['vms'],
  summary: 'Change name (shut off only), memory, vCPUs, title, description, autostart, boot order',
  request: { params: VmParams, body: { content: { 'application/json': { schema: VmUpdate } }, required: true } },
  responses: { 200: { description: 'The updated VM', content: vmJson }, ...writeErrors },
});

export const deletionRoute = createRoute({
  method: 'get', path: '/vms/{name}/deletion', tags: ['vms'],
  summary: 'What deleting the VM would remove: the volumes to delete and those kept, with the reason',
  request: { params: VmParams },
  responses: { 200: { description: 'The deletion plan', content: { 'application/json': { schema: VmDeletion } } }, ...readErrors },
});

export const deleteRoute = createRoute({
  method: 'delete', path: '/vms/{name}', tags: ['vms'],
  summary: 'Delete the VM (powered off first) and the volumes only it uses; see /vms/{name}/deletion',
  request: { params: VmParams },
  responses: { 204: { description: 'Deleted' }, ...writeErrors },
});

export function vmLifecycleRoutes(app: OpenAPIHono<AppEnv>): void {
  for (const action of VM_ACTIONS) {
    app.openapi(actionRoute(action), async (c) => c.json(await runAction(c.get('deps'), c.req.valid('param').name, action), 200));
  }
  app.openapi(updateRoute, async (c) => c.json(await updateVm(c.get('deps'), c.req.valid('param').name, c.req.valid('json')), 200));
  app.openapi(deletionRoute, async (c) => c.json(await deletionView(c.get('deps'), c.req.valid('param').name, c.get('locale')), 200));
  app.openapi(deleteRoute, async (c) => {
    await deleteVm(c.get('deps'), c.req.valid('param').name);
    return c.body(null, 204);
  });
}
