// Delete a network after confirmation naming it and its VMs; `default` also needs an explicit "I understand" tick.
import { Show, createSignal } from 'solid-js';
import { deleteNetwork, type Network } from '../api/networks.ts';
import { Dialog } from '../common/dialog.tsx';
import { describeFailure, type Failure } from '../common/failure.ts';
import { t } from './i18n.ts';

export interface DeleteNetworkDialogProps {
  network: Network;
  onDone: () => void;
  onClose: () => void;
}

export function DeleteNetworkDialog(props: DeleteNetworkDialogProps) {
  const [running, setRunning] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const [understood, setUnderstood] = createSignal(false);
  const isDefault = () => props.network.name === 'default';

  async function confirm(): Promise<void> {
    setRunning(true);
    setFailure(undefined);
    try {
      await deleteNetwork(props.network.name, isDefault() && understood());
      props.onDone();
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Dialog
      title={t('del.title', { name: props.network.name })}
      testId="network-delete-dialog"
      state={running() ? 'running' : 'ready'}
      busy={running()}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="button" data-testid="network-delete-cancel" disabled={running()} onClick={props.onClose}>
            {t('form.cancel')}
          </button>
          <button type="button" class="button button--danger-solid" data-testid="network-delete-confirm"
            disabled={running() || (isDefault() && !understood())} aria-busy={running() ? 'true' : undefined} onClick={() => void confirm()}>
            {t('del.confirm')}
          </button>
        </>
      }
    >
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
      <Show when={failure()}>
        {(f) => <p class="form-error" role="alert" data-testid="network-delete-error">{f().reason}</p>}
      </Show>
    </Dialog>
  );
}
