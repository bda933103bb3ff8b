// Acting on guests from the list: one action or many at once, every outcome reported in a toast, failures with reasons.
import { createSignal } from 'solid-js';
import { ApiError } from '../api/client.ts';
import { cloneVm, deleteVm, vmAction, type VmAction } from '../api/vms.ts';
import { describeFailure } from '../common/failure.ts';
import { toastFailure, toastSuccess, toastTask } from '../common/toast.ts';
import { t, type GuestsKey } from './i18n.ts';
import type { VmStore } from './store.ts';

export type BulkAction = 'start' | 'shutdown' | 'poweroff' | 'delete';
/** How many requests a bulk action keeps in flight (libvirtd serves 5 per client at once). */
const PARALLEL = 4;

const [busy, setBusy] = createSignal<ReadonlyMap<string, string>>(new Map());
/** What a guest is busy with in this page (an action in flight), for aria-busy and to hold a second click. */
export const busyWith = (name: string): string | undefined => busy().get(name);

function mark(name: string, what: string | undefined): void {
  setBusy((map) => {
    const next = new Map(map);
    if (what) next.set(name, what);
    else next.delete(name);
    return next;
  });
}

/** One lifecycle action; the row shows the answer at once (events confirm it). */
export async function act(store: VmStore, name: string, action: VmAction): Promise<void> {
  if (busyWith(name)) return;
  mark(name, action);
  try {
    store.put(await vmAction(name, action));
    toastSuccess(t(`done.${action}` as GuestsKey, { name }));
  } catch (failure) {
    toastFailure(t(`fail.${action}` as GuestsKey, { name }), failure);
  } finally {
    mark(name, undefined);
  }
}

export async function clone(name: string): Promise<void> {
  mark(name, 'clone');
  try {
    toastTask(t('cloning', { name }), await cloneVm(name));
  } catch (failure) {
    toastFailure(t('fail.clone', { name }), failure);
  } finally {
    mark(name, undefined);
  }
}

/** Runs `work` on every name, PARALLEL at a time; resolves with the failures, by name. */
async function each(names: readonly string[], work: (name: string) => Promise<void>, progress?: (done: number) => void) {
  const failures: Array<{ name: string; failure: unknown }> = [];
  let next = 0, done = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      try { await work(name); } catch (failure) { failures.push({ name, failure }); }
      progress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, names.length) }, worker));
  return failures;
}

/** One toast for a bulk action: "3 guests started", and one listing each failure with the server's reason. */
function summarise(action: BulkAction, total: number, failures: Array<{ name: string; failure: unknown }>): void {
  const ok = total - failures.length;
  if (ok > 0) toastSuccess(ok === 1 ? t(`bulkDone.one.${action}`) : t(`bulkDone.${action}`, { count: ok }));
  if (failures.length === 0) return;
  const lines = failures.map(({ name, failure }) => `${name}: ${describeFailure(failure).reason}`);
  const first = describeFailure(failures[0]!.failure);
  toastFailure(t('bulkFail', { count: failures.length, total }), new ApiError(0, first.code ?? 'bulk', lines.join('\n')));
}

/** Start, shut down or power off every named guest (the caller passes only those whose state allows it). */
export async function bulkAct(store: VmStore, action: Exclude<BulkAction, 'delete'>, names: readonly string[]): Promise<void> {
  const todo = names.filter((name) => !busyWith(name)); // a guest already busy (a row action) is not asked twice
  for (const name of todo) mark(name, action);
  const failures = await each(todo, async (name) => {
    try { store.put(await vmAction(name, action)); } finally { mark(name, undefined); }
  });
  summarise(action, todo.length, failures);
}

/** Delete every named guest with the disks its deletion plan listed; the list drops each as it goes. */
export async function bulkDelete(store: VmStore, names: readonly string[], progress?: (done: number) => void): Promise<string[]> {
  const failures = await each(names, async (name) => {
    await deleteVm(name);
    store.remove(name);
  }, progress);
  summarise('delete', names.length, failures);
  return failures.map((f) => f.name);
}
