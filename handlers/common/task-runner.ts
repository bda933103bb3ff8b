// Long work as a Task: persisted in SQLite, progress and outcome pushed on /api/events, failures kept translatable.
import { createTask, endTask, getTask, setTaskCancellable, updateTask } from '../../db/index.ts';
import { vmListsChanged } from './list-epoch.ts';
import { DisconnectedError, LibvirtError } from '../../libvirt/index.ts';
import { taskView } from '../tasks/service.ts';
import type { Task, TaskProgress } from '../tasks/schemas.ts';
import type { Deps } from './context.ts';
import { KimchiError } from './errors.ts';
import { fromLibvirt } from './translate.ts';
import type { Locale } from '../i18n/index.ts';
import { hostOf } from '../common/hosts.ts';

/** How often a cancellable task looks for a cancel request (it may come from any handler instance, through SQLite). */
const CANCEL_POLL_MS = 250;

export interface TaskContext {
  id: number;
  /** A progress message (plain text, shown as is), with the figures of a progress bar when there are some. */
  progress(message: string, figures?: TaskProgress): void;
  /**
   * From now on POST /tasks/{id}/cancel may stop the work: `abort` is called once when it is asked. The work then
   * ends by throwing (a KimchiError saying what was left as it was); the task ends as `cancelled`. Pass null to make
   * it not cancellable again (the point of no return).
   */
  onCancel(abort: (() => unknown) | null): void;
  /** True once a cancel was asked and `abort` called. */
  readonly cancelled: boolean;
}

/** Send the task's current row on /api/events (each listener gets it in its own language). */
export function publishTask(deps: Deps, id: number): void {
  const row = getTask(deps.db, id);
  if (row) deps.events.publish({ type: 'task', render: (locale) => taskView(row, locale) });
}

/**
 * Start `work` in the background and return the running Task at once. `work` resolves with the final message
 * ("OK" when empty); a KimchiError or LibvirtError fails the task with its translatable message (or ends it as
 * cancelled when a cancel was asked); anything else fails it with the internal-error message and is logged. `work`
 * must undo its own partial effects.
 */
export function startTask(deps: Deps, locale: Locale, targetUri: string, work: (t: TaskContext) => Promise<string | void>): Task {
  const row = createTask(deps.db, targetUri, '', hostOf(deps));
  let watch: NodeJS.Timeout | undefined;
  let cancelled = false;
  const stopWatching = () => { clearInterval(watch); watch = undefined; };
  const ctx: TaskContext = {
    id: row.id,
    progress: (message, figures) => {
      updateTask(deps.db, row.id, message, figures as Record<string, number> | undefined);
      publishTask(deps, row.id);
    },
    onCancel: (abort) => {
      stopWatching();
      setTaskCancellable(deps.db, row.id, abort !== null);
      publishTask(deps, row.id);
      if (!abort) return;
      watch = setInterval(() => {
        let asked = false;
        try { asked = !!getTask(deps.db, row.id)?.cancelRequested; } catch { stopWatching(); return; } // the store closed: shutting down
        if (!asked) return;
        stopWatching();
        cancelled = true;
        Promise.resolve().then(abort).catch((err) => deps.logger?.warn({ err, task: row.id }, 'aborting a task failed'));
      }, CANCEL_POLL_MS);
      watch.unref();
    },
    get cancelled() { return cancelled; },
  };
  publishTask(deps, row.id);
  // The server may close its store while a task still runs (a stop mid-migration): the task then stays `running` in
  // the database and the next start marks it interrupted; nothing here may throw past that.
  const end = (...args: Parameters<typeof endTask> extends [unknown, unknown, ...infer R] ? R : never) => {
    try {
      endTask(deps.db, row.id, ...args);
      vmListsChanged();
      publishTask(deps, row.id);
    } catch (err) {
      deps.logger?.warn({ err, task: row.id }, 'the task ended after the store closed; the next start marks it interrupted');
    }
  };
  void (async () => {
    try {
      const message = await work(ctx);
      stopWatching();
      end('finished', message || 'OK');
    } catch (e) {
      stopWatching();
      let k: KimchiError;
      if (e instanceof KimchiError) k = e;
      else if (e instanceof LibvirtError) k = fromLibvirt(e);
      else if (e instanceof DisconnectedError) k = new KimchiError(500, 'KCHCONF0001E', { uri: 'libvirt' });
      else {
        deps.logger?.error({ err: e, task: row.id, targetUri }, 'task failed');
        k = new KimchiError(500, 'KCHAPI0006E', { requestId: `task ${row.id}` });
      }
      end(cancelled ? 'cancelled' : 'failed', k.message, k.code, k.params as Record<string, unknown>);
    }
  })();
  return taskView(row, locale);
}
