// Typed calls the VM page makes beyond /vms: its storages, network interfaces and snapshots (Kimchi's contract).
import type { Task } from '../../handlers/tasks/schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

const vmPath = (name: string) => `/vms/${encodeURIComponent(name)}`;

/** A disk or CD-ROM of the VM (GET /vms/:name/storages). */
export interface VmStorage {
  dev: string;
  type: 'disk' | 'cdrom' | 'floppy' | 'lun';
  path: string | null;
  bus?: string | null;
  format?: string | null;
  pool?: string | null;
  vol?: string | null;
  pending?: boolean;
  note?: string | null;
}

/** A network interface of the VM (GET /vms/:name/ifaces). */
export interface VmIface {
  mac: string;
  type: string;
  network?: string | null;
  bridge?: string | null;
  model?: string | null;
  /** type direct: the host NIC and its macvtap mode. */
  source_dev?: string | null;
  mode?: string | null;
  link?: 'up' | 'down';
  ips?: string[];
  /** The fixed address the network keeps for this MAC. */
  reserved_ip?: string | null;
  pending?: boolean;
  note?: string | null;
}

/** A snapshot (GET /vms/:name/snapshots); `created` is seconds since the epoch, as in Kimchi. */
export interface VmSnapshot {
  name: string;
  created: number;
  parent: string | null;
  state: string;
  current?: boolean;
}

export function listVmStorages(name: string): Promise<VmStorage[]> {
  return request<VmStorage[]>('GET', scoped(`${vmPath(name)}/storages`));
}

export function listVmIfaces(name: string): Promise<VmIface[]> {
  return request<VmIface[]>('GET', scoped(`${vmPath(name)}/ifaces`));
}

export function listVmSnapshots(name: string): Promise<VmSnapshot[]> {
  return request<VmSnapshot[]>('GET', scoped(`${vmPath(name)}/snapshots`));
}

/** POST /vms/:name/snapshots → 202 with the Task that takes it; no name lets the server pick one. */
export function createVmSnapshot(name: string, snapshot?: string): Promise<Task> {
  return request<Task>('POST', scoped(`${vmPath(name)}/snapshots`), snapshot ? { name: snapshot } : {});
}

/** POST /vms/:name/snapshots/:snapshot/revert → the snapshot, now current. */
export function revertVmSnapshot(name: string, snapshot: string): Promise<VmSnapshot> {
  return request<VmSnapshot>('POST', scoped(`${vmPath(name)}/snapshots/${encodeURIComponent(snapshot)}/revert`));
}

/** DELETE /vms/:name/snapshots/:snapshot → 204; its children move to its parent. */
export function deleteVmSnapshot(name: string, snapshot: string): Promise<void> {
  return request<void>('DELETE', scoped(`${vmPath(name)}/snapshots/${encodeURIComponent(snapshot)}`));
}

/** POST /vms/:name/template → 202 with the Task that makes template `template` from the shut-off VM. */
export function makeTemplateFromVm(name: string, template: string): Promise<Task> {
  return request<Task>('POST', scoped(`${vmPath(name)}/template`), { name: template });
}
