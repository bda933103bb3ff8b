// The Storage tab: the pool table with "New pool", the selected pool's volumes, and ISO scans below.
import { Match, Show, Switch, createMemo, createResource, createSignal, onCleanup } from 'solid-js';
import { subscribeEvents } from '../api/events.ts';
import { listPools } from '../api/storage.ts';
import { describeFailure } from '../common/failure.ts';
import { toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';
import { IsoScanSection } from './iso-scan.tsx';
import { CreatePoolDialog } from './pool-dialog.tsx';
import { PoolTable } from './pools.tsx';
import { VolumeSection } from './volumes.tsx';
import '../common/controls.css';
import './storage.css';

export interface StoragePageProps {
  /** "Use for a new template" on an ISO scan result; the button shows only when this is given. */
  onPickIso?: (path: string) => void;
}

export function StoragePage(props: StoragePageProps) {
  const [pools, { refetch }] = createResource(listPools);
  const [creating, setCreating] = createSignal(false);
  const [chosen, setChosen] = createSignal<string>();

  // Pools change under us (virsh, another browser): re-read on their events and after reconnecting.
  onCleanup(subscribeEvents({ pool: () => void refetch(), open: () => void refetch() }));

  /** The chosen pool while it exists, else the first active one. */
  const selected = createMemo(() => {
    const list = pools.latest ?? [];
    return list.find((p) => p.name === chosen()) ?? list.find((p) => p.state === 'active');
  });

  return (
    <div class="storage" data-testid="storage-page" data-state={pools.loading ? 'loading' : pools.error ? 'error' : 'ready'}>
      <section class="storage-section">
        <div class="toolbar">
          <h3 class="toolbar__title">{t('pool.title')}</h3>
          <button type="button" class="button button--primary" data-testid="new-pool" onClick={() => setCreating(true)}>{t('pool.new')}</button>
        </div>
        <Switch>
          <Match when={pools.error}>
            <p class="form-error" role="alert" data-testid="pool-list-error">{describeFailure(pools.error).reason}</p>
          </Match>
          <Match when={pools.latest}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="muted" data-testid="pool-empty">{t('pool.empty')}</p>}>
                <PoolTable pools={list()} selected={selected()?.name} onSelect={setChosen} onChanged={async () => { await refetch(); }} />
              </Show>
            )}
          </Match>
          <Match when={true}>
            <p role="status">{t('pool.loading')}</p>
          </Match>
        </Switch>
      </section>
      <Show when={selected()} fallback={<p class="muted storage-section">{t('vol.pick')}</p>}>
        {(pool) => <VolumeSection pool={pool()} onChanged={() => void refetch()} />}
      </Show>
      <IsoScanSection defaultPath={selected()?.path || undefined} onPickIso={props.onPickIso} />
      <Show when={creating()}>
        <CreatePoolDialog onClose={() => setCreating(false)} onCreated={(pool) => { setCreating(false); toastSuccess(t('toast.poolCreated', { name: pool.name })); setChosen(pool.name); void refetch(); }} />
      </Show>
    </div>
  );
}
