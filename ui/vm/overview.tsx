// The VM's overview: CPU, memory, boot order, autostart and description, each with its edit control (firmware is
// shown once, in "Firmware and devices", where it is edited).
import { For, Show, createSignal } from 'solid-js';
import { updateVm, type Vm } from '../api/index.ts';
import { describeFailure } from '../common/failure.ts';
import { formatMiB } from '../common/format.ts';
import { EditVmDialog, type EditKind } from './edit-dialog.tsx';
import { isAdmin } from '../auth/session.ts';
import { t, type VmPageKey } from './i18n.ts';

export function VmOverview(props: { vm: Vm; onChanged: (vm: Vm) => void }) {
  const [editing, setEditing] = createSignal<EditKind>();
  const [autostartBusy, setAutostartBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();

  async function setAutostart(on: boolean): Promise<void> {
    setAutostartBusy(true);
    setFailure(undefined);
    try {
      props.onChanged(await updateVm(props.vm.name, { autostart: on }));
    } catch (e) {
      setFailure(describeFailure(e).reason);
    } finally {
      setAutostartBusy(false);
    }
  }

  // Editing is for administrators (the server answers 403 to others anyway).
  // A <dd> of its own: a <dl> group may hold only <dt> and <dd> (axe's definition-list rule).
  const EditButton = (p: { kind: EditKind }) => (
    <dd class="vm-facts__action">
      <Show when={isAdmin()}>
        <button type="button" class="button vm-facts__edit" data-testid={`vm-edit-${p.kind}-open`} disabled={!props.vm.persistent}
          onClick={() => setEditing(p.kind)}>
          {t('edit')}
        </button>
      </Show>
    </dd>
  );

  return (
    <>
      <dl class="vm-facts" data-testid="vm-overview">
        <div class="vm-facts__row">
          <dt>{t('fact.cpu')}</dt>
          <dd data-testid="vm-fact-cpu">{t('fact.cpuValue', { vcpus: props.vm.cpu_info.vcpus, maxvcpus: props.vm.cpu_info.maxvcpus })}</dd>
          <EditButton kind="cpu" />
        </div>
        <div class="vm-facts__row">
          <dt>{t('fact.memory')}</dt>
          <dd data-testid="vm-fact-memory">
            {t('fact.memoryValue', { current: formatMiB(props.vm.memory.current), maxmemory: formatMiB(props.vm.memory.maxmemory) })}
          </dd>
          <EditButton kind="memory" />
        </div>
        <div class="vm-facts__row">
          <dt>{t('fact.boot')}</dt>
          <dd data-testid="vm-fact-boot">
            <For each={props.vm.bootorder} fallback={t('fact.none')}>
              {(d, i) => <>{i() > 0 ? ' → ' : ''}{t(`boot.${d}` as VmPageKey)}</>}
            </For>
          </dd>
          <EditButton kind="boot" />
        </div>
        <div class="vm-facts__row">
          <dt>{t('fact.autostart')}</dt>
          <dd>
            <label class="vm-check">
              <input type="checkbox" data-testid="vm-autostart" checked={props.vm.autostart}
                disabled={autostartBusy() || !props.vm.persistent || !isAdmin()} aria-busy={autostartBusy() ? 'true' : undefined}
                onChange={(e) => void setAutostart(e.currentTarget.checked)} />
              {props.vm.autostart ? t('yes') : t('no')}
            </label>
          </dd>
          <dd class="vm-facts__action" />
        </div>
        <div class="vm-facts__row">
          <dt>{t('fact.description')}</dt>
          <dd class="vm-facts__text" data-testid="vm-fact-description">{props.vm.description || t('fact.none')}</dd>
          <EditButton kind="description" />
        </div>
      </dl>
      <Show when={failure()}>{(f) => <p class="form-error" role="alert">{f()}</p>}</Show>
      <Show when={editing()}>
        {(kind) => <EditVmDialog vm={props.vm} kind={kind()} onClose={() => setEditing(undefined)} onSaved={props.onChanged} />}
      </Show>
    </>
  );
}
