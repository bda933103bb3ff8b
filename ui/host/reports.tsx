// The Host page's debug reports: the list (newest first, dates in the locale), Generate (a Task in a toast),
// Download and Delete (after confirmation); every outcome in a toast.
import { For, Show, createResource, createSignal } from 'solid-js';
import { createDebugReport, deleteDebugReport, listDebugReports, type DebugReport } from '../api/debugreports.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { describeFailure } from '../common/failure.ts';
import { formatDate, formatRelativeTime, plural } from '../common/format.ts';
import { reportFailure } from '../common/report.ts';
import { toastFailure, toastSuccess, toastTask } from '../common/toast.ts';
import { t } from './i18n.ts';

export function DebugReports() {
  const [reports, { refetch }] = createResource(async () => (await listDebugReports()).reverse());
  const [generating, setGenerating] = createSignal(false);
  const [deleting, setDeleting] = createSignal<DebugReport>();

  async function generate(): Promise<void> {
    setGenerating(true);
    try {
      const task = await createDebugReport();
      toastTask(t('reports.generating'), task, () => { setGenerating(false); void refetch(); });
    } catch (e) {
      toastFailure(t('reports.generateFailed'), e);
      setGenerating(false);
    }
  }

  return (
    <div class="host-reports" data-testid="debug-reports" data-state={reports.loading ? 'loading' : reports.error ? 'error' : 'ready'}>
      <div class="host-reports__bar">
        <p class="host-reports__hint">{t('reports.hint')}</p>
        <button type="button" class="button button--primary" data-testid="debug-report-generate" disabled={generating()}
          aria-busy={generating() ? 'true' : undefined} onClick={() => void generate()}>
          {t(generating() ? 'reports.generatingShort' : 'reports.generate')}
        </button>
      </div>
      <Show when={reports.latest} fallback={<p>{reports.error ? t('host.error', { reason: describeFailure(reports.error).reason }) : t('host.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="host-muted" data-testid="debug-reports-empty">{t('reports.empty')}</p>}>
            <p class="host-muted" data-testid="debug-reports-count">{plural(list().length, { one: t('reports.count.one'), other: t('reports.count.other') })}</p>
            <ul class="host-reports__list">
              <For each={list()}>
                {(r) => (
                  <li class="host-report" data-testid="debug-report" data-name={r.name}>
                    <div class="host-report__what">
                      <strong class="host-report__name">{r.name}</strong>
                      <time class="host-muted" datetime={r.time} title={formatDate(r.time, { dateStyle: 'full', timeStyle: 'medium' })} data-testid="debug-report-time">
                        {formatDate(r.time)} · {formatRelativeTime(r.time)}
                      </time>
                    </div>
                    <div class="host-report__actions">
                      <a class="button" href={r.uri} download={`${r.name}.tar.gz`} data-testid="debug-report-download">{t('reports.download')}</a>
                      <button type="button" class="button button--danger" data-testid="debug-report-delete" onClick={() => setDeleting(r)}>
                        {t('reports.delete')}
                      </button>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show when={deleting()}>
        {(r) => (
          <ConfirmDialog title={t('reports.deleteTitle', { name: r().name })} confirmLabel={t('reports.delete')} testId="debug-report-delete-dialog"
            action={() => reportFailure(() => deleteDebugReport(r().name), t('reports.deleteFailed', { name: r().name }))}
            onDone={() => { toastSuccess(t('reports.deleted', { name: r().name })); setDeleting(undefined); void refetch(); }}
            onClose={() => setDeleting(undefined)}>
            <p>{t('reports.deleteBody', { name: r().name })}</p>
          </ConfirmDialog>
        )}
      </Show>
    </div>
  );
}
