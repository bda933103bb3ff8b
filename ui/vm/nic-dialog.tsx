// Add a network interface: on a virtual network, a host bridge or a host NIC (macvtap with its mode), with its model
// (virtio unless the guest needs another) and an optional MAC address.
import { For, Show, createResource, createSignal } from 'solid-js';
import { listInterfaces, listNetworks } from '../api/networks.ts';
import { attachVmIface, type IfaceCreate } from '../api/vm-devices.ts';
import { Field, TextField } from '../common/field.tsx';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { t as common } from '../common/i18n/index.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';

const MODELS = ['virtio', 'e1000e', 'e1000', 'rtl8139'] as const;
const TYPES = ['network', 'bridge', 'direct'] as const;
const MODES = ['bridge', 'vepa', 'private', 'passthrough'] as const;
type Kind = (typeof TYPES)[number];
const MAC = /^[0-9a-fA-F][02468aceACE](:[0-9a-fA-F]{2}){5}$/;

/** A select of names with a first choice picked for the user; `label` may decorate an option. */
function Choice(props: { label: string; testId: string; names: string[]; value: string; onChange: (v: string) => void; error?: string; hint?: string; label2?: (n: string) => string }) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      <select class="field__input" data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <For each={props.names}>{(n) => <option value={n} selected={n === props.value}>{props.label2 ? props.label2(n) : n}</option>}</For>
      </select>
    </Field>
  );
}

export function NicDialog(props: { vm: string; onClose: () => void; onDone: () => void }) {
  const [kind, setKind] = createSignal<Kind>('network');
  const [networks] = createResource(listNetworks);
  // Host interfaces only once a bridge or host NIC is asked for (a read-only user of the host may not list them).
  const [hostIfaces] = createResource(() => (kind() === 'network' ? undefined : true), () => listInterfaces());
  const [picked, setPicked] = createSignal<Partial<Record<Kind, string>>>({});
  const candidates = (k: Kind): string[] => k === 'network'
    ? (networks() ?? []).map((n) => n.name)
    : (hostIfaces() ?? []).filter((i) => (k === 'bridge' ? i.type === 'bridge' : i.type !== 'bridge')).map((i) => i.name);
  const firstActive = () => networks()?.find((n) => n.state === 'active')?.name;
  const chosen = () => picked()[kind()] || (kind() === 'network' ? firstActive() : undefined) || candidates(kind())[0] || '';
  const [mode, setMode] = createSignal<(typeof MODES)[number]>('bridge');
  const [model, setModel] = createSignal<(typeof MODELS)[number]>('virtio');
  const [mac, setMac] = createSignal('');
  const macProblem = () => (mac().trim() === '' || MAC.test(mac().trim()) ? undefined : t('nic.macInvalid'));
  const submission = createSubmission();
  const loading = () => (kind() === 'network' ? networks.loading : hostIfaces.loading);
  const none = () => !loading() && candidates(kind()).length === 0;

  function body(): IfaceCreate {
    const source = kind() === 'network' ? { network: chosen() } : kind() === 'bridge' ? { bridge: chosen() } : { dev: chosen(), mode: mode() };
    return { type: kind(), ...source, model: model(), ...(mac().trim() ? { mac: mac().trim() } : {}) } as IfaceCreate;
  }

  async function submit(): Promise<void> {
    try {
      const nic = await attachVmIface(props.vm, body());
      toastSuccess(t('done.nicAdd', { network: chosen(), name: props.vm }), nic.pending ? t('pendingDetail') : undefined);
      props.onDone();
      props.onClose();
    } catch (e) {
      toastFailure(t('failed.nicAdd', { name: props.vm }), e);
      throw e;
    }
  }

  return (
    <FormDialog title={t('nic.title', { name: props.vm })} testId="vm-nic" submission={submission} valid={chosen() !== '' && !macProblem()}
      cancelLabel={common('dialog.cancel')} submitLabel={t('nic.add')} submittingLabel={t('nic.add')} onSubmit={submit} onClose={props.onClose}>
      <fieldset class="vm-choice">
        <legend class="field__label">{t('nic.type')}</legend>
        <For each={TYPES}>
          {(k) => (
            <label class="vm-check">
              <input type="radio" name="vm-nic-type" value={k} data-testid={`vm-nic-type-${k}`} checked={kind() === k} onChange={() => setKind(k)} />
              {t(`nic.type.${k}`)}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={kind() === 'network'}>
        <Show when={none()}><p class="form-error" role="alert">{t('nic.noNetworks')}</p></Show>
        <Choice label={t('nic.network')} testId="vm-nic-network" names={candidates('network')} value={chosen()} onChange={(v) => setPicked({ ...picked(), network: v })}
          label2={(n) => (networks()?.find((x) => x.name === n)?.state === 'active' ? n : t('nic.inactive', { network: n }))} />
      </Show>
      <Show when={kind() === 'bridge'}>
        <Choice label={t('nic.bridge')} testId="vm-nic-bridge" names={candidates('bridge')} value={chosen()} onChange={(v) => setPicked({ ...picked(), bridge: v })}
          error={none() ? t('nic.noBridges') : undefined} />
      </Show>
      <Show when={kind() === 'direct'}>
        <Choice label={t('nic.dev')} testId="vm-nic-dev" names={candidates('direct')} value={chosen()} onChange={(v) => setPicked({ ...picked(), direct: v })}
          error={none() ? t('nic.noDevs') : undefined} />
        <Choice label={t('nic.mode')} testId="vm-nic-mode" names={[...MODES]} value={mode()} hint={t('nic.modeHint')}
          onChange={(v) => setMode(v as (typeof MODES)[number])} label2={(m) => t(`nic.mode.${m as (typeof MODES)[number]}`)} />
      </Show>
      <Choice label={t('nic.model')} testId="vm-nic-model" names={[...MODELS]} value={model()} onChange={(v) => setModel(v as (typeof MODELS)[number])}
        label2={(m) => (m === 'virtio' ? t('nic.modelDefault') : m)} />
      <TextField label={t('nic.mac')} testId="vm-nic-mac" value={mac()} placeholder="52:54:00:12:34:56" hint={t('nic.macHint')} error={macProblem()} onInput={setMac} />
    </FormDialog>
  );
}
