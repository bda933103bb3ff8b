// The bar over a selection: how many are selected and the bulk actions that apply to some of them, with their counts.
import { For, Show, createSignal } from 'solid-js';
import { actionAllowed } from '../api/vms.ts';
import { isAdmin } from '../auth/session.ts';
import { bulkAct } from './actions.ts';
import { t } from './i18n.ts';
import type { VmStore } from './store.ts';

const LIFECYCLE = ['start', 'shutdown', 'poweroff'] as const;

export interface BulkBarProps {
  store: VmStore;
  selection: () => readonly string[];
  onClear: () => void;
  onDelete: () => void;
}

export function BulkBar(props: BulkBarProps) {
  const [running, setRunning] = createSignal(false);
  /** The selected guests an action applies to now (the rest are left alone). */
  const applicable = (action: (typeof LIFECYCLE)[number]) =>
    props.selection().filter((n) => { const vm = props.store.byKey[n]; return vm && actionAllowed(vm.state, action); });

  async function run(action: (typeof LIFECYCLE)[number]): Promise<void> {
    if (running()) return; // a second click while the first batch runs would send every request twice
    setRunning(true);
    try { await bulkAct(props.store, action, applicable(action)); } finally { setRunning(false); }
  }

  return (
    <div class="vm-bulk" role="region" aria-label={t('bulk')} data-testid="vm-bulk" aria-busy={running() ? 'true' : undefined}>
      <span class="vm-bulk__count" data-testid="vm-bulk-count" role="status">{t('selected', { count: props.selection().length })}</span>
      <For each={LIFECYCLE}>
        {(action) => (
          <Show when={applicable(action).length > 0}>
            <button type="button" class="button" data-testid={`vm-bulk-${action}`} disabled={running()} onClick={() => void run(action)}>
              {t(`bulk.${action}`, { count: applicable(action).length })}
            </button>
          </Show>
        )}
      </For>
      <Show when={isAdmin()}>
        <button type="button" class="button button--danger" data-testid="vm-bulk-delete" onClick={() => props.onDelete()}>
          {t('bulk.delete', { count: props.selection().length })}
        </button>
      </Show>
      <button type="button" class="button vm-bulk__clear" data-testid="vm-bulk-clear" onClick={() => props.onClear()}>{t('bulk.clear')}</button>
    </div>
  );
}
