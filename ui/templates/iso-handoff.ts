// Hands an ISO picked on the Storage page to the Templates page's "New template" dialog.
import { createSignal } from 'solid-js';

const [pending, setPending] = createSignal<string>();

/** The ISO waiting for a new template (read once by the Templates page). */
export const pendingIso = pending;

export function clearPendingIso(): void {
  setPending(undefined);
}

/** Ask for a new template from `path`; `show` switches to the Templates tab. */
export function newTemplateFromIso(path: string, show: () => void): void {
  setPending(path);
  show();
}
