// The guest's machine settings outside the device lists: firmware (BIOS/UEFI, Secure Boot), CPU mode, TPM, watchdog, vsock.
import type { XElement } from './node.ts';
import { attr, child, children, el, ensure, insert, num, removeChildren, setAttr, text } from './tree.ts';

export type CpuMode = 'host-passthrough' | 'host-model' | 'custom';
export interface MachineModel {
  firmware: 'bios' | 'efi';
  /** UEFI with Secure Boot (libvirt's secure-boot firmware feature, or a secure loader). */
  secureBoot: boolean;
  /** The machine type as written (pc, q35, pc-q35-7.2…), if any. */
  machine?: string;
  /** Loader and NVRAM paths: libvirt fills them in when it picks the firmware (live XML), or a user gave them. */
  loader?: string;
  nvram?: string;
  /** No <cpu> or no mode: null (the hypervisor's default CPU). */
  cpu: { mode: CpuMode; model?: string } | null;
  tpm: { model: string; backend: string; version?: string } | null;
  watchdog: { model: string; action: string } | null;
  /** cid null: libvirt assigns one (auto). */
  vsock: { cid: number | null } | null;
}

const DEVICE_ORDER = ['disk', 'controller', 'interface', 'serial', 'console', 'input', 'graphics', 'video', 'watchdog', 'memballoon', 'rng', 'tpm', 'vsock'];

export function parseMachine(root: XElement): MachineModel {
  const os = child(root, 'os');
  const loader = child(os, 'loader');
  const fwFeatures = children(child(os, 'firmware'), 'feature');
  const sbFeature = fwFeatures.find((f) => attr(f, 'name') === 'secure-boot');
  const efi = attr(os, 'firmware') === 'efi' || attr(loader, 'type') === 'pflash' || /ovmf|edk2|aavmf|qemu_efi/i.test(text(loader) ?? '');
  const devices = child(root, 'devices');
  const cpu = child(root, 'cpu');
  const cpuMode = attr(cpu, 'mode') ?? (child(cpu, 'model') ? 'custom' : undefined);
  const tpm = child(devices, 'tpm');
  const wd = child(devices, 'watchdog');
  const vsock = child(devices, 'vsock');
  const cid = child(vsock, 'cid');
  const m: MachineModel = {
    firmware: efi ? 'efi' : 'bios',
    secureBoot: efi && (sbFeature ? attr(sbFeature, 'enabled') === 'yes' : attr(loader, 'secure') === 'yes'),
    cpu: cpuMode === 'host-passthrough' || cpuMode === 'host-model' || cpuMode === 'custom'
      ? { mode: cpuMode, ...(cpuMode === 'custom' && text(child(cpu, 'model')) ? { model: text(child(cpu, 'model'))!.trim() } : {}) }
      : null,
    tpm: tpm ? { model: attr(tpm, 'model') ?? 'tpm-tis', backend: attr(child(tpm, 'backend'), 'type') ?? 'emulator', ...(attr(child(tpm, 'backend'), 'version') ? { version: attr(child(tpm, 'backend'), 'version')! } : {}) } : null,
    watchdog: wd ? { model: attr(wd, 'model') ?? 'i6300esb', action: attr(wd, 'action') ?? 'reset' } : null,
    vsock: vsock ? { cid: attr(cid, 'auto') === 'no' ? (num(attr(cid, 'address')) ?? null) : null } : null,
  };
  const machine = attr(child(os, 'type'), 'machine');
  if (machine) m.machine = machine;
  const loaderPath = text(loader)?.trim(), nvramPath = text(child(os, 'nvram'))?.trim();
  if (loaderPath) m.loader = loaderPath;
  if (nvramPath) m.nvram = nvramPath;
  return m;
}

