// The pool table: type, state, a space bar, autostart and volume count per pool; activate, deactivate, refresh, delete,
// each reported in a toast.
import { For, Show, createSignal } from 'solid-js';
import { deletePool, poolAction, setPoolAutostart, type StoragePool } from '../api/storage.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { formatBytes, plural } from '../common/format.ts';
import { report, reportFailure } from '../common/report.ts';
import { toastSuccess } from '../common/toast.ts';
import { t, type StorageMessageKey } from './i18n.ts';

export interface PoolTableProps {
  pools: StoragePool[];
  selected?: string;
  onSelect: (name: string) => void;
  /** Something changed: read the pools again. */
  onChanged: () => Promise<unknown>;
}

const typeLabel = (type: string) => {
  const key = `pool.type.${type}` as StorageMessageKey;
  return ['dir', 'netfs', 'iscsi', 'logical', 'scsi', 'disk'].includes(type) ? t(key) : type;
};

function SpaceBar(props: { pool: StoragePool }) {
  const used = () => (props.pool.capacity > 0 ? Math.min(100, (props.pool.allocated / props.pool.capacity) * 100) : 0);
  const text = () => t('pool.space', {
    used: formatBytes(props.pool.allocated), capacity: formatBytes(props.pool.capacity), available: formatBytes(props.pool.available),
  });
  return (
    <Show when={props.pool.state === 'active' && props.pool.capacity > 0} fallback={<span class="muted">{t('pool.none')}</span>}>
      <div class="space" data-testid="pool-space">
        <div class="space__bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(used())} aria-label={text()}>
          <div class="space__fill" classList={{ 'space__fill--full': used() > 90 }} style={{ width: `${used()}%` }} />
        </div>
        <span class="space__text">{text()}</span>
      </div>
    </Show>
  );
}

export function PoolTable(props: PoolTableProps) {
  const [pending, setPending] = createSignal<string>();
  const [deleting, setDeleting] = createSignal<StoragePool>();

  async function run(name: string, work: () => Promise<unknown>, done: () => string, failed: StorageMessageKey): Promise<void> {
    setPending(name);
    await report(work, { get done() { return done(); }, failed: t(failed, { name }) });
    await props.onChanged();
    setPending(undefined);
  }
  const volumes = (n: number) => plural(n, { one: t('count.volumes.one'), other: t('count.volumes.other') });
  const activate = (pool: StoragePool, on: boolean) => run(pool.name, () => poolAction(pool.name, on ? 'activate' : 'deactivate'),
    () => t(on ? 'toast.poolActivated' : 'toast.poolDeactivated', { name: pool.name }), on ? 'toast.poolActivateFailed' : 'toast.poolDeactivateFailed');
  const refresh = (pool: StoragePool) => {
    let count = 0;
    return run(pool.name, async () => { count = (await poolAction(pool.name, 'refresh')).nr_volumes; },
      () => t('toast.poolRefreshed', { name: pool.name, volumes: volumes(count) }), 'toast.poolRefreshFailed');
  };
  const autostart = (pool: StoragePool, on: boolean) => run(pool.name, () => setPoolAutostart(pool.name, on),
    () => t(on ? 'toast.autostartOn' : 'toast.autostartOff', { name: pool.name }), 'toast.autostartFailed');

  /** The server deletes only inactive pools; the dialog said an active one is stopped first. */
  async function remove(pool: StoragePool): Promise<void> {
    if (pool.state === 'active') await poolAction(pool.name, 'deactivate');
    await deletePool(pool.name);
  }

  const Row = (p: { pool: StoragePool }) => {
    const busy = () => pending() === p.pool.name;
    const active = () => p.pool.state === 'active';
    const selected = () => props.selected === p.pool.name;
    return (
      <tr data-testid="pool-row" data-name={p.pool.name} data-state={p.pool.state} classList={{ 'is-selected': selected() }}
        aria-selected={selected() ? 'true' : 'false'} aria-busy={busy() ? 'true' : undefined}>
        <td class="storage-table__name" data-label={t('pool.col.name')}>
          <button type="button" class="link-button" data-testid="pool-select" aria-pressed={selected() ? 'true' : 'false'} onClick={() => props.onSelect(p.pool.name)}>
            {p.pool.name}
          </button>
        </td>
        <td data-label={t('pool.col.type')}>{typeLabel(p.pool.type)}</td>
        <td data-label={t('pool.col.state')}><span class={`badge ${active() ? 'badge--running' : ''}`}>{t(active() ? 'pool.state.active' : 'pool.state.inactive')}</span></td>
        <td class="storage-table__space" data-label={t('pool.col.space')}><SpaceBar pool={p.pool} /></td>
        <td data-label={t('pool.col.autostart')}>
          <label class="check" title={t('pool.autostart')}>
            <input type="checkbox" data-testid="pool-autostart" checked={p.pool.autostart} disabled={busy() || !p.pool.persistent}
              aria-label={t('pool.autostart')} onChange={(e) => void autostart(p.pool, e.currentTarget.checked)} />
          </label>
        </td>
        <td class="storage-table__number" data-label={t('pool.col.volumes')} data-testid="pool-volumes">{active() ? p.pool.nr_volumes : t('pool.none')}</td>
        <td class="storage-table__actions"><div class="storage-table__buttons">
          <button type="button" class="button" data-testid="pool-show" disabled={selected()} onClick={() => props.onSelect(p.pool.name)}>
            {t('pool.show')}
          </button>
          <button type="button" class="button" data-testid={active() ? 'pool-deactivate' : 'pool-activate'} disabled={busy()}
            onClick={() => void activate(p.pool, !active())}>
            {t(active() ? 'pool.deactivate' : 'pool.activate')}
          </button>
          <button type="button" class="button" data-testid="pool-refresh" disabled={busy() || !active()}
            onClick={() => void refresh(p.pool)}>
            {t('pool.refresh')}
          </button>
          <button type="button" class="button button--danger" data-testid="pool-delete" disabled={busy()} onClick={() => setDeleting(p.pool)}>
            {t('pool.delete')}
          </button>
        </div></td>
      </tr>
    );
  };

  return (
    <>
      <div class="table-frame">
        <table class="data-table storage-table storage-table--pools" data-testid="pool-list">
          <thead>
            <tr>
              <th>{t('pool.col.name')}</th><th>{t('pool.col.type')}</th><th>{t('pool.col.state')}</th><th>{t('pool.col.space')}</th>
              <th>{t('pool.col.autostart')}</th><th>{t('pool.col.volumes')}</th><th>{t('pool.col.actions')}</th>
            </tr>
          </thead>
          <tbody><For each={props.pools}>{(pool) => <Row pool={pool} />}</For></tbody>
        </table>
      </div>
      <Show when={deleting()}>
        {(pool) => (
          <ConfirmDialog title={t('del.title', { name: pool().name })} confirmLabel={t('del.confirm')} testId="pool-delete-dialog"
            action={() => reportFailure(() => remove(pool()), t('toast.poolDeleteFailed', { name: pool().name }))} onClose={() => setDeleting(undefined)}
            onDone={() => { toastSuccess(t('toast.poolDeleted', { name: pool().name })); setDeleting(undefined); void props.onChanged(); }}>
            <p>{t('del.body', { name: pool().name })}</p>
            <Show when={pool().state === 'active'}><p>{t('del.active')}</p></Show>
          </ConfirmDialog>
        )}
      </Show>
    </>
  );
}
