// The VM's snapshots: the list (newest first), "Take snapshot" followed as a Task, and revert or delete, each confirmed.
import { For, Show, createResource, createSignal } from 'solid-js';
import { ApiError } from '../api/index.ts';
import { createVmSnapshot, deleteVmSnapshot, listVmSnapshots, revertVmSnapshot, type VmSnapshot } from '../api/vm-page.ts';
import { isAdmin } from '../auth/session.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { describeFailure } from '../common/failure.ts';
import { formatDate } from '../common/format.ts';
import { toastFailure, toastSuccess, toastTask } from '../common/toast.ts';
import { t, type VmPageKey } from './i18n.ts';
import { latestOf } from '../common/resource.ts';

const STATES = ['running', 'paused', 'shutoff', 'shutdown', 'crashed', 'pmsuspended', 'blocked', 'nostate'];
const WHEN: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'medium' };
const when = (seconds: number) => formatDate(seconds * 1000, WHEN);

export function VmSnapshots(props: { name: string; changes: () => number }) {
  const [bump, setBump] = createSignal(0);
  const [list] = createResource(() => [props.name, props.changes(), bump()] as const, ([name]) => listVmSnapshots(name));
  const [taking, setTaking] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const [confirm, setConfirm] = createSignal<{ kind: 'revert' | 'delete'; s: VmSnapshot }>();
  const reload = () => setBump((n) => n + 1);
  // 404 on the collection itself: the server has no snapshot API (an older build).
  const unavailable = () => list.error instanceof ApiError && list.error.status === 404 && list.error.code === 'KCHAPI0001E';

  async function take(): Promise<void> {
    setTaking(true);
    setFailure(undefined);
    try {
      const task = await createVmSnapshot(props.name);
      await new Promise<void>((resolve) => toastTask(t('done.snapshotTake', { name: props.name }), task, (end) => {
        if (end.status === 'failed') setFailure(t('snapshot.failed', { reason: end.message }));
        resolve();
      }));
    } catch (e) {
      toastFailure(t('failed.snapshotTake', { name: props.name }), e);
      setFailure(t('snapshot.failed', { reason: describeFailure(e).reason }));
    } finally {
      setTaking(false);
      reload();
    }
  }

  async function act(kind: 'revert' | 'delete', s: VmSnapshot): Promise<void> {
    const params = { name: props.name, snapshot: s.name };
    try {
      if (kind === 'revert') await revertVmSnapshot(props.name, s.name);
      else await deleteVmSnapshot(props.name, s.name);
      toastSuccess(t(kind === 'revert' ? 'done.snapshotRevert' : 'done.snapshotDelete', params));
    } catch (e) {
      toastFailure(t(kind === 'revert' ? 'failed.snapshotRevert' : 'failed.snapshotDelete', params), e);
      throw e;
    } finally {
      reload();
    }
  }

  const sorted = () => [...(latestOf(list) ?? [])].sort((a, b) => b.created - a.created);

  return (
    <div class="vm-snapshots" data-testid="vm-snapshots" data-state={unavailable() ? 'unavailable' : list.loading ? 'loading' : 'ready'}>
      <Show when={!unavailable()} fallback={<p class="vm-note">{t('snapshot.unavailable')}</p>}>
        <Show when={failure()}>{(f) => <p class="form-error" role="alert" data-testid="vm-snapshot-error">{f()}</p>}</Show>
        <Show when={!list.error} fallback={<p class="vm-note">{t('devices.loadFailed', { reason: describeFailure(list.error).reason })}</p>}>
          <table class="vm-dtable">
            <thead><tr><th>{t('snapshot.name')}</th><th>{t('snapshot.created')}</th><th>{t('snapshot.state')}</th>
              <Show when={isAdmin()}><th><span class="visually-hidden">{t('snapshot.actions')}</span></th></Show></tr></thead>
            <tbody>
              <For each={sorted()} fallback={<tr><td colSpan={4}>{t('devices.empty')}</td></tr>}>
                {(s: VmSnapshot) => (
                  <tr data-testid="vm-snapshot" data-name={s.name} data-current={s.current ? 'true' : undefined}>
                    <td class="vm-dtable__path">{s.name} <Show when={s.current}><span class="badge badge--running">{t('snapshot.current')}</span></Show></td>
                    <td>{when(s.created)}</td>
                    <td>{STATES.includes(s.state) ? t(`state.${s.state}` as VmPageKey) : s.state}</td>
                    <Show when={isAdmin()}>
                      <td class="vm-dtable__actions">
                        <button type="button" class="button" data-testid="vm-snapshot-revert" onClick={() => setConfirm({ kind: 'revert', s })}>{t('snapshot.revert')}</button>
                        <button type="button" class="button button--danger" data-testid="vm-snapshot-delete" onClick={() => setConfirm({ kind: 'delete', s })}>{t('snapshot.delete')}</button>
                      </td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
        <Show when={isAdmin()}>
          <div class="toolbar vm-section__toolbar">
            <button type="button" class="button" data-testid="vm-snapshot-take" disabled={taking()}
              aria-busy={taking() ? 'true' : undefined} onClick={() => void take()}>
              {taking() ? t('snapshot.taking') : `+ ${t('snapshot.take')}`}
            </button>
          </div>
        </Show>
      </Show>
      <Show when={confirm()} keyed>
        {(c) => (
          <ConfirmDialog testId={`vm-snapshot-${c.kind}-dialog`} partsTestId={`vm-snapshot-${c.kind}`}
            title={t(c.kind === 'revert' ? 'snapshot.revertTitle' : 'snapshot.deleteTitle', { name: props.name, snapshot: c.s.name })}
            confirmLabel={t(c.kind === 'revert' ? 'snapshot.revert' : 'snapshot.delete')}
            action={() => act(c.kind, c.s)} onDone={() => setConfirm(undefined)} onClose={() => setConfirm(undefined)}>
            <p>{t(c.kind === 'revert' ? 'snapshot.revertBody' : 'snapshot.deleteBody', { snapshot: c.s.name })}</p>
          </ConfirmDialog>
        )}
      </Show>
    </div>
  );
}
