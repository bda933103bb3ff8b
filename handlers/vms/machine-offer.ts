// What the host offers guests (domain capabilities) and the checks that refuse firmware, TPM or CPU settings it cannot run.
import { existsSync } from 'node:fs';
import { ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import { canEmulateTpm2, parseDomainCapsXML, type DomainCapsModel } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import { CPU_MODES, WATCHDOG_ACTIONS, WATCHDOG_MODELS, type MachineOptions, type MachineSettings } from './machine-schemas.ts';

async function query(conn: Connection, virttype: string | null, machine: string | null): Promise<DomainCapsModel | null> {
  try {
    return parseDomainCapsXML(await conn.connectGetDomainCapabilities({ virttype, machine }));
  } catch (e) {
    if (e instanceof LibvirtError && (e.code === ErrorCode.NO_SUPPORT || e.code === ErrorCode.INVALID_ARG || e.code === INTERNAL)) return null;
    throw e;
  }
}

/**
 * The host's domain capabilities for this hypervisor type, or null when libvirt cannot say (the test driver). Asked
 * for the q35 machine first: Secure Boot firmware is offered only there (SMM); hosts without q35 answer for their default.
 */
export async function domainCaps(conn: Connection, virttype?: string): Promise<DomainCapsModel | null> {
  return (await query(conn, virttype ?? null, 'q35')) ?? query(conn, virttype ?? null, null);
}
/** VIR_ERR_INTERNAL_ERROR: libvirt's answer when it finds no emulator for the asked type. */
const INTERNAL = 1;

const isLocal = (uri: string) => !/^[a-z0-9+]+:\/\/[^/]/i.test(uri) || /^[a-z0-9]+\+unix:/i.test(uri);

export function machineOptions(caps: DomainCapsModel | null, uri: string): MachineOptions {
  return {
    known: caps !== null,
    firmware: !caps || caps.firmware.includes('efi') || caps.loaders.length ? ['bios', 'uefi'] : ['bios'],
    secure_boot: caps ? caps.secureBoot : true,
    tpm: caps ? canEmulateTpm2(caps) : false,
    cpu_modes: caps ? CPU_MODES.filter((m) => caps.cpuModes.includes(m)) : [...CPU_MODES],
    cpu_models: caps?.cpuModels ?? [],
    watchdog_models: [...WATCHDOG_MODELS],
    watchdog_actions: [...WATCHDOG_ACTIONS],
    // vhost-vsock is a host device file: only knowable for a local hypervisor.
    vsock: isLocal(uri) ? existsSync('/dev/vhost-vsock') : true,
  };
}

/**
 * Refuse (400, nothing made) what the host cannot run or what does not fit together. Firmware is checked only when
 * the host reports its capabilities; a TPM always needs the host to say it has swtpm.
 */
export function checkMachine(s: MachineSettings, caps: DomainCapsModel | null): void {
  if (s.tpm && !(caps && canEmulateTpm2(caps))) throw new KimchiError(400, 'KCHFW0001E', {});
  if (s.secure_boot && s.firmware !== 'uefi') throw new KimchiError(400, 'KCHFW0003E', {});
  if (s.firmware === 'uefi' && caps && !caps.firmware.includes('efi') && caps.loaders.length === 0) throw new KimchiError(400, 'KCHFW0002E', {});
  if (s.secure_boot && caps && !caps.secureBoot) throw new KimchiError(400, 'KCHFW0004E', {});
  if ((s.cpu_mode === 'custom') !== (s.cpu_model !== undefined)) throw new KimchiError(400, 'KCHFW0005E', {});
  if (s.cpu_mode && caps && !caps.cpuModes.includes(s.cpu_mode)) throw new KimchiError(400, 'KCHFW0006E', { mode: s.cpu_mode });
  if (s.cpu_model && caps && !caps.cpuModels.includes(s.cpu_model)) throw new KimchiError(400, 'KCHFW0007E', { model: s.cpu_model });
}

/** The TPM model for a new TPM: tpm-crb (TPM 2.0's own interface) where offered, else tpm-tis. */
export function tpmModel(caps: DomainCapsModel | null): string {
  return !caps || caps.tpm.models.includes('tpm-crb') || caps.tpm.models.length === 0 ? 'tpm-crb' : caps.tpm.models[0]!;
}

/** Only the machine settings of a larger object (a template spec or a create request). */
export function pickMachine(o: MachineSettings): MachineSettings {
  const out: MachineSettings = {};
  if (o.firmware !== undefined) out.firmware = o.firmware;
  if (o.secure_boot !== undefined) out.secure_boot = o.secure_boot;
  if (o.tpm !== undefined) out.tpm = o.tpm;
  if (o.cpu_mode !== undefined) out.cpu_mode = o.cpu_mode;
  if (o.cpu_model !== undefined) out.cpu_model = o.cpu_model;
  return out;
}
