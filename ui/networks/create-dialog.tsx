// New network: name and type, then IPv4 subnet/DHCP and an IPv6 prefix (nat, open, isolated) or host interface/VLAN; checked as you type.
import { For, Show, createResource, createSignal, type JSX } from 'solid-js';
import { createNetwork, listInterfaces, type Network } from '../api/networks.ts';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { Field, TextField } from '../common/field.tsx';
import { reportFailure } from '../common/report.ts';
import { CONNECTIONS, checkForm, emptyForm, routedHere, toInput, type NetworkForm } from './form.ts';
import { t, type NetMessageKey } from './i18n.ts';

export interface CreateNetworkDialogProps {
  onClose: () => void;
  onCreated: (network: Network) => void;
}

type TextKey = 'name' | 'subnet' | 'subnet6' | 'dhcpStart' | 'dhcpEnd' | 'vlan';

export function CreateNetworkDialog(props: CreateNetworkDialogProps) {
  const [form, setForm] = createSignal<NetworkForm>(emptyForm());
  const [touched, setTouched] = createSignal<Partial<Record<keyof NetworkForm, boolean>>>({});
  const submission = createSubmission();
  const saving = submission.saving;
  const [ifaces] = createResource(listInterfaces);

  const errors = () => checkForm(form());
  const valid = () => Object.keys(errors()).length === 0;
  const set = <K extends keyof NetworkForm>(key: K, value: NetworkForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched((seen) => ({ ...seen, [key]: true }));
  };
  const choices = () => (ifaces.latest ?? []).filter((i) => (form().connection === 'bridge') === (i.type === 'bridge'));

  // A field's error shows once it was touched, so an empty form does not open in red.
  const error = (key: keyof NetworkForm) => { const k = touched()[key] ? errors()[key] : undefined; return k ? t(k) : undefined; };

  const Text = (p: { key: TextKey; label: NetMessageKey; hint: NetMessageKey; placeholder?: string; inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'] }) => (
    <TextField label={t(p.label)} hint={t(p.hint)} error={error(p.key)} testId={`network-${p.key}`} value={form()[p.key]}
      placeholder={p.placeholder} inputMode={p.inputMode} disabled={saving()} onInput={(value) => set(p.key, value)} />
  );

  async function create(): Promise<void> {
    const input = toInput(form());
    props.onCreated(await reportFailure(() => createNetwork(input), t('toast.createFailed', { name: input.name })));
  }

  return (
    <FormDialog title={t('form.title')} testId="network-create" submission={submission} valid={valid()}
      cancelLabel={t('form.cancel')} submitLabel={t('form.create')} submittingLabel={t('form.creating')}
      onSubmit={create} onClose={props.onClose}>
      <Text key="name" label="form.name" hint="form.nameHint" />
      <Field label={t('form.connection')}>
        <select class="field__input" data-testid="network-connection" value={form().connection} disabled={saving()}
          onChange={(e) => { set('connection', e.currentTarget.value as NetworkForm['connection']); set('iface', ''); }}>
          <For each={CONNECTIONS}>{(c) => <option value={c}>{t(`net.type.${c}`)}</option>}</For>
        </select>
      </Field>
      <Show when={routedHere(form().connection)} fallback={
        <>
          <Field label={t('form.interfaces')} hint={t(form().connection === 'bridge' ? 'form.bridgeHint' : 'form.interfacesHint')}
            error={error('iface')} errorTestId="network-iface-error">
            <select class="field__input" data-testid="network-iface" value={form().iface} disabled={saving()}
              aria-invalid={error('iface') ? 'true' : undefined}
              onChange={(e) => set('iface', e.currentTarget.value)}>
              <option value="">{t('form.pickInterface')}</option>
              <For each={choices()}>{(i) => <option value={i.name}>{i.name} ({i.type}{i.ipaddr ? `, ${i.ipaddr}` : ''})</option>}</For>
            </select>
          </Field>
          <Text key="vlan" label="form.vlan" hint="form.vlanHint" inputMode="numeric" />
        </>
      }>
        <label class="field field--check">
          <input type="checkbox" data-testid="network-ipv4" checked={form().ipv4} disabled={saving()}
            onChange={(e) => set('ipv4', e.currentTarget.checked)} />
          <span>{t('form.ipv4')}</span>
        </label>
        <Show when={form().ipv4}>
          <Text key="subnet" label="form.subnet" hint="form.subnetHint" placeholder="192.168.50.0/24" />
          <div class="field-row">
            <Text key="dhcpStart" label="form.dhcpStart" hint="form.dhcpHint" placeholder="192.168.50.2" />
            <Text key="dhcpEnd" label="form.dhcpEnd" hint="form.dhcpHint" placeholder="192.168.50.254" />
          </div>
        </Show>
        <Text key="subnet6" label="form.subnet6" hint="form.subnet6Hint" placeholder="fd12:3456:789a:1::/64" />
      </Show>
      <label class="field field--check">
        <input type="checkbox" data-testid="network-autostart" checked={form().autostart} disabled={saving()}
          onChange={(e) => set('autostart', e.currentTarget.checked)} />
        <span>{t('form.autostart')}</span>
      </label>
    </FormDialog>
  );
}
