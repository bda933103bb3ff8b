// The guest page's "Firmware and devices": firmware, Secure Boot, machine type, TPM, CPU, watchdog, vsock, NVRAM, and its edit dialog.
import { createResource, createSignal, Show, type JSX } from 'solid-js';
import type { Vm } from '../api/index.ts';
import { getVmMachine, type VmMachine } from '../api/machine.ts';
import { isAdmin } from '../auth/session.ts';
import { FirmwareDialog } from './firmware-dialog.tsx';
import { tf, type FirmwareKey } from './firmware-strings.ts';
import './firmware.css';
import { latestOf } from '../common/resource.ts';

export function firmwareLabel(m: Pick<VmMachine, 'firmware' | 'secure_boot'>): string {
  return tf(m.firmware === 'bios' ? 'firmware.bios' : m.secure_boot ? 'firmware.uefiSecure' : 'firmware.uefi');
}
const cpuLabel = (m: VmMachine) => (m.cpu_mode === null ? tf('cpu.default') : m.cpu_mode === 'custom' ? `${tf('cpu.custom')}: ${m.cpu_model ?? ''}` : tf(`cpu.${m.cpu_mode}`));

function Row(props: { label: string; id: string; children: JSX.Element }) {
  return (
    <div class="vm-facts__row">
      <dt>{props.label}</dt>
      <dd data-testid={`vm-machine-fact-${props.id}`}>{props.children}</dd>
      <dd class="vm-facts__action" />
    </div>
  );
}

export function VmMachineSection(props: { vm: Vm; changes: () => number; onSaved: () => void }) {
  // Re-read when libvirt reports a change, the state changes (a start fills in the firmware files) or the marker flips.
  const [machine, { mutate }] = createResource(
    () => ({ name: props.vm.name, n: props.changes(), state: props.vm.state, pending: props.vm.pending_changes }),
    (k) => getVmMachine(k.name),
  );
  const [editing, setEditing] = createSignal(false);
  const parts = (m: VmMachine) => m.pending.map((p) => tf(`part.${p}` as FirmwareKey)).join(', ');

  return (
    <section class="vm-section" data-testid="vm-section-machine" aria-labelledby="vm-section-machine-title">
      <h3 class="vm-section__title" id="vm-section-machine-title">{tf('section')}</h3>
      <Show when={latestOf(machine)}>
        {(m) => (
          <>
            <dl class="vm-facts">
              <Row label={tf('firmware')} id="firmware">{firmwareLabel(m())}</Row>
              <Row label={tf('machine')} id="machine">{m().machine ?? tf('none')}</Row>
              <Row label={tf('tpm')} id="tpm">{m().tpm ? `TPM ${m().tpm!.version ?? ''} (${m().tpm!.model})` : tf('none')}</Row>
              <Row label={tf('cpu')} id="cpu">{cpuLabel(m())}</Row>
              <Row label={tf('watchdog')} id="watchdog">
                {m().watchdog ? `${m().watchdog!.model} · ${tf(`action.${m().watchdog!.action}` as FirmwareKey)}` : tf('none')}
              </Row>
              <Row label={tf('vsock')} id="vsock">
                {m().vsock ? (m().vsock!.cid === null ? tf('vsock.auto') : `CID ${m().vsock!.cid}`) : tf('none')}
              </Row>
              <Show when={m().nvram}>
                <Row label={tf('nvram')} id="nvram"><span class="vm-machine__path">{m().nvram}</span></Row>
              </Show>
            </dl>
            <Show when={m().pending_changes}>
              <p class="vm-machine__note" data-testid="vm-machine-pending">{tf('pending.detail', { parts: parts(m()) })}</p>
            </Show>
          </>
        )}
      </Show>
      <Show when={isAdmin() && props.vm.persistent}>
        <button type="button" class="button" data-testid="vm-machine-edit" disabled={!latestOf(machine)} onClick={() => setEditing(true)}>
          {tf('edit')}
        </button>
      </Show>
      <Show when={editing() && latestOf(machine)}>
        {(m) => (
          <FirmwareDialog vm={props.vm} machine={m()} onClose={() => setEditing(false)}
            onSaved={(next) => { mutate(next); setEditing(false); props.onSaved(); }} />
        )}
      </Show>
    </section>
  );
}
