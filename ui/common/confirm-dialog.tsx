// Confirm a destructive action: says what will happen, runs it on confirm, keeps the dialog open on failure.
import { Show, createSignal, type Accessor, type JSX } from 'solid-js';
import { Dialog } from './dialog.tsx';
import { describeFailure, type Failure } from './failure.ts';
import { t } from './i18n/index.ts';

export interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  /** data-testid prefix: `<id>` on the dialog, `<id>-confirm`, `<id>-cancel`, `<id>-error`. */
  testId: string;
  /** Prefix for the buttons and the error when it is not testId: `<parts>-confirm`, `<parts>-cancel`, `<parts>-error`. */
  partsTestId?: string;
  /** Holds the confirm button back, e.g. until an "I understand" box is ticked. */
  confirmDisabled?: boolean;
  /** The work; the dialog closes through onDone when it resolves. */
  action: () => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
  /** The explanation; as a function it gets `running` (to disable its own controls while the action runs). */
  children: JSX.Element | ((running: Accessor<boolean>) => JSX.Element);
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [running, setRunning] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const parts = () => props.partsTestId ?? props.testId;
  const body = props.children;

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
          <button type="button" class="button" data-testid={`${parts()}-cancel`} disabled={running()} onClick={props.onClose}>
            {t('dialog.cancel')}
          </button>
          <button
            type="button"
            class="button button--danger-solid"
            data-testid={`${parts()}-confirm`}
            disabled={running() || props.confirmDisabled}
            aria-busy={running() ? 'true' : undefined}
            onClick={() => void confirm()}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      {typeof body === 'function' ? body(running) : body}
      <Show when={failure()}>
        {(f) => <p class="form-error" role="alert" data-testid={`${parts()}-error`}>{f().reason}</p>}
      </Show>
    </Dialog>
  );
}
