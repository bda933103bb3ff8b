// The global error banner: what failed, Retry, and the debug report the admin can still ask for.
import { Match, Show, Switch, createSignal } from 'solid-js';
import { generateDebugReport } from '../api/debugreports.ts';
import { isAdmin } from '../auth/session.ts';
import { describeFailure } from './failure.ts';
import { t } from './i18n/index.ts';
import type { ServerProblem } from './server-state.ts';
import './banner.css';

export interface ErrorBannerProps {
  problem: ServerProblem;
  /** A recheck is in flight: Retry is disabled until it answers. */
  retrying: boolean;
  onRetry: () => void;
}

type Report = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; name: string } | { kind: 'failed'; reason: string };

export function ErrorBanner(props: ErrorBannerProps) {
  // The debug report: made as a task on the server (it works in error mode), then downloaded by the browser.
  const [report, setReport] = createSignal<Report>({ kind: 'idle' });
  const doneName = () => { const r = report(); return r.kind === 'done' ? r.name : undefined; };
  const failedReason = () => { const r = report(); return r.kind === 'failed' ? r.reason : undefined; };

  async function generate(): Promise<void> {
    if (report().kind === 'running') return;
    setReport({ kind: 'running' });
    try {
      setReport({ kind: 'done', name: (await generateDebugReport()).name });
    } catch (e) {
      setReport({ kind: 'failed', reason: describeFailure(e).reason });
    }
  }

  return (
    <section class="banner" role="alert" data-testid="error-banner" aria-labelledby="banner-title">
      <div class="banner__text">
        <h2 id="banner-title" class="banner__title">
          {t('banner.title')}
        </h2>
        <p class="banner__reason" data-testid="error-reason">
          {props.problem.reason}
        </p>
        <Show when={props.problem.code}>
          {(code) => (
            <p class="banner__code" data-testid="error-code">
              {t('banner.code', { code: code() })}
            </p>
          )}
        </Show>
        <p class="banner__hint">{t('banner.disabled')}</p>
        <Show when={report().kind !== 'idle'}>
          <p
            class="banner__note"
            role={report().kind === 'failed' ? 'alert' : 'status'}
            data-testid="debug-report-message"
            data-state={report().kind}
          >
            <Switch>
              <Match when={report().kind === 'running'}>{t('banner.debugReportRunning')}</Match>
              <Match when={doneName()}>{(name) => t('banner.debugReportDone', { name: name() })}</Match>
              <Match when={failedReason()}>{(reason) => t('banner.debugReportFailed', { reason: reason() })}</Match>
            </Switch>
          </p>
        </Show>
      </div>
      <div class="banner__actions">
        <button
          type="button"
          class="button button--primary"
          data-testid="retry"
          disabled={props.retrying}
          aria-busy={props.retrying}
          onClick={() => props.onRetry()}
        >
          {props.retrying ? t('banner.retrying') : t('banner.retry')}
        </button>
        <Show when={isAdmin()}>
          <button
            type="button"
            class="button"
            data-testid="debug-report"
            disabled={report().kind === 'running'}
            aria-busy={report().kind === 'running'}
            onClick={() => void generate()}
          >
            {report().kind === 'running' ? t('banner.debugReportRunning') : t('banner.debugReport')}
          </button>
        </Show>
      </div>
    </section>
  );
}
