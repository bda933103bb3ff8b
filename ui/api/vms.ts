// Typed calls of the VM resource: list, read, actions, update, deletion plan, delete, create, clone.
import type { VmCreate } from '../../handlers/vms/create-schemas.ts';
import type { Vm, VmAction, VmDeletion, VmState, VmUpdate } from '../../handlers/vms/schemas.ts';
import type { Task } from '../../handlers/tasks/schemas.ts';
import { request } from './client.ts';

export type { Vm, VmAction, VmDeletion, VmState, VmUpdate } from '../../handlers/vms/schemas.ts';
export type { VmCreate } from '../../handlers/vms/create-schemas.ts';

const path = (name: string) => `/vms/${encodeURIComponent(name)}`;

/** GET /api/vms: every VM libvirtd knows, with live stats; an unchanged list is revalidated by ETag (304). */
export function listVms(): Promise<Vm[]> {
  return request<Vm[]>('GET', '/vms', undefined, { cache: 'no-cache' });
}

export type VmStatsMap = Record<string, Vm['stats']>;

/** GET /api/vmstats?names=: the live rates of just these VMs (the rows on screen), keyed by name. */
export function vmStats(names: readonly string[]): Promise<VmStatsMap> {
  if (names.length === 0) return Promise.resolve({});
  return request<VmStatsMap>('GET', `/vmstats?names=${names.map(encodeURIComponent).map(encodeURIComponent).join(',')}`);
}

/** GET /api/vms/:name. */
export function getVm(name: string): Promise<Vm> {
  return request<Vm>('GET', path(name));
}

/** POST /api/vms/:name/<action> → the VM after it; 409 when its state does not allow the action. */
export function vmAction(name: string, action: VmAction): Promise<Vm> {
  return request<Vm>('POST', `${path(name)}/${action}`);
}

/** PUT /api/vms/:name: name (shut off only), memory, vCPUs, title, description, autostart, boot order. */
export function updateVm(name: string, changes: VmUpdate): Promise<Vm> {
  return request<Vm>('PUT', path(name), changes);
}

/** GET /api/vms/:name/deletion: the disks DELETE would remove and those it keeps, with the reason. */
export function getDeletionPlan(name: string): Promise<VmDeletion> {
  return request<VmDeletion>('GET', `${path(name)}/deletion`);
}

/** GET /api/vmdeletions?names=: the deletion plans of many VMs from one pass over the host (unknown names left out). */
export function getDeletionPlans(names: readonly string[]): Promise<VmDeletion[]> {
  return request<VmDeletion[]>('GET', `/vmdeletions?names=${names.map(encodeURIComponent).map(encodeURIComponent).join(',')}`);
}

/** DELETE /api/vms/:name → 204: powers off, deletes the volumes only it uses, undefines. */
export function deleteVm(name: string): Promise<void> {
  return request<void>('DELETE', path(name));
}

/** POST /api/vms → 202 with the Task that builds the VM from a template. */
export function createVm(body: VmCreate): Promise<Task> {
  return request<Task>('POST', '/vms', body);
}

/** POST /api/vms/:name/clone → 202 with the Task that copies a shut-off VM as <name>-clone-N. */
export function cloneVm(name: string): Promise<Task> {
  return request<Task>('POST', `${path(name)}/clone`);
}

/** The actions each state allows, mirroring the server's rules (handlers/vms/actions.ts). */
const ALLOWED: Record<VmAction, readonly VmState[]> = {
  start: ['shutoff', 'crashed', 'nostate'],
  shutdown: ['running', 'blocked'],
  poweroff: ['running', 'blocked', 'paused', 'shutdown', 'crashed', 'pmsuspended'],
  reset: ['running', 'blocked', 'paused', 'shutdown'],
  suspend: ['running', 'blocked'],
  resume: ['paused'],
  reboot: ['running', 'blocked'],
  nmi: ['running', 'blocked'],
};

export function actionAllowed(state: VmState, action: VmAction): boolean {
  return ALLOWED[action].includes(state);
}
