// Runs one user action and reports its outcome in a toast: success with a title, or failure with the server's reason.
import { toastFailure, toastSuccess } from './toast.ts';

export interface Outcome {
  /** Shown when the work resolves ("Network lab activated"). */
  done: string;
  /** Shown above the server's translated reason when it throws ("Could not activate lab"). */
  failed: string;
}

/** Run `work`, toast its outcome; resolves true on success. Never throws (the toast is the report). */
export async function report(work: () => Promise<unknown>, outcome: Outcome): Promise<boolean> {
  try {
    await work();
    toastSuccess(outcome.done);
    return true;
  } catch (e) {
    toastFailure(outcome.failed, e);
    return false;
  }
}

/**
 * For a dialog's action: toast a failure and throw it on, so the dialog stays open with the reason beside the form;
 * a success is toasted by the caller once the dialog has closed.
 */
export async function reportFailure<T>(work: () => Promise<T>, failed: string): Promise<T> {
  try {
    return await work();
  } catch (e) {
    toastFailure(failed, e);
    throw e;
  }
}
