// A modal dialog: title, body and a footer of buttons over a dimmed page; Escape or the backdrop closes it.
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

export function Dialog(props: DialogProps) {
  const titleId = `dialog-title-${++counter}`;
  let panel: HTMLDivElement | undefined;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;

  const close = () => {
    if (!props.busy) props.onClose();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };

  onMount(() => {
    document.addEventListener('keydown', onKey);
    // Focus the first field, else the first button, so keyboard users start inside the dialog.
    const first = panel?.querySelector<HTMLElement>('input, select, textarea') ?? panel?.querySelector<HTMLElement>('button');
    first?.focus();
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    opener?.focus();
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
