// Dialogs that change one part of the VM through PUT /vms/:name: vCPUs, memory, boot order or description.
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { updateVm, type Vm, type VmUpdate } from '../api/index.ts';
import { Dialog } from '../common/dialog.tsx';
import { TextField } from '../common/field.tsx';
import { describeFailure } from '../common/failure.ts';
import { t, type VmPageKey } from './i18n.ts';

export type EditKind = 'cpu' | 'memory' | 'boot' | 'description';
type BootDevice = 'hd' | 'cdrom' | 'network';
const BOOT_DEVICES: readonly BootDevice[] = ['hd', 'cdrom', 'network'];

const TITLE: Record<EditKind, VmPageKey> = { cpu: 'edit.cpu', memory: 'edit.memory', boot: 'edit.boot', description: 'edit.description' };

function intError(text: string, min: number, max: number): string | undefined {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && n >= min && n <= max ? undefined : t('invalid.int', { min, max });
}

function NumberField(props: { id: string; label: VmPageKey; value: string; error?: string; onInput: (v: string) => void }) {
  return <TextField label={t(props.label)} error={props.error} testId={props.id} value={props.value} inputMode="numeric" onInput={props.onInput} />;
}

export function EditVmDialog(props: { vm: Vm; kind: EditKind; onClose: () => void; onSaved: (vm: Vm) => void }) {
  const [vcpus, setVcpus] = createSignal(String(props.vm.cpu_info.vcpus));
  const [maxvcpus, setMaxvcpus] = createSignal(String(props.vm.cpu_info.maxvcpus));
  const [current, setCurrent] = createSignal(String(props.vm.memory.current));
  const [maxmemory, setMaxmemory] = createSignal(String(props.vm.memory.maxmemory));
  const [boot, setBoot] = createSignal<BootDevice[]>(props.vm.bootorder.filter((d): d is BootDevice => BOOT_DEVICES.includes(d as BootDevice)));
  const [description, setDescription] = createSignal(props.vm.description);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();

  const le = (a: string, b: string) => (Number(a) > Number(b) ? t('invalid.le', { max: b }) : undefined);
  const errors = () => {
    switch (props.kind) {
      case 'cpu': {
        const max = intError(maxvcpus(), 1, 4096);
        return { maxvcpus: max, vcpus: intError(vcpus(), 1, 4096) ?? (max ? undefined : le(vcpus(), maxvcpus())) };
      }
      case 'memory': {
        const max = intError(maxmemory(), 16, 16 * 1024 * 1024);
        return { maxmemory: max, current: intError(current(), 16, 16 * 1024 * 1024) ?? (max ? undefined : le(current(), maxmemory())) };
      }
      case 'boot': return { boot: boot().length ? undefined : t('invalid.boot') };
      default: return { description: description().length > 4096 ? t('invalid.int', { min: 0, max: 4096 }) : undefined };
    }
  };
  const valid = () => Object.values(errors()).every((e) => e === undefined);

  const body = (): VmUpdate => {
    switch (props.kind) {
      case 'cpu': return { cpu_info: { vcpus: Number(vcpus()), maxvcpus: Number(maxvcpus()) } };
      case 'memory': return { memory: { current: Number(current()), maxmemory: Number(maxmemory()) } };
      case 'boot': return { bootorder: boot() };
      default: return { description: description() };
    }
  };

  async function save(): Promise<void> {
    if (!valid() || busy()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      props.onSaved(await updateVm(props.vm.name, body()));
      props.onClose();
    } catch (e) {
      setFailure(describeFailure(e).reason);
    } finally {
      setBusy(false);
    }
  }

  const move = (i: number, by: number) => setBoot((list) => {
    const next = [...list];
    const [d] = next.splice(i, 1);
    next.splice(i + by, 0, d!);
    return next;
  });
  const toggle = (d: BootDevice, on: boolean) => setBoot((list) => (on ? [...list, d] : list.filter((x) => x !== d)));

  return (
    <Dialog title={t(TITLE[props.kind])} testId={`vm-edit-${props.kind}`} busy={busy()} state={busy() ? 'saving' : 'editing'}
      onClose={props.onClose}
      footer={<>
        <button type="button" class="button" disabled={busy()} onClick={props.onClose}>{t('edit.cancel')}</button>
        <button type="button" class="button button--primary" data-testid="vm-edit-save" disabled={!valid() || busy()}
          aria-busy={busy() ? 'true' : undefined} onClick={() => void save()}>
          {busy() ? t('edit.saving') : t('edit.save')}
        </button>
      </>}>
      <form class="form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Switch>
          <Match when={props.kind === 'cpu'}>
            <div class="field-row">
              <NumberField id="vm-edit-vcpus" label="edit.vcpus" value={vcpus()} error={errors().vcpus} onInput={setVcpus} />
              <NumberField id="vm-edit-maxvcpus" label="edit.maxvcpus" value={maxvcpus()} error={errors().maxvcpus} onInput={setMaxvcpus} />
            </div>
            <p class="field__hint">{t('edit.liveNote')}</p>
          </Match>
          <Match when={props.kind === 'memory'}>
            <div class="field-row">
              <NumberField id="vm-edit-memory" label="edit.current" value={current()} error={errors().current} onInput={setCurrent} />
              <NumberField id="vm-edit-maxmemory" label="edit.maxmemory" value={maxmemory()} error={errors().maxmemory} onInput={setMaxmemory} />
            </div>
            <p class="field__hint">{t('edit.liveNote')}</p>
          </Match>
          <Match when={props.kind === 'boot'}>
            <ol class="vm-boot-list" data-testid="vm-edit-boot-list">
              <For each={boot()}>
                {(d, i) => (
                  <li class="vm-boot-list__item">
                    <span>{t(`boot.${d}`)}</span>
                    <button type="button" class="button" aria-label={t('edit.up')} disabled={i() === 0} onClick={() => move(i(), -1)}>↑</button>
                    <button type="button" class="button" aria-label={t('edit.down')} disabled={i() === boot().length - 1} onClick={() => move(i(), 1)}>↓</button>
                  </li>
                )}
              </For>
            </ol>
            <For each={BOOT_DEVICES}>
              {(d) => (
                <label class="vm-check">
                  <input type="checkbox" checked={boot().includes(d)} onChange={(e) => toggle(d, e.currentTarget.checked)} />
                  {t('edit.include', { device: t(`boot.${d}`) })}
                </label>
              )}
            </For>
            <Show when={errors().boot}><span class="field__error">{errors().boot}</span></Show>
          </Match>
          <Match when={props.kind === 'description'}>
            <label class="field">
              <span class="field__label">{t('fact.description')}</span>
              <textarea class="field__input" rows={5} data-testid="vm-edit-description" value={description()}
                onInput={(e) => setDescription(e.currentTarget.value)} />
            </label>
          </Match>
        </Switch>
        <Show when={failure()}>{(f) => <p class="form-error" role="alert" data-testid="vm-edit-error">{f()}</p>}</Show>
      </form>
    </Dialog>
  );
}
