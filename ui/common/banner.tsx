// The global error banner: what failed, Retry, and the debug report the admin can still ask for.
import { Show, createSignal } from 'solid-js';
import { t } from './i18n/index.ts';
import type { ServerProblem } from './server-state.ts';
import './banner.css';

export interface ErrorBannerProps {
  problem: ServerProblem;
  /** A recheck is in flight: Retry is disabled until it answers. */
  retrying: boolean;
  onRetry: () => void;
}

export function ErrorBanner(props: ErrorBannerProps) {
  // Debug reports arrive with a later issue; until then the button says so instead of failing.
  const [debugNote, setDebugNote] = createSignal(false);

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
        <Show when={debugNote()}>
          <p class="banner__note" role="status" data-testid="debug-report-message">
            {t('banner.debugReportUnavailable')}
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
        <button type="button" class="button" data-testid="debug-report" onClick={() => setDebugNote(true)}>
          {t('banner.debugReport')}
        </button>
      </div>
    </section>
  );
}
