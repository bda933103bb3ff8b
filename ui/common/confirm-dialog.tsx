// Confirm a destructive action: says what will happen, runs it on confirm, keeps the dialog open on failure.
import { Show, createSignal, type JSX } from 'solid-js';
import { Dialog } from './dialog.tsx';
import { describeFailure, type Failure } from './failure.ts';
import { t } from './i18n/index.ts';

export interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  /** data-testid prefix: `<id>` on the dialog, `<id>-confirm`, `<id>-cancel`, `<id>-error`. */
  testId: string;
  /** The work; the dialog closes through onDone when it resolves. */
  action: () => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
  children: JSX.Element;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [running, setRunning] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();

  async function confirm(): Promise<void> {
    setRunning(true);
    setFailure(undefined);
    try {
      await props.action();
      props.onDone();
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Dialog
      title={props.title}
      testId={props.testId}
      state={running() ? 'running' : 'ready'}
      busy={running()}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="button" data-testid={`${props.testId}-cancel`} disabled={running()} onClick={props.onClose}>
            {t('dialog.cancel')}
          </button>
          <button
            type="button"
            class="button button--danger-solid"
            data-testid={`${props.testId}-confirm`}
            disabled={running()}
            aria-busy={running() ? 'true' : undefined}
            onClick={() => void confirm()}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
      <Show when={failure()}>
        {(f) => <p class="form-error" role="alert" data-testid={`${props.testId}-error`}>{f().reason}</p>}
      </Show>
    </Dialog>
  );
}
