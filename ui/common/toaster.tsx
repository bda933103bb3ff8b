// Draws the toasts (toast.ts) in a polite live region at the bottom corner (a failure is an alert); each can be dismissed.
// While a modal dialog is open they move where they cover none of it (toaster-place.ts).
import { For, Show, onMount } from 'solid-js';
import { Portal } from 'solid-js/web';
import { t } from './i18n/index.ts';
import { drawerMounted, openTaskDrawer } from '../tasks/drawer-state.ts';
import { dismissToast, toasts } from './toast.ts';
import { placeToaster } from './toaster-place.ts';
import './toaster.css';

export function Toaster() {
  let region!: HTMLDivElement;
  onMount(() => placeToaster(region));
  // Outside #root: a modal dialog makes the page inert, and its outcome must still be heard and dismissable.
  return (
    <Portal>
    <div ref={region} class="toaster" data-place="corner" role="region" aria-label={t('toast.region')} data-testid="toaster">
      <div class="toaster__list" aria-live="polite">
        <For each={toasts()}>
          {(toast) => (
            <div
              class="toast"
              classList={{ [`toast--${toast.kind}`]: true }}
              role={toast.kind === 'error' ? 'alert' : undefined}
              data-testid="toast"
              data-kind={toast.kind}
            >
              <span class="toast__icon" aria-hidden="true" />
              <div class="toast__text">
                <strong class="toast__title">{toast.title}</strong>
                <Show when={toast.detail}>
                  <span class="toast__detail" data-testid="toast-detail">{toast.detail}</span>
                </Show>
                <Show when={toast.task && drawerMounted()}>
                  <button type="button" class="toast__link" data-testid="toast-show-tasks" onClick={() => openTaskDrawer()}>
                    {t('toast.showTasks')}
                  </button>
                </Show>
              </div>
              <button type="button" class="toast__close" aria-label={t('toast.dismiss')} data-testid="toast-dismiss" onClick={() => dismissToast(toast.id)}>
                ×
              </button>
            </div>
          )}
        </For>
      </div>
    </div>
    </Portal>
  );
}
