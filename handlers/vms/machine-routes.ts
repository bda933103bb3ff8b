// Routes of a guest's machine settings (GET/PUT /vms/{name}/machine) and of what the host offers (GET /host/domcapabilities).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors, jsonBody, readErrors, writeErrors } from '../common/responses.ts';
import { getMachine, updateMachine } from './machine.ts';
import { domainCaps, machineOptions } from './machine-offer.ts';
import { MachineOptions, VmMachine, VmMachineUpdate } from './machine-schemas.ts';
import { VmParams } from './schemas.ts';

const machineJson = { 'application/json': { schema: VmMachine } };

export const machineRoute = createRoute({
  method: 'get', path: '/vms/{name}/machine', tags: ['vms'],
  summary: 'Firmware, Secure Boot, TPM, CPU mode, watchdog and vsock; not in Kimchi',
  description: 'The saved configuration\'s settings, the firmware files libvirt picked (once the guest has run), and '
    + '`pending_changes`: the saved configuration of a running guest differs from the live one, so the changes take effect after the next shutdown.',
  request: { params: VmParams },
  responses: { 200: { description: 'The machine settings', content: machineJson }, ...readErrors },
});

export const machineUpdateRoute = createRoute({
  method: 'put', path: '/vms/{name}/machine', tags: ['vms'],
  summary: 'Change firmware, Secure Boot, TPM or CPU mode (shut off only), watchdog or vsock (saved config: after the next shutdown when running)',
  description: 'Checked against the host\'s domain capabilities first (400: e.g. a TPM on a host without swtpm; 409: the guest runs, '
    + 'or Secure Boot on a guest whose machine type is not q35); libvirt refusing the result is a 400 with its reason, and nothing is changed.',
  request: { params: VmParams, ...jsonBody(VmMachineUpdate) },
  responses: { 200: { description: 'The machine settings after the change', content: machineJson }, ...writeErrors },
});

export const domcapsRoute = createRoute({
  method: 'get', path: '/host/domcapabilities', tags: ['host'],
  summary: 'What the host offers guests: firmware, Secure Boot, TPM 2.0 emulation, CPU modes and models, watchdogs, vsock',
  responses: { 200: { description: 'The options', content: { 'application/json': { schema: MachineOptions } } }, 500: errors[500] },
});

export function vmMachineRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(domcapsRoute, async (c) => {
    const conn = c.get('deps').libvirt.connection;
    return c.json(machineOptions(await domainCaps(conn), conn.uri), 200);
  });
  app.openapi(machineRoute, async (c) => c.json(await getMachine(c.get('deps'), c.req.valid('param').name), 200));
  app.openapi(machineUpdateRoute, async (c) => c.json(await updateMachine(c.get('deps'), c.req.valid('param').name, c.req.valid('json')), 200));
}
