// A modal dialog: title, body and a footer of buttons over an inert, dimmed page; focus stays inside, Escape or the
// backdrop closes it, and focus returns to what opened it.
import { onCleanup, onMount, type JSX } from 'solid-js';
import { Portal } from 'solid-js/web';
import { t } from './i18n/index.ts';
import './controls.css';
import './dialog.css';

export interface DialogProps {
  title: string;
  /** data-testid of the dialog element. */
  testId: string;
  /** Mirrored as data-state so tests (and styles) can wait on the dialog's phase. */
  state?: string;
  /** While true, Escape and the backdrop do not close it (a request is in flight). */
  busy?: boolean;
  onClose: () => void;
  children: JSX.Element;
  footer: JSX.Element;
}

let counter = 0;
/** Open dialogs, innermost last: only it answers Escape and Tab; everything under it is inert. */
const stack: HTMLElement[] = [];

/** What Tab may reach inside `root`, in order (visible, enabled, not taken out of the tab order). */
function tabbables(root: HTMLElement): HTMLElement[] {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable=true]';
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((el) =>
    el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
}

/** The page and every dialog but the innermost are inert (no focus, no clicks, hidden from assistive tech). */
function syncInert(): void {
  const root = document.getElementById('root');
  if (root) root.inert = stack.length > 0;
  stack.forEach((el, i) => {
    const backdrop = el.parentElement;
    if (backdrop) backdrop.inert = i < stack.length - 1;
  });
}

export function Dialog(props: DialogProps) {
  const titleId = `dialog-title-${++counter}`;
  let panel: HTMLDivElement | undefined;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;

  const close = () => {
    if (!props.busy) props.onClose();
  };
  const onKey = (event: KeyboardEvent) => {
    if (!panel || stack.at(-1) !== panel) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      // Focus stays inside: Tab from the last control goes to the first, Shift+Tab from the first to the last.
      const all = tabbables(panel);
      if (!all.length) return event.preventDefault();
      const at = all.indexOf(document.activeElement as HTMLElement);
      const to = event.shiftKey ? (at <= 0 ? all.length - 1 : -1) : (at === all.length - 1 || at < 0 ? 0 : -1);
      if (to >= 0) {
        event.preventDefault();
        all[to].focus();
      }
    }
  };

  onMount(() => {
    if (panel) stack.push(panel);
    syncInert();
    document.addEventListener('keydown', onKey);
    // Focus the first field, else the first button, so keyboard users start inside the dialog.
    const first = panel?.querySelector<HTMLElement>('input, select, textarea') ?? panel?.querySelector<HTMLElement>('button');
    first?.focus();
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    const at = panel ? stack.indexOf(panel) : -1;
    if (at >= 0) stack.splice(at, 1);
    syncInert();
    // Back to what opened it, if that is still on the page (a deleted row's button is not).
    if (opener?.isConnected) opener.focus();
  });

  return (
    <Portal>
      <div class="dialog__backdrop" onClick={(event) => event.target === event.currentTarget && close()}>
        <div
          ref={panel}
          class="dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
          aria-busy={props.busy ? 'true' : undefined}
          data-testid={props.testId}
          data-state={props.state}
        >
          <header class="dialog__header">
            <h2 id={titleId} class="dialog__title">
              {props.title}
            </h2>
            <button type="button" class="dialog__close" aria-label={t('dialog.close')} disabled={props.busy} onClick={close}>
              ×
            </button>
          </header>
          <div class="dialog__body">{props.children}</div>
          <footer class="dialog__footer">{props.footer}</footer>
        </div>
      </div>
    </Portal>
  );
}
