// Typed calls of live migration: where a guest may go (with the reason it may not), starting it, aborting the Task.
import type { z } from '@hono/zod-openapi';
import type { Task } from '../../handlers/tasks/schemas.ts';
import type { MigrationTarget, StorageMode, VmMigrate } from '../../handlers/vms/migrate-schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

export type { MigrationTarget, StorageMode } from '../../handlers/vms/migrate-schemas.ts';
export type { TaskProgress as MigrationProgress } from '../../handlers/tasks/schemas.ts';

/** The POST body as the UI sends it (the server fills its defaults: live, persistent, undefine_source). */
export type MigrationRequest = z.input<typeof VmMigrate>;

/** A migration's Task: its `progress` feeds the bar, `cancellable` offers Abort, it may end `cancelled`. */
export type ProgressTask = Task;

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