/** The firmware part: libvirt's autoselection (`<os firmware='efi'>` with features), never a hand-picked file. */
function writeFirmware(root: XElement, next: MachineModel): void {
  const os = ensure(root, 'os', ['vcpu', 'currentMemory', 'memory']);
  // Changing firmware drops loader, NVRAM path and features: libvirt picks the matching firmware at the next start.
  removeChildren(os, (c) => c.name === 'loader' || c.name === 'nvram' || c.name === 'firmware');
  if (next.firmware === 'bios') {
    setAttr(os, 'firmware', undefined);
    return;
  }
  setAttr(os, 'firmware', 'efi');
  const features = [el('feature', { enabled: next.secureBoot ? 'yes' : 'no', name: 'enrolled-keys' }), el('feature', { enabled: next.secureBoot ? 'yes' : 'no', name: 'secure-boot' })];
  insert(os, el('firmware', {}, features), ['type']);
  if (next.secureBoot) {
    // Secure Boot's firmware keeps its variables safe in System Management Mode: libvirt requires <smm state='on'/>.
    const feats = ensure(root, 'features', ['os']);
    const smm = child(feats, 'smm') ?? insert(feats, el('smm'));
    setAttr(smm, 'state', 'on');
  }
}

function writeCpu(root: XElement, cpu: MachineModel['cpu']): void {
  const existing = child(root, 'cpu');
  if (!cpu) {
    // Keep a topology (or NUMA) the <cpu> element also carries; only the mode and model go.
    if (!existing) return;
    for (const a of ['mode', 'match', 'check', 'migratable']) setAttr(existing, a, undefined);
    removeChildren(existing, (c) => c.name === 'model' || c.name === 'feature' || c.name === 'vendor');
    if (!existing.children.some((c) => 'name' in c) && !Object.keys(existing.attrs).length) removeChildren(root, (c) => c === existing);
    return;
  }
  const e = existing ?? insert(root, el('cpu'), ['features', 'os']);
  for (const a of ['match', 'check', 'migratable']) setAttr(e, a, undefined);
  setAttr(e, 'mode', cpu.mode);
  removeChildren(e, (c) => c.name === 'model' || c.name === 'feature' || c.name === 'vendor');
  if (cpu.mode === 'custom' && cpu.model) e.children.unshift(el('model', { fallback: 'forbid' }, [{ text: cpu.model }]));
}

function writeDevice(devices: XElement, tag: string, make: (() => XElement) | null): void {
  removeChildren(devices, (c) => c.name === tag);
  if (!make) return;
  const i = DEVICE_ORDER.indexOf(tag);
  insert(devices, make(), DEVICE_ORDER.slice(0, i + 1).reverse());
}

/** Write the parts of `next` that differ from `base` (all of them without a base); everything else is kept. */
export function applyMachine(root: XElement, next: MachineModel, base: MachineModel | null = null): void {
  const changed = (k: keyof MachineModel) => !base || JSON.stringify(base[k]) !== JSON.stringify(next[k]);
  if (changed('firmware') || changed('secureBoot')) writeFirmware(root, next);
  if (changed('machine') && next.machine) setAttr(ensure(ensure(root, 'os'), 'type'), 'machine', next.machine);
  if (changed('cpu')) writeCpu(root, next.cpu);
  const needDevices = changed('tpm') || changed('watchdog') || changed('vsock');
  if (!needDevices) return;
  const devices = ensure(root, 'devices');
  if (changed('tpm')) {
    const t = next.tpm;
    writeDevice(devices, 'tpm', t && (() => el('tpm', { model: t.model }, [el('backend', { type: t.backend, version: t.version })])));
  }
  if (changed('watchdog')) {
    const w = next.watchdog;
    writeDevice(devices, 'watchdog', w && (() => el('watchdog', { model: w.model, action: w.action })));
  }
  if (changed('vsock')) {
    const v = next.vsock;
    writeDevice(devices, 'vsock', v && (() => el('vsock', { model: 'virtio' }, [
      v.cid === null ? el('cid', { auto: 'yes' }) : el('cid', { auto: 'no', address: v.cid }),
    ])));
  }
}
