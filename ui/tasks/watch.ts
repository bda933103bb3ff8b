// Following Tasks live: `task` events for the ids we care about, plus one read to catch what came before.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { getTask, subscribeEvents, type Task } from '../api/index.ts';

const ended = (task: Task) => task.status !== 'running';

/**
 * Call `onUpdate` with every new state of task `id` until it ends. An answer that is older than what we
 * already know (a "running" read after a "finished" event) is dropped. Returns the function that stops it.
 */
export function watchTask(first: Task, onUpdate: (task: Task) => void): () => void {
  let current = first;
  let stop = () => {};
  const update = (task: Task) => {
    if (task.id !== first.id || ended(current)) return;
    current = task;
    onUpdate(task);
    if (ended(task)) stop();
  };
  if (ended(first)) return () => {};
  stop = subscribeEvents({ task: update, open: () => void getTask(first.id).then(update, () => {}) });
  // Events sent before we subscribed are lost; one read fills the gap.
  void getTask(first.id).then(update, () => {});
  return () => stop();
}

export interface TaskList {
  tasks: Accessor<Task[]>;
  /** Start showing (and following) a task returned by a 202. */
  track: (task: Task) => void;
  dismiss: (id: string) => void;
}

/** The tasks a page started, kept live; call inside a component (watchers stop with it). */
export function createTaskList(onEnd?: (task: Task) => void): TaskList {
  const [tasks, setTasks] = createSignal<Task[]>([]);
  const stops = new Map<string, () => void>();

  const replace = (task: Task) => setTasks((list) => list.map((one) => (one.id === task.id ? task : one)));

  function track(task: Task): void {
    setTasks((list) => [...list.filter((one) => one.id !== task.id), task]);
    stops.set(task.id, watchTask(task, (next) => {
      replace(next);
      if (next.status !== 'running') onEnd?.(next);
    }));
  }

  function dismiss(id: string): void {
    stops.get(id)?.();
    stops.delete(id);
    setTasks((list) => list.filter((one) => one.id !== id));
  }

  onCleanup(() => {
    for (const stop of stops.values()) stop();
  });
  return { tasks, track, dismiss };
}
