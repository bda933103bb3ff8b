// New guest: the one-dialog flow (ui/vms/create/dialog.tsx), loaded when it first opens so the Guests tab's first load stays small.
import { lazy } from 'solid-js';

export interface CreateVmDialogProps {
  onClose: () => void;
}

export const CreateVmDialog = lazy(() => import('./create/dialog.tsx').then((m) => ({ default: m.CreateVmDialog })));
