// Confirm removing a disk, with "Also delete the volume" (only while the guest is shut off; otherwise says why).
import { Show, createSignal } from 'solid-js';
import { detachVmStorage } from '../api/vm-devices.ts';
import type { VmStorage } from '../api/vm-page.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';

export function DiskRemoveDialog(props: { vm: string; disk: VmStorage; shutoff: boolean; onClose: () => void; onDone: () => void }) {
  const [alsoVolume, setAlsoVolume] = createSignal(false);
  const dev = () => props.disk.dev;

  async function remove(): Promise<void> {
    const deleting = alsoVolume() && props.shutoff;
    try {
      await detachVmStorage(props.vm, dev(), deleting);
      toastSuccess(t(deleting ? 'disk.removeDeleted' : 'done.diskRemove', { dev: dev(), name: props.vm }));
    } catch (e) {
      toastFailure(t('failed.diskRemove', { dev: dev() }), e);
      throw e;
    } finally {
      props.onDone();
    }
  }

  return (
    <ConfirmDialog title={t('disk.removeTitle', { dev: dev(), name: props.vm })} confirmLabel={alsoVolume() ? t('disk.removeAndDelete') : t('disk.remove')}
      testId="vm-disk-remove-dialog" partsTestId="vm-disk-remove" action={remove} onDone={props.onClose} onClose={props.onClose}>
      {(running) => (
        <>
          <Show when={alsoVolume()} fallback={<p>{t('disk.removeBody', { dev: dev(), path: props.disk.path ?? '' })}</p>}>
            <p>{t('disk.deleteVolumeHint', { dev: dev(), path: props.disk.path ?? '' })}</p>
          </Show>
          <label class="vm-check">
            <input type="checkbox" data-testid="vm-disk-delete-volume" checked={alsoVolume()} disabled={!props.shutoff || running()}
              aria-describedby={props.shutoff ? undefined : 'vm-disk-delete-volume-why'} onChange={(e) => setAlsoVolume(e.currentTarget.checked)} />
            {t('disk.deleteVolume')}
          </label>
          <Show when={!props.shutoff}><p class="field__hint" id="vm-disk-delete-volume-why">{t('disk.deleteVolumeRunning')}</p></Show>
        </>
      )}
    </ConfirmDialog>
  );
}
