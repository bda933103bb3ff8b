// Add a network interface on one of the host's virtual networks, with its model (virtio unless the guest needs another).
import { For, Show, createResource, createSignal } from 'solid-js';
import { listNetworks } from '../api/networks.ts';
import { attachVmIface } from '../api/vm-devices.ts';
import { Field } from '../common/field.tsx';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { t as common } from '../common/i18n/index.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';

const MODELS = ['virtio', 'e1000e', 'e1000', 'rtl8139'] as const;

export function NicDialog(props: { vm: string; onClose: () => void; onDone: () => void }) {
  const [networks] = createResource(listNetworks);
  const [network, setNetwork] = createSignal('');
  const chosen = () => network() || networks()?.find((n) => n.state === 'active')?.name || networks()?.[0]?.name || '';
  const [model, setModel] = createSignal<(typeof MODELS)[number]>('virtio');
  const submission = createSubmission();

  async function submit(): Promise<void> {
    try {
      const nic = await attachVmIface(props.vm, { type: 'network', network: chosen(), model: model() });
      toastSuccess(t('done.nicAdd', { network: chosen(), name: props.vm }), nic.pending ? t('pendingDetail') : undefined);
      props.onDone();
      props.onClose();
    } catch (e) {
      toastFailure(t('failed.nicAdd', { name: props.vm }), e);
      throw e;
    }
  }

  return (
    <FormDialog title={t('nic.title', { name: props.vm })} testId="vm-nic" submission={submission} valid={chosen() !== ''}
      cancelLabel={common('dialog.cancel')} submitLabel={t('nic.add')} submittingLabel={t('nic.add')} onSubmit={submit} onClose={props.onClose}>
      <Show when={!networks.loading && networks()?.length === 0}><p class="form-error" role="alert">{t('nic.noNetworks')}</p></Show>
      <Field label={t('nic.network')}>
        <select class="field__input" data-testid="vm-nic-network" value={chosen()} onChange={(e) => setNetwork(e.currentTarget.value)}>
          <For each={networks() ?? []}>
            {(n) => <option value={n.name} selected={n.name === chosen()}>{n.state === 'active' ? n.name : t('nic.inactive', { network: n.name })}</option>}
          </For>
        </select>
      </Field>
      <Field label={t('nic.model')}>
        <select class="field__input" data-testid="vm-nic-model" value={model()} onChange={(e) => setModel(e.currentTarget.value as (typeof MODELS)[number])}>
          <For each={MODELS}>{(m) => <option value={m} selected={m === model()}>{m === 'virtio' ? t('nic.modelDefault') : m}</option>}</For>
        </select>
      </Field>
    </FormDialog>
  );
}
