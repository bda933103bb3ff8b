// Typed calls of the task resource: one long operation's state.
import type { Task } from '../../handlers/tasks/schemas.ts';
import { request } from './client.ts';

export type { Task } from '../../handlers/tasks/schemas.ts';

/** GET /api/tasks/:id: running, finished or failed, with a translated message. */
export function getTask(id: string): Promise<Task> {
  return request<Task>('GET', `/tasks/${encodeURIComponent(id)}`);
}

/** GET /api/tasks?limit=: the newest tasks first (administrators only). */
export function listTasks(limit = 50): Promise<Task[]> {
  return request<Task[]>('GET', `/tasks?limit=${limit}`);
}
