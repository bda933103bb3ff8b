// Edit a guest's firmware, Secure Boot, TPM and CPU (while shut off) and its watchdog and vsock (any time: after the next shutdown).
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Vm } from '../api/index.ts';
import { getMachineOptions, updateVmMachine, type VmMachine, type VmMachineUpdate } from '../api/machine.ts';
import { createSubmission, FormDialog } from '../common/form-dialog.tsx';
import { toastSuccess } from '../common/toast.ts';
import { tf, type FirmwareKey } from './firmware-strings.ts';

type CpuMode = '' | 'host-passthrough' | 'host-model' | 'custom';
const WATCHDOG_MODELS = ['i6300esb', 'ib700'] as const;
const ACTIONS = ['reset', 'shutdown', 'poweroff', 'pause', 'none', 'dump', 'inject-nmi'] as const;

export function FirmwareDialog(props: { vm: Vm; machine: VmMachine; onClose: () => void; onSaved: (m: VmMachine) => void }) {
  const m = props.machine;
  const [options] = createResource(() => getMachineOptions().catch(() => undefined));
  const [uefi, setUefi] = createSignal(m.firmware === 'uefi');
  const [secureBoot, setSecureBoot] = createSignal(m.secure_boot);
  const [tpm, setTpm] = createSignal(m.tpm !== null);
  const [cpuMode, setCpuMode] = createSignal<CpuMode>(m.cpu_mode ?? '');
  const [cpuModel, setCpuModel] = createSignal(m.cpu_model ?? '');
  const [watchdog, setWatchdog] = createSignal<'' | (typeof WATCHDOG_MODELS)[number]>((m.watchdog?.model as 'i6300esb') ?? '');
  const [action, setAction] = createSignal<(typeof ACTIONS)[number]>(m.watchdog?.action ?? 'reset');
  const [vsock, setVsock] = createSignal(m.vsock !== null);
  const [autoCid, setAutoCid] = createSignal(m.vsock?.cid == null);
  const [cid, setCid] = createSignal(m.vsock?.cid != null ? String(m.vsock.cid) : '');
  const submission = createSubmission();
  // The guest's own model stays listed even when the host would not offer it for a new guest.
  const models = () => [...new Set([...(m.cpu_model ? [m.cpu_model] : []), ...(options()?.cpu_models ?? [])])];
  // Firmware, TPM and CPU are the hardware a running guest cannot swap.
  const off = () => props.vm.state === 'shutoff';
  const cidError = () => {
    if (!vsock() || autoCid()) return undefined;
    const n = Number(cid());
    return /^\d+$/.test(cid().trim()) && n >= 3 && n <= 4294967294 ? undefined : tf('vsock.cid');
  };
  const valid = () => !cidError() && !(cpuMode() === 'custom' && !cpuModel());

  /** Only what changed, so a running guest's watchdog edit never touches its firmware. */
  const body = (): VmMachineUpdate => {
    const b: VmMachineUpdate = {};
    if (off()) {
      if (uefi() !== (m.firmware === 'uefi')) b.firmware = uefi() ? 'uefi' : 'bios';
      if (uefi() && secureBoot() !== m.secure_boot) b.secure_boot = secureBoot();
      if (tpm() !== (m.tpm !== null)) b.tpm = tpm();
      if (cpuMode() !== (m.cpu_mode ?? '') || (cpuMode() === 'custom' && cpuModel() !== m.cpu_model)) {
        b.cpu_mode = cpuMode() || null;
        if (cpuMode() === 'custom') b.cpu_model = cpuModel();
      }
    }
    const wd = watchdog() ? { model: watchdog() as 'i6300esb', action: action() } : null;
    if (JSON.stringify(wd) !== JSON.stringify(m.watchdog)) b.watchdog = wd;
    const vs = vsock() ? { cid: autoCid() ? null : Number(cid()) } : null;
    if (JSON.stringify(vs) !== JSON.stringify(m.vsock)) b.vsock = vs;
    return b;
  };

  async function save(): Promise<void> {
    const next = Object.keys(body()).length ? await updateVmMachine(props.vm.name, body()) : m;
    toastSuccess(tf(next.pending_changes ? 'savedPending' : 'saved', { name: props.vm.name }));
    props.onSaved(next);
  }

  const check = (id: string, label: FirmwareKey, checked: boolean, disabled: boolean, set: (v: boolean) => void) => (
    <label class="check">
      <input type="checkbox" data-testid={`vm-machine-${id}`} checked={checked} disabled={disabled} onChange={(e) => set(e.currentTarget.checked)} />
      <span>{tf(label)}</span>
    </label>
  );

  return (
    <FormDialog title={tf('edit.title', { name: props.vm.name })} testId="vm-machine" submission={submission} valid={valid()}
      cancelLabel={tf('cancel')} submitLabel={tf('save')} submittingLabel={tf('saving')} onSubmit={save} onClose={props.onClose}>
      <div class="vm-machine-form">
        <fieldset disabled={!off()} aria-describedby={off() ? undefined : 'vm-machine-off-only'}>
          <legend>{tf('legend')}</legend>
          <Show when={!off()}><p class="field__hint" id="vm-machine-off-only" data-testid="vm-machine-off-only">{tf('edit.shutOffOnly')}</p></Show>
          <div class="checks">
            {check('uefi', 'uefi', uefi(), options()?.firmware.includes('uefi') === false, (v) => { setUefi(v); if (!v) setSecureBoot(false); })}
            {check('secure-boot', 'secureBoot', secureBoot(), !uefi(), setSecureBoot)}
            {check('tpm', 'tpm', tpm(), options()?.tpm === false && m.tpm === null, setTpm)}
          </div>
          <label class="field">
            <span class="field__label">{tf('cpu')}</span>
            <select class="field__input" data-testid="vm-machine-cpu-mode" onChange={(e) => setCpuMode(e.currentTarget.value as CpuMode)}>
              <option value="" selected={cpuMode() === ''}>{tf('cpu.default')}</option>
              <For each={options()?.cpu_modes ?? []}>{(x) => <option value={x} selected={cpuMode() === x}>{tf(`cpu.${x}`)}</option>}</For>
            </select>
          </label>
          <Show when={cpuMode() === 'custom'}>
            <label class="field">
              <span class="field__label">{tf('cpuModel')}</span>
              <select class="field__input" data-testid="vm-machine-cpu-model" onChange={(e) => setCpuModel(e.currentTarget.value)}>
                <option value="" selected={!cpuModel()}>{tf('cpuModel.pick')}</option>
                <For each={models()}>{(x) => <option value={x} selected={cpuModel() === x}>{x}</option>}</For>
              </select>
            </label>
          </Show>
        </fieldset>
        <fieldset>
          <legend>{tf('watchdog')}</legend>
          <div class="field-row">
            <label class="field">
              <span class="field__label">{tf('watchdog.model')}</span>
              <select class="field__input" data-testid="vm-machine-watchdog" onChange={(e) => setWatchdog(e.currentTarget.value as '')}>
                <option value="" selected={watchdog() === ''}>{tf('none')}</option>
                <For each={WATCHDOG_MODELS}>{(x) => <option value={x} selected={watchdog() === x}>{x}</option>}</For>
              </select>
            </label>
            <label class="field">
              <span class="field__label">{tf('watchdog.action')}</span>
              <select class="field__input" data-testid="vm-machine-watchdog-action" disabled={!watchdog()}
                onChange={(e) => setAction(e.currentTarget.value as 'reset')}>
                <For each={ACTIONS}>{(x) => <option value={x} selected={action() === x}>{tf(`action.${x}`)}</option>}</For>
              </select>
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{tf('vsock')}</legend>
          <div class="checks">
            {check('vsock', 'vsock', vsock(), false, setVsock)}
            {check('vsock-auto', 'vsock.autoLabel', autoCid(), !vsock(), setAutoCid)}
          </div>
          <Show when={vsock() && !autoCid()}>
            <label class="field">
              <span class="field__label">{tf('vsock.cid')}</span>
              <input class="field__input" data-testid="vm-machine-cid" inputMode="numeric" value={cid()}
                aria-invalid={cidError() ? 'true' : undefined} onInput={(e) => setCid(e.currentTarget.value)} />
            </label>
          </Show>
          <Show when={vsock() && options()?.vsock === false}><p class="field__hint">{tf('vsock.missing')}</p></Show>
        </fieldset>
      </div>
    </FormDialog>
  );
}
