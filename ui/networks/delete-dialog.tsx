// Delete a network after confirmation naming it and its VMs; `default` also needs an explicit "I understand" tick.
import { For, Show, createSignal } from 'solid-js';
import { deleteNetwork, type Network } from '../api/networks.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { plural } from '../common/format.ts';
import { reportFailure } from '../common/report.ts';
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
      action={() => reportFailure(() => deleteNetwork(props.network.name, isDefault() && understood()), t('toast.deleteFailed', { name: props.network.name }))}
      onDone={props.onDone}
      onClose={props.onClose}
    >
      {(running) => (
        <>
          <p>{t('del.body', { name: props.network.name })}</p>
          <Show when={props.network.vms.length > 0}>
            <p>{t('del.vms', { count: plural(props.network.vms.length, { one: t('net.vms.one'), other: t('net.vms.other') }) })}</p>
            <ul class="network-vms network-vms--scroll" data-testid="network-delete-vms" tabindex="0" aria-label={t('net.vms.list', { name: props.network.name })}>
              <For each={props.network.vms}>{(vm) => <li>{vm}</li>}</For>
            </ul>
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
