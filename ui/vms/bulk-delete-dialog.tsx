// Delete many guests with ONE confirmation: every selected guest with each disk that goes and each kept (and why).
import { For, Show, createSignal, onMount } from 'solid-js';
import { getDeletionPlans, vmHost, type VmDeletion } from '../api/vms.ts';
import { Dialog } from '../common/dialog.tsx';
import { describeFailure } from '../common/failure.ts';
import { t as common } from '../common/i18n/index.ts';
import { bulkDelete } from './actions.ts';
import { t } from './i18n.ts';
import type { VmStore } from './store.ts';

export interface BulkDeleteProps {
  store: VmStore;
  /** The guests' keys in the store (host + name). */
  keys: readonly string[];
  onClose: () => void;
  /** Deleting ended; `failed` are the keys still there. */
  onDone: (failed: string[]) => void;
}

/** Plans asked in one request (the server reads the host once per request, however many it plans). */
const CHUNK = 200;

export function BulkDeleteDialog(props: BulkDeleteProps) {
  const names = [...props.keys];
  const nameOf = (key: string) => props.store.byKey[key]?.name ?? key;
  // Plans are asked per host (All hosts): each host plans its own guests.
  const hosts = new Map<string, string[]>();
  for (const key of names) {
    const vm = props.store.byKey[key];
    const host = vm ? vmHost(vm) : key.slice(0, key.indexOf('/'));
    hosts.set(host, [...(hosts.get(host) ?? []), key]);
  }
  const [plans, setPlans] = createSignal<ReadonlyMap<string, VmDeletion>>(new Map());
  const [planErrors, setPlanErrors] = createSignal<ReadonlyArray<{ name: string; reason: string }>>([]);
  const [deleting, setDeleting] = createSignal(false);
  const [done, setDone] = createSignal(0);

  onMount(() => void (async () => {
    for (const [host, keys] of hosts) {
      for (let at = 0; at < keys.length; at += CHUNK) {
        const part = keys.slice(at, at + CHUNK);
        try {
          const got = await getDeletionPlans(part.map(nameOf), host);
          setPlans((m) => {
            const next = new Map(m);
            for (const key of part) { const plan = got.find((p) => p.name === nameOf(key)); if (plan) next.set(key, plan); }
            return next;
          });
          const missing = part.filter((k) => !got.some((p) => p.name === nameOf(k)));
          if (missing.length) setPlanErrors((list) => [...list, ...missing.map((k) => ({ name: nameOf(k), reason: t('bulkDelete.gone') }))]);
        } catch (e) {
          const reason = describeFailure(e).reason;
          setPlanErrors((list) => [...list, ...part.map((k) => ({ name: nameOf(k), reason }))]);
        }
      }
    }
  })());

  const loading = () => plans().size + planErrors().length < names.length;
  const disks = () => [...plans().values()].reduce((n, p) => n + p.delete.length, 0);
  const state = () => (deleting() ? 'deleting' : loading() ? 'loading' : planErrors().length ? 'error' : 'ready');

  async function confirm(): Promise<void> {
    setDeleting(true);
    try {
      props.onDone(await bulkDelete(props.store, names, setDone));
    } finally {
      setDeleting(false);
    }
  }

  return (
    <Dialog
      title={t('bulkDelete.title', { count: names.length })}
      testId="vm-bulk-delete-dialog"
      state={state()}
      busy={deleting()}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="button" data-testid="vm-bulk-delete-cancel" disabled={deleting()} onClick={props.onClose}>
            {common('dialog.cancel')}
          </button>
          <Show when={state() === 'ready' || state() === 'deleting'}>
            <button type="button" class="button button--danger-solid" data-testid="vm-bulk-delete-confirm"
              aria-busy={deleting() ? 'true' : undefined} onClick={() => { if (!deleting()) void confirm(); }}>
              {deleting() ? t('bulkDelete.deleting', { done: done(), total: names.length }) : t('bulkDelete.confirm', { count: names.length })}
            </button>
          </Show>
        </>
      }
    >
      <p>{t('bulkDelete.intro')}</p>
      <Show when={loading()}>
        <p role="status">{t('bulkDelete.loading', { done: plans().size + planErrors().length, total: names.length })}</p>
      </Show>
      <For each={planErrors()}>
        {(e) => <p class="form-error" role="alert" data-testid="vm-bulk-delete-plan-error">{t('bulkDelete.planFailed', e)}</p>}
      </For>
      <Show when={!loading()}>
        <p class="bulk-delete__summary" data-testid="vm-bulk-delete-summary">{t('bulkDelete.summary', { guests: names.length, disks: disks() })}</p>
      </Show>
      <ul class="bulk-delete" data-testid="vm-bulk-delete-list">
        <For each={names}>
          {(key) => (
            <Show when={plans().get(key)}>
              {(plan) => (
                <li class="bulk-delete__guest" data-testid="vm-bulk-delete-guest" data-name={nameOf(key)}>
                  <span class="bulk-delete__name" title={nameOf(key)}>{nameOf(key)}</span>
                  <ul class="deletion__list">
                    <Show when={plan().delete.length > 0} fallback={<li class="deletion__none">{t('bulkDelete.noDisk')}</li>}>
                      <For each={plan().delete}>
                        {(disk) => (
                          <li class="deletion__item deletion__item--delete" data-testid="deletion-delete-item" data-path={disk.path}>
                            <span class="deletion__why">{t('bulkDelete.deletes')}</span> <span class="deletion__path">{disk.path}</span>
                          </li>
                        )}
                      </For>
                    </Show>
                    <For each={plan().keep}>
                      {(disk) => (
                        <li class="deletion__item" data-testid="deletion-keep-item" data-path={disk.path}>
                          <span class="deletion__why">{t('bulkDelete.keeps')}</span> <span class="deletion__path">{disk.path}</span>
                          <span class="deletion__why"> — {disk.message}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </li>
              )}
            </Show>
          )}
        </For>
      </ul>
    </Dialog>
  );
}
