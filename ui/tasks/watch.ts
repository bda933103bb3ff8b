// Following Tasks live: `task` events for the ids we care about, plus one read to catch what came before.
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
