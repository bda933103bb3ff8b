// The New guest dialog's firmware and CPU choices (UEFI, Secure Boot, TPM 2.0, CPU mode and model), offered as the host allows.
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Template, VmCreate } from '../../api/index.ts';
import { getMachineOptions } from '../../api/machine.ts';
import { FieldMessage } from '../../common/field.tsx';
import { tf } from '../../vm/firmware-strings.ts';

type CpuMode = '' | 'host-passthrough' | 'host-model' | 'custom';

export function createMachineChoice() {
  const [options] = createResource(() => getMachineOptions().catch(() => undefined));
  const [uefi, setUefi] = createSignal(false);
  const [secureBoot, setSecureBoot] = createSignal(false);
  const [tpm, setTpm] = createSignal(false);
  const [cpuMode, setCpuMode] = createSignal<CpuMode>('');
  const [cpuModel, setCpuModel] = createSignal('');
  const [touched, setTouched] = createSignal(false);
  const touch = <T,>(set: (v: T) => void) => (v: T) => { setTouched(true); set(v); };

  /** A template picked: its settings show, until the user changes one. */
  function adoptTemplate(x: Template | undefined): void {
    if (!x || touched()) return;
    setUefi(x.firmware === 'uefi');
    setSecureBoot(!!x.secure_boot);
    setTpm(!!x.tpm);
    setCpuMode(x.cpu_mode ?? '');
    setCpuModel(x.cpu_model ?? '');
  }
  const problem = () => (cpuMode() === 'custom' && !cpuModel() ? tf('cpuModel.problem') : undefined);
  /** Sent only when the user chose something, so a template's own settings otherwise stand. */
  const body = (): Partial<VmCreate> => {
    if (!touched()) return {};
    const mode = cpuMode();
    return {
      firmware: uefi() ? 'uefi' : 'bios',
      ...(uefi() ? { secure_boot: secureBoot() } : {}),
      tpm: tpm(),
      ...(mode ? { cpu_mode: mode, ...(mode === 'custom' ? { cpu_model: cpuModel() } : {}) } : {}),
    };
  };
  return {
    options, uefi, setUefi: touch(setUefi), secureBoot, setSecureBoot: touch(setSecureBoot), tpm, setTpm: touch(setTpm),
    cpuMode, setCpuMode: touch(setCpuMode), cpuModel, setCpuModel: touch(setCpuModel), adoptTemplate, problem, body,
  };
}
export type MachineChoice = ReturnType<typeof createMachineChoice>;

export function MachineSettings(props: { choice: MachineChoice; disabled: boolean }) {
  const c = props.choice;
  const offers = () => c.options();
  const noUefi = () => offers() !== undefined && !offers()!.firmware.includes('uefi');
  const noTpm = () => offers() !== undefined && !offers()!.tpm;
  const modes = () => offers()?.cpu_modes ?? [];
  const check = (p: { id: string; label: string; hint: string; checked: boolean; off: boolean; set: (v: boolean) => void }) => (
    <>
      <label class="check" title={p.hint}>
        <input type="checkbox" data-testid={`vm-create-${p.id}`} checked={p.checked} disabled={props.disabled || p.off}
          aria-describedby={`vm-create-${p.id}-hint`} onChange={(e) => p.set(e.currentTarget.checked)} />
        <span>{p.label}</span>
      </label>
      <span id={`vm-create-${p.id}-hint`} class="visually-hidden">{p.hint}</span>
    </>
  );
  return (
    <fieldset class="vm-create__machine" data-testid="vm-create-machine">
      <legend class="field__label">{tf('legend')}</legend>
      <div class="vm-create__checks">
        {check({ id: 'uefi', label: tf('uefi'), hint: noUefi() ? tf('uefi.missing') : tf('uefi.hint'), checked: c.uefi(), off: noUefi(),
          set: (v) => { c.setUefi(v); if (!v) c.setSecureBoot(false); } })}
        {check({ id: 'secure-boot', label: tf('secureBoot'), hint: tf('secureBoot.hint'), checked: c.secureBoot(),
          off: !c.uefi() || (offers() !== undefined && !offers()!.secure_boot), set: c.setSecureBoot })}
        {check({ id: 'tpm', label: tf('tpm'), hint: noTpm() ? tf('tpm.missing') : tf('tpm.hint'), checked: c.tpm(), off: noTpm(), set: c.setTpm })}
      </div>
      <Show when={noTpm()}><p class="field__hint" data-testid="vm-create-tpm-missing">{tf('tpm.missing')}</p></Show>
      <div class="field-row">
        <label class="field">
          <span class="field__label">{tf('cpu')}</span>
          <select class="field__input" data-testid="vm-create-cpu-mode" disabled={props.disabled}
            onChange={(e) => c.setCpuMode(e.currentTarget.value as CpuMode)}>
            <option value="" selected={c.cpuMode() === ''}>{tf('cpu.default')}</option>
            <For each={modes()}>{(m) => <option value={m} selected={c.cpuMode() === m}>{tf(`cpu.${m}`)}</option>}</For>
          </select>
        </label>
        <Show when={c.cpuMode() === 'custom'}>
          <label class="field">
            <span class="field__label">{tf('cpuModel')}</span>
            <select class="field__input" data-testid="vm-create-cpu-model" disabled={props.disabled}
              aria-invalid={c.problem() ? 'true' : undefined} onChange={(e) => c.setCpuModel(e.currentTarget.value)}>
              <option value="" selected={!c.cpuModel()}>{tf('cpuModel.pick')}</option>
              <For each={offers()?.cpu_models ?? []}>{(m) => <option value={m} selected={c.cpuModel() === m}>{m}</option>}</For>
            </select>
            <FieldMessage error={c.problem()} />
          </label>
        </Show>
      </div>
    </fieldset>
  );
}
