// Acting on guests from the list: one action or many at once, every outcome reported in a toast, failures with reasons.
// Guests are named by their list key (host + name): each request goes to the guest's own host.
import { createSignal } from 'solid-js';
import { ApiError } from '../api/client.ts';
import { cloneVm, deleteVm, vmAction, vmHost, type Vm, type VmAction } from '../api/vms.ts';
import { describeFailure } from '../common/failure.ts';
import { toastFailure, toastSuccess, toastTask } from '../common/toast.ts';
import { t, type GuestsKey } from './i18n.ts';
import type { VmStore } from './store.ts';

export type BulkAction = 'start' | 'shutdown' | 'poweroff' | 'delete';
/** How many requests a bulk action keeps in flight (libvirtd serves 5 per client at once). */
const PARALLEL = 4;

const [busy, setBusy] = createSignal<ReadonlyMap<string, string>>(new Map());
/** What a guest (by key) is busy with in this page (an action in flight), for aria-busy and to hold a second click. */
export const busyWith = (key: string): string | undefined => busy().get(key);

/** The guest a key names, as last seen (its name stands in when it has left the store). */
function guest(store: VmStore, key: string): { name: string; host?: string } {
  const vm: Vm | undefined = store.byKey[key];
  return vm ? { name: vm.name, host: vmHost(vm) } : { name: key.slice(key.indexOf('/') + 1), host: key.slice(0, key.indexOf('/')) };
}

function mark(name: string, what: string | undefined): void {
  setBusy((map) => {
    const next = new Map(map);
    if (what) next.set(name, what);
    else next.delete(name);
    return next;
  });
}

/** One lifecycle action; the row shows the answer at once (events confirm it). */
export async function act(store: VmStore, key: string, action: VmAction): Promise<void> {
  if (busyWith(key)) return;
  const { name, host } = guest(store, key);
  mark(key, action);
  try {
    store.put(await vmAction(name, action, host));
    toastSuccess(t(`done.${action}` as GuestsKey, { name }));
  } catch (failure) {
    toastFailure(t(`fail.${action}` as GuestsKey, { name }), failure);
  } finally {
    mark(key, undefined);
  }
}

export async function clone(store: VmStore, key: string): Promise<void> {
  const { name, host } = guest(store, key);
  mark(key, 'clone');
  try {
    toastTask(t('cloning', { name }), await cloneVm(name, host));
  } catch (failure) {
    toastFailure(t('fail.clone', { name }), failure);
  } finally {
    mark(key, undefined);
  }
}

/** Runs `work` on every key, PARALLEL at a time; resolves with the failures, by key. */
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
function summarise(store: VmStore, action: BulkAction, total: number, failures: Array<{ name: string; failure: unknown }>): void {
  const ok = total - failures.length;
  if (ok > 0) toastSuccess(ok === 1 ? t(`bulkDone.one.${action}`) : t(`bulkDone.${action}`, { count: ok }));
  if (failures.length === 0) return;
  const lines = failures.map(({ name: key, failure }) => `${guest(store, key).name}: ${describeFailure(failure).reason}`);
  const first = describeFailure(failures[0]!.failure);
  toastFailure(t('bulkFail', { count: failures.length, total }), new ApiError(0, first.code ?? 'bulk', lines.join('\n')));
}

/** Start, shut down or power off every guest by key (the caller passes only those whose state allows it). */
export async function bulkAct(store: VmStore, action: Exclude<BulkAction, 'delete'>, keys: readonly string[]): Promise<void> {
  const todo = keys.filter((key) => !busyWith(key)); // a guest already busy (a row action) is not asked twice
  for (const key of todo) mark(key, action);
  const failures = await each(todo, async (key) => {
    const { name, host } = guest(store, key);
    try { store.put(await vmAction(name, action, host)); } finally { mark(key, undefined); }
  });
  summarise(store, action, todo.length, failures);
}

/** Delete every guest by key with the disks its deletion plan listed; the list drops each as it goes. */
export async function bulkDelete(store: VmStore, keys: readonly string[], progress?: (done: number) => void): Promise<string[]> {
  const failures = await each(keys, async (key) => {
    const { name, host } = guest(store, key);
    await deleteVm(name, host);
    store.remove(key);
  }, progress);
  summarise(store, 'delete', keys.length, failures);
  return failures.map((f) => f.name);
}
