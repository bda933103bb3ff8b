// A migration Task as the user follows it: a progress bar with what was sent, what is left and the expected pause,
// and an Abort button while the Task can still be cancelled.
import { Show, createSignal } from 'solid-js';
import { cancelTask, type ProgressTask } from '../api/migration.ts';
import { formatBytes, formatBytesRate, formatPercent } from '../common/format.ts';
import { toastFailure } from '../common/toast.ts';
import { t } from './i18n.ts';

export interface MigrationProgressProps {
  task: ProgressTask;
  name: string;
  destination: string;
}

export function MigrationProgress(props: MigrationProgressProps) {
  const [aborting, setAborting] = createSignal(false);
  const p = () => props.task.progress;
  const running = () => props.task.status === 'running';
  const details = () => {
    const now = p();
    if (!now) return [];
    const parts: string[] = [];
    // Done as the percent counts it (total − remaining): libvirt's data_processed leaves out pages it skipped (zeroes),
    // so "728 KiB of 64 MiB" beside 66% read as a contradiction.
    const done = now.data_remaining !== undefined ? now.data_total - now.data_remaining : now.data_processed ?? 0;
    if (now.data_total) parts.push(t('progress.data', { done: formatBytes(done), total: formatBytes(now.data_total) }));
    if (now.data_remaining !== undefined && running()) parts.push(t('progress.remaining', { remaining: formatBytes(now.data_remaining) }));
    if (now.memory_dirty_rate) parts.push(t('progress.dirty', { rate: formatBytesRate(now.memory_dirty_rate) }));
    // An offline copy has no switch-over pause: 0 is left out.
    if (now.expected_downtime_ms && running()) parts.push(t('progress.downtime', { ms: now.expected_downtime_ms }));
    if (now.elapsed_ms !== undefined) parts.push(t('progress.elapsed', { seconds: Math.round(now.elapsed_ms / 1000) }));
    return parts;
  };

  async function abort(): Promise<void> {
    setAborting(true);
    try {
      await cancelTask(props.task.id);
    } catch (failure) {
      toastFailure(t('abortFailed', { name: props.name }), failure);
      setAborting(false);
    }
  }

  return (
    <div class="migration-progress" data-testid="migration-progress" data-state={props.task.status}
      data-percent={p() ? Math.round(p()!.percent) : undefined}>
      <p class="migration-progress__title">{t('progress', { name: props.name, host: props.destination })}</p>
      <div class="migration-progress__bar">
        {/* No number yet: an indeterminate bar (no value) says "working" without claiming 0 %. A progress element's
            value property refuses undefined (it throws), so the two bars are two elements. */}
        <Show when={p()} fallback={<progress max="100" data-testid="migration-progress-bar" aria-label={t('progress.label', { name: props.name })} />}>
          {(now) => <progress max="100" value={now().percent} data-testid="migration-progress-bar" aria-label={t('progress.label', { name: props.name })} />}
        </Show>
        <span class="migration-progress__percent" data-testid="migration-progress-percent">
          {p() ? formatPercent(p()!.percent) : t('progress.waiting')}
        </span>
      </div>
      <Show when={details().length > 0}>
        <p class="migration-progress__details" data-testid="migration-progress-details">{details().join(' · ')}</p>
      </Show>
      <Show when={props.task.status !== 'running' && props.task.message}>
        <p class="migration-progress__message" classList={{ 'form-error': props.task.status !== 'finished' }} role="status"
          data-testid="migration-progress-message">{props.task.message}</p>
      </Show>
      <Show when={running() && props.task.cancellable !== false}>
        <button type="button" class="button button--danger" data-testid="migration-abort" disabled={aborting()}
          aria-busy={aborting() ? 'true' : undefined} onClick={() => void abort()}>
          {aborting() ? t('aborting') : t('abort')}
        </button>
      </Show>
    </div>
  );
}
