// Toasts: every action's outcome as a short message (success, the server's reason, or a Task followed to its end).
// One list for the whole app; <Toaster> (toaster.tsx) draws it. Task toasts also feed the task drawer.
import { createStore } from 'solid-js/store';
import type { Task } from '../api/index.ts';
import { watchTask } from '../tasks/watch.ts';
import { describeFailure } from './failure.ts';

export type ToastKind = 'success' | 'error' | 'task';

export interface Toast {
  id: number;
  kind: ToastKind;
  /** What was done, already translated ("Guest web1 started"). */
  title: string;
  /** A second line: the server's translated reason, or the Task's latest message. */
  detail?: string;
  /** For kind 'task': the Task as last seen. */
  task?: Task;
}

const SUCCESS_MS = 5_000;
const ERROR_MS = 12_000;

// A store, patched in place: a Task's progress changes its toast's text without re-creating the element (which a
// screen reader would announce again, and which would drop focus from its dismiss button).
const [list, setToasts] = createStore<Toast[]>([]);
let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** The toasts now showing, oldest first (reactive). */
export const toasts = (): readonly Toast[] => list;

function add(toast: Omit<Toast, 'id'>, ms?: number): number {
  const id = nextId++;
  setToasts(list.length, { ...toast, id });
  if (ms) timers.set(id, setTimeout(() => dismissToast(id), ms));
  return id;
}

function update(id: number, patch: Partial<Toast>, ms?: number): void {
  setToasts((one) => one.id === id, patch);
  if (ms) {
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => dismissToast(id), ms));
  }
}

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  setToasts((all) => all.filter((one) => one.id !== id));
}

/** Report a success. */
export function toastSuccess(title: string, detail?: string): number {
  return add({ kind: 'success', title, detail }, SUCCESS_MS);
}

/** Report a failure: `failure` is whatever the API client threw (its translated reason is shown). */
export function toastFailure(title: string, failure: unknown): number {
  return add({ kind: 'error', title, detail: describeFailure(failure).reason }, ERROR_MS);
}

/**
 * Follow a Task (a 202's body) in a toast until it ends: its message while running, then success or its failure
 * reason. `onEnd` runs once with the final Task.
 */
export function toastTask(title: string, task: Task, onEnd?: (task: Task) => void): number {
  const id = add({ kind: 'task', title, detail: task.message, task });
  const settle = (current: Task) => {
    if (current.status === 'running') return update(id, { task: current, detail: current.message });
    update(id, { task: current, detail: current.message, kind: current.status === 'finished' ? 'success' : 'error' },
      current.status === 'finished' ? SUCCESS_MS : ERROR_MS);
    onEnd?.(current);
  };
  if (task.status !== 'running') settle(task);
  else watchTask(task, settle);
  return id;
}
