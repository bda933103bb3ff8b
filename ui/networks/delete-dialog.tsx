// Delete a network after confirmation naming it and its VMs; `default` also needs an explicit "I understand" tick.
import { Show, createSignal } from 'solid-js';
import { deleteNetwork, type Network } from '../api/networks.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { t } from './i18n.ts';

export interface DeleteNetworkDialogProps {
  network: Network;
  onDone: () => void;
  onClose: () => void;
}

export function DeleteNetworkDialog(props: DeleteNetworkDialogProps) {
  const [understood, setUnderstood] = createSignal(false);
  const isDefault = () => props.network.name === 'default';

  return (
    <ConfirmDialog
      title={t('del.title', { name: props.network.name })}
      confirmLabel={t('del.confirm')}
      testId="network-delete-dialog"
      partsTestId="network-delete"
      confirmDisabled={isDefault() && !understood()}
      action={() => deleteNetwork(props.network.name, isDefault() && understood())}
      onDone={props.onDone}
      onClose={props.onClose}
    >
      {(running) => (
        <>
          <p>{t('del.body', { name: props.network.name })}</p>
          <Show when={props.network.vms.length > 0}>
            <p data-testid="network-delete-vms">{t('del.vms', { vms: props.network.vms.join(', ') })}</p>
          </Show>
          <Show when={isDefault()}>
            <p class="form-error" data-testid="network-delete-default-warning">{t('del.default')}</p>
            <label class="field field--check">
              <input type="checkbox" data-testid="network-delete-understood" checked={understood()} disabled={running()}
                onChange={(e) => setUnderstood(e.currentTarget.checked)} />
              <span>{t('del.defaultConfirm')}</span>
            </label>
          </Show>
        </>
      )}
    </ConfirmDialog>
  );
}
