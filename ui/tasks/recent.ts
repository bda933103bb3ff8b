// The recent Tasks the drawer lists: one read of the newest, then kept live from `task` events (newest first).
import { createMemo, createSignal, onCleanup } from 'solid-js';
import { listTasks, subscribeEvents, type Task } from '../api/index.ts';

/** How many the drawer keeps: Proxmox shows the last 50 too. */
export const RECENT_LIMIT = 50;

const byNewest = (a: Task, b: Task) => Number(b.id) - Number(a.id);

/** Merge a newer state of a task into the list (a task only moves forward: an ended one never goes back to running). */
export function mergeTask(list: readonly Task[], task: Task): Task[] {
  const old = list.find((one) => one.id === task.id);
  if (old && old.status !== 'running' && task.status === 'running') return list as Task[];
  const next = old ? list.map((one) => (one.id === task.id ? task : one)) : [task, ...list].sort(byNewest);
  return next.slice(0, RECENT_LIMIT);
}

export interface RecentTasks {
  tasks: () => readonly Task[];
  running: () => number;
  /** Failed reads leave the list as it was; `error` says the last one failed. */
  error: () => unknown;
  reload: () => Promise<void>;
}

/** Call inside a component: reads the list now and on every reconnect, follows events until cleanup. */
export function createRecentTasks(): RecentTasks {
  const [tasks, setTasks] = createSignal<readonly Task[]>([]);
  const [error, setError] = createSignal<unknown>();
  const running = createMemo(() => tasks().filter((one) => one.status === 'running').length);

  async function reload(): Promise<void> {
    try {
      const fresh = await listTasks(RECENT_LIMIT);
      // Events that arrived while the read was in flight are newer than it: keep them.
      setTasks((seen) => seen.reduce(mergeTask, fresh.sort(byNewest)));
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }

  const stop = subscribeEvents({ task: (task) => setTasks((list) => mergeTask(list, task)), open: () => void reload() });
  onCleanup(stop);
  void reload();
  return { tasks, running, error, reload };
}
