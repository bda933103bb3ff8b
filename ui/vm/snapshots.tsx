// The VM's snapshots: the list (newest first) and "Take snapshot", followed as a Task until it ends.
import { For, Show, createResource, createSignal } from 'solid-js';
import { ApiError } from '../api/index.ts';
import { createVmSnapshot, listVmSnapshots, type VmSnapshot } from '../api/vm-page.ts';
import { describeFailure } from '../common/failure.ts';
import { locale } from '../common/i18n/index.ts';
import { watchTask } from '../tasks/watch.ts';
import { isAdmin } from '../auth/session.ts';
import { t } from './i18n.ts';

const when = (seconds: number) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(seconds * 1000);

export function VmSnapshots(props: { name: string; changes: () => number }) {
  const [bump, setBump] = createSignal(0);
  const [list, { refetch }] = createResource(() => [props.name, props.changes(), bump()] as const, ([name]) => listVmSnapshots(name));
  const [taking, setTaking] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  // 404 on the collection itself: the server has no snapshot API (an older build).
  const unavailable = () => list.error instanceof ApiError && list.error.status === 404 && list.error.code === 'KCHAPI0001E';

  async function take(): Promise<void> {
    setTaking(true);
    setFailure(undefined);
    try {
      const task = await createVmSnapshot(props.name);
      await new Promise<void>((resolve) => {
        const stop = watchTask(task, (now) => {
          if (now.status === 'running') return;
          stop();
          if (now.status === 'failed') setFailure(t('snapshot.failed', { reason: now.message }));
          resolve();
        });
      });
    } catch (e) {
      setFailure(t('snapshot.failed', { reason: describeFailure(e).reason }));
    } finally {
      setTaking(false);
      setBump((n) => n + 1);
      void refetch();
    }
  }

  const sorted = () => [...(list.latest ?? [])].sort((a, b) => b.created - a.created);

  return (
    <div class="vm-snapshots" data-testid="vm-snapshots" data-state={unavailable() ? 'unavailable' : list.loading ? 'loading' : 'ready'}>
      <Show when={!unavailable()} fallback={<p class="vm-note">{t('snapshot.unavailable')}</p>}>
        <Show when={isAdmin()}>
          <div class="toolbar">
            <button type="button" class="button button--primary" data-testid="vm-snapshot-take" disabled={taking()}
              aria-busy={taking() ? 'true' : undefined} onClick={() => void take()}>
              {taking() ? t('snapshot.taking') : t('snapshot.take')}
            </button>
          </div>
        </Show>
        <Show when={failure()}>{(f) => <p class="form-error" role="alert" data-testid="vm-snapshot-error">{f()}</p>}</Show>
        <Show when={!list.error} fallback={<p class="vm-note">{t('devices.loadFailed', { reason: describeFailure(list.error).reason })}</p>}>
          <table class="vm-table">
            <thead><tr><th>{t('snapshot.name')}</th><th>{t('snapshot.created')}</th><th>{t('snapshot.state')}</th></tr></thead>
            <tbody>
              <For each={sorted()} fallback={<tr><td colSpan={3}>{t('devices.empty')}</td></tr>}>
                {(s: VmSnapshot) => (
                  <tr data-testid="vm-snapshot" data-name={s.name}>
                    <td>{s.name} <Show when={s.current}><span class="badge badge--running">{t('snapshot.current')}</span></Show></td>
                    <td>{when(s.created)}</td>
                    <td>{s.state}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
    </div>
  );
}
