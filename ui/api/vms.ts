// Typed calls of the VM resource on one host (or the list of all hosts): list, read, actions, update, deletion, create, clone.
import type { VmCreate } from '../../handlers/vms/create-schemas.ts';
import type { Vm, VmAction, VmDeletion, VmState, VmUpdate } from '../../handlers/vms/schemas.ts';
import type { Task } from '../../handlers/tasks/schemas.ts';
import { apiUrl } from './base.ts';
import { request } from './client.ts';
import { ALL_HOSTS, LOCAL_HOST, scoped } from './scope.ts';

export type { Vm, VmAction, VmDeletion, VmState, VmUpdate } from '../../handlers/vms/schemas.ts';
export type { VmCreate } from '../../handlers/vms/create-schemas.ts';

/** A guest's path on `host` (default: the page's host, ui/api/scope.ts); a list row passes its guest's own host. */
const path = (name: string, host?: string) => scoped(`/vms/${encodeURIComponent(name)}`, host);

/** The host a guest lives on (a server without many hosts names none: then it is the local one). */
export const vmHost = (vm: Vm): string => (vm as Vm & { host?: string }).host ?? LOCAL_HOST;

/** The guests of every host: `unreachable` are the hosts that did not answer in time (their guests are missing). */
export interface VmList { vms: Vm[]; unreachable: string[] }

/** The hosts named in the All-hosts list's `Kimchi-Unreachable-Hosts` header (comma-separated, URL-encoded). */
export function unreachableHosts(header: string | null): string[] {
  return (header ?? '').split(',').map((h) => h.trim()).filter((h) => h !== '').map((h) => {
    try { return decodeURIComponent(h); } catch { return h; }
  });
}

/**
 * GET /api/vms: every VM of `host` (default the page's host) with live stats, or of every host for `all`; an
 * unchanged list is revalidated by ETag (304).
 */
export async function listVms(host?: string): Promise<VmList> {
  let unreachable: string[] = [];
  const onHeaders = (h: Headers) => { unreachable = unreachableHosts(h.get('Kimchi-Unreachable-Hosts')); };
  const url = host === ALL_HOSTS ? '/vms?host=all' : scoped('/vms', host);
  const vms = await request<Vm[]>('GET', url, undefined, { cache: 'no-cache', onHeaders });
  return { vms, unreachable };
}

export type VmStatsMap = Record<string, Vm['stats']>;

/** GET /api/vmstats?names=: the live rates of just these VMs (the rows on screen), keyed by name. */
export function vmStats(names: readonly string[], host?: string): Promise<VmStatsMap> {
  if (names.length === 0) return Promise.resolve({});
  return request<VmStatsMap>('GET', `${scoped('/vmstats', host)}?names=${names.map(encodeURIComponent).map(encodeURIComponent).join(',')}`);
}

/** GET /api/vms/:name. */
export function getVm(name: string, host?: string): Promise<Vm> {
  return request<Vm>('GET', path(name, host));
}

/** POST /api/vms/:name/<action> → the VM after it; 409 when its state does not allow the action. */
export function vmAction(name: string, action: VmAction, host?: string): Promise<Vm> {
  return request<Vm>('POST', `${path(name, host)}/${action}`);
}

/** PUT /api/vms/:name: name (shut off only), memory, vCPUs, title, description, autostart, boot order. */
export function updateVm(name: string, changes: VmUpdate): Promise<Vm> {
  return request<Vm>('PUT', path(name), changes);
}

/** GET /api/vms/:name/deletion: the disks DELETE would remove and those it keeps, with the reason. */
export function getDeletionPlan(name: string, host?: string): Promise<VmDeletion> {
  return request<VmDeletion>('GET', `${path(name, host)}/deletion`);
}

/** GET /api/vmdeletions?names=: the deletion plans of many VMs from one pass over the host (unknown names left out). */
export function getDeletionPlans(names: readonly string[], host?: string): Promise<VmDeletion[]> {
  return request<VmDeletion[]>('GET', `${scoped('/vmdeletions', host)}?names=${names.map(encodeURIComponent).map(encodeURIComponent).join(',')}`);
}

/** DELETE /api/vms/:name → 204: powers off, deletes the volumes only it uses, undefines. */
export function deleteVm(name: string, host?: string): Promise<void> {
  return request<void>('DELETE', path(name, host));
}

/** POST /api/vms → 202 with the Task that builds the VM from a template. */
export function createVm(body: VmCreate, host?: string): Promise<Task> {
  return request<Task>('POST', scoped('/vms', host), body);
}

/** POST /api/vms/:name/clone → 202 with the Task that copies a shut-off VM as <name>-clone-N. */
export function cloneVm(name: string, host?: string): Promise<Task> {
  return request<Task>('POST', `${path(name, host)}/clone`);
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

/** The screenshot of a running guest, for an <img> (`s` changes the URL when its state does). */
export function screenshotUrl(name: string, state: string, host?: string): string {
  return apiUrl(`${path(name, host)}/screenshot?s=${state}`);
}

export function actionAllowed(state: VmState, action: VmAction): boolean {
  return ALLOWED[action].includes(state);
}
