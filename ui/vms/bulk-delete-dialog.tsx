// Delete many guests with ONE confirmation: every selected guest with each disk that goes and each kept (and why).
import { For, Show, createSignal, onMount } from 'solid-js';
import { getDeletionPlans, type VmDeletion } from '../api/vms.ts';
import { Dialog } from '../common/dialog.tsx';
import { describeFailure } from '../common/failure.ts';
import { t as common } from '../common/i18n/index.ts';
import { bulkDelete } from './actions.ts';
import { t } from './i18n.ts';
import type { VmStore } from './store.ts';

export interface BulkDeleteProps {
  store: VmStore;
  names: readonly string[];
  onClose: () => void;
  /** Deleting ended; `failed` are the names still there. */
  onDone: (failed: string[]) => void;
}

/** Plans asked in one request (the server reads the host once per request, however many it plans). */
const CHUNK = 200;

export function BulkDeleteDialog(props: BulkDeleteProps) {
  const names = [...props.names];
  const [plans, setPlans] = createSignal<ReadonlyMap<string, VmDeletion>>(new Map());
  const [planErrors, setPlanErrors] = createSignal<ReadonlyArray<{ name: string; reason: string }>>([]);
  const [deleting, setDeleting] = createSignal(false);
  const [done, setDone] = createSignal(0);

  onMount(() => void (async () => {
    for (let at = 0; at < names.length; at += CHUNK) {
      const part = names.slice(at, at + CHUNK);
      try {
        const got = await getDeletionPlans(part);
        setPlans((m) => { const next = new Map(m); for (const p of got) next.set(p.name, p); return next; });
        const missing = part.filter((n) => !got.some((p) => p.name === n));
        if (missing.length) setPlanErrors((list) => [...list, ...missing.map((name) => ({ name, reason: t('bulkDelete.gone') }))]);
      } catch (e) {
        const reason = describeFailure(e).reason;
        setPlanErrors((list) => [...list, ...part.map((name) => ({ name, reason }))]);
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
          {(name) => (
            <Show when={plans().get(name)}>
              {(plan) => (
                <li class="bulk-delete__guest" data-testid="vm-bulk-delete-guest" data-name={name}>
                  <span class="bulk-delete__name" title={name}>{name}</span>
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
