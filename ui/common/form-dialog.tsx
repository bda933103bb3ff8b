// A create dialog's frame: the form, its failure line, Cancel and a submit button; all held while the submission runs.
import { Show, createSignal, type JSX } from 'solid-js';
import { Dialog } from './dialog.tsx';
import { describeFailure, type Failure } from './failure.ts';

/** A form's submission state: `run` does one action at a time and keeps its failure for the dialog to show. */
export function createSubmission() {
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  async function run(action: () => Promise<void>): Promise<void> {
    if (saving()) return;
    setSaving(true);
    setFailure(undefined);
    try {
      await action();
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setSaving(false);
    }
  }
  return { saving, failure, run };
}

export type Submission = ReturnType<typeof createSubmission>;

export interface FormDialogProps {
  title: string;
  /** Prefix: data-testid `<id>-dialog`, `<id>-cancel`, `<id>-submit`, `<id>-error`; the form's id is `<id>-form`. */
  testId: string;
  submission: Submission;
  /** The submit button waits for a valid form. */
  valid: boolean;
  cancelLabel: string;
  submitLabel: string;
  submittingLabel: string;
  /** The work, run through the submission once the form is valid. */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: JSX.Element;
}

export function FormDialog(props: FormDialogProps) {
  const saving = () => props.submission.saving();
  const submit = (event: Event) => {
    event.preventDefault();
    if (!props.valid || saving()) return;
    void props.submission.run(props.onSubmit);
  };

  return (
    <Dialog
      title={props.title}
      testId={`${props.testId}-dialog`}
      state={saving() ? 'submitting' : 'editing'}
      busy={saving()}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="button" data-testid={`${props.testId}-cancel`} disabled={saving()} onClick={props.onClose}>
            {props.cancelLabel}
          </button>
          <button type="submit" form={`${props.testId}-form`} class="button button--primary" data-testid={`${props.testId}-submit`}
            disabled={!props.valid || saving()} aria-busy={saving() ? 'true' : undefined}>
            {saving() ? props.submittingLabel : props.submitLabel}
          </button>
        </>
      }
    >
      <form id={`${props.testId}-form`} class="form" onSubmit={submit} novalidate>
        {props.children}
        <Show when={props.submission.failure()}>
          {(f) => <p class="form-error" role="alert" data-testid={`${props.testId}-error`}>{f().reason}</p>}
        </Show>
      </form>
    </Dialog>
  );
}
