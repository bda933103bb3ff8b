// Whether the task drawer is open: one signal, so a Task's toast can open the drawer the header owns.
import { createSignal } from 'solid-js';

const [drawerOpen, setDrawerOpen] = createSignal(false);
/** Set while a drawer is mounted (administrators): only then may a toast offer to open it. */
const [drawerMounted, setDrawerMounted] = createSignal(false);

export { drawerMounted, drawerOpen, setDrawerMounted, setDrawerOpen };

/** Open the drawer (a toast's "Show in task list"). */
export function openTaskDrawer(): void {
  setDrawerOpen(true);
}
