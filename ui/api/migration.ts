// Typed calls of live migration: where a guest may go (with the reason it may not), starting it, aborting the Task.
import type { Task } from '../../handlers/tasks/schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

export type StorageMode = 'shared' | 'copy';

/** One host as a destination for a guest: `ok`, or the stable code and translated reason why not. */
export interface MigrationTarget {
  host: string;
  ok: boolean;
  code?: string;
  reason?: string;
}

export interface MigrationRequest {
  destination: string;
  live: boolean;
  storage: StorageMode;
  /** Skip libvirt's cache-safety check (shared storage without cache=none: only for storage that is truly shared). */
  unsafe?: boolean;
  persistent: boolean;
  undefine_source: boolean;
  max_downtime_ms?: number;
  bandwidth_mib_s?: number;
}

/** A migration Task's live numbers (bytes; rates per second). */
export interface MigrationProgress {
  percent: number;
  data_processed?: number;
  data_remaining?: number;
  data_total?: number;
  memory_dirty_rate?: number;
  elapsed_ms?: number;
  expected_downtime_ms?: number;
}

/** A Task as the migration API shows it: it may carry progress, may be cancelled, may offer Abort. */
export type ProgressTask = Omit<Task, 'status'> & {
  status: Task['status'] | 'cancelled';
  progress?: MigrationProgress;
  cancellable?: boolean;
};

const vmPath = (name: string, host?: string) => scoped(`/vms/${encodeURIComponent(name)}`, host);

/** GET …/vms/:name/migration-targets?storage=: every other host, checked for this guest and storage mode. */
export function migrationTargets(name: string, storage: StorageMode, host?: string): Promise<MigrationTarget[]> {
  return request<MigrationTarget[]>('GET', `${vmPath(name, host)}/migration-targets?storage=${storage}`);
}

/** POST …/vms/:name/migrate → 202 with the Task that moves the guest. */
export function migrateVm(name: string, body: MigrationRequest, host?: string): Promise<ProgressTask> {
  return request<ProgressTask>('POST', `${vmPath(name, host)}/migrate`, body);
}

/** POST /api/tasks/:id/cancel → 202 with the Task, which ends as `cancelled` once the work has stopped. */
export function cancelTask(id: string): Promise<ProgressTask> {
  return request<ProgressTask>('POST', `/tasks/${encodeURIComponent(id)}/cancel`);
}
