// Long work as a Task: persisted in SQLite, progress and outcome pushed on /api/events, failures kept translatable.
import { createTask, endTask, getTask, updateTask } from '../../db/index.ts';
import { DisconnectedError, LibvirtError } from '../../libvirt/index.ts';
import { taskView } from '../tasks/service.ts';
import type { Task } from '../tasks/schemas.ts';
import type { Deps } from './context.ts';
import { KimchiError } from './errors.ts';
import { fromLibvirt } from './translate.ts';
import type { Locale } from '../i18n/index.ts';
import { hostOf } from '../common/hosts.ts';

export interface TaskContext {
  id: number;
  /** A progress message (plain text, shown as is). */
  progress(message: string): void;
}

/** Send the task's current row on /api/events (each listener gets it in its own language). */
export function publishTask(deps: Deps, id: number): void {
  const row = getTask(deps.db, id);
  if (row) deps.events.publish({ type: 'task', render: (locale) => taskView(row, locale) });
}

/**
 * Start `work` in the background and return the running Task at once. `work` resolves with the final message
 * ("OK" when empty); a KimchiError or LibvirtError fails the task with its translatable message; anything else
 * fails it with the internal-error message and is logged. `work` must undo its own partial effects.
 */
export function startTask(deps: Deps, locale: Locale, targetUri: string, work: (t: TaskContext) => Promise<string | void>): Task {
  const row = createTask(deps.db, targetUri, '', hostOf(deps));
  const ctx: TaskContext = {
    id: row.id,
    progress: (message) => { updateTask(deps.db, row.id, message); publishTask(deps, row.id); },
  };
  publishTask(deps, row.id);
  void (async () => {
    try {
      const message = await work(ctx);
      endTask(deps.db, row.id, 'finished', message || 'OK');
    } catch (e) {
      let k: KimchiError;
      if (e instanceof KimchiError) k = e;
      else if (e instanceof LibvirtError) k = fromLibvirt(e);
      else if (e instanceof DisconnectedError) k = new KimchiError(500, 'KCHCONF0001E', { uri: 'libvirt' });
      else {
        deps.logger?.error({ err: e, task: row.id, targetUri }, 'task failed');
        k = new KimchiError(500, 'KCHAPI0006E', { requestId: `task ${row.id}` });
      }
      endTask(deps.db, row.id, 'failed', k.message, k.code, k.params as Record<string, unknown>);
    }
    publishTask(deps, row.id);
  })();
  return taskView(row, locale);
}
