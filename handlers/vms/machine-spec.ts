// A new guest's firmware, Secure Boot, TPM and CPU mode from its settings, written onto its domain XML by the machine model.
import { applyMachine, parseMachine, parseXml, serializeXml, type MachineModel } from '../../libvirt/xml/index.ts';
import type { MachineSettings } from './machine-schemas.ts';

/** The settings as a machine model over what the XML has now (a new guest: nothing of these yet). */
export function settingsModel(current: MachineModel, s: MachineSettings, tpmModel: string): MachineModel {
  const uefi = s.firmware === 'uefi';
  const next: MachineModel = { ...current, firmware: uefi ? 'efi' : 'bios', secureBoot: uefi && !!s.secure_boot };
  // Secure Boot runs on the q35 machine only (libvirt refuses SMM on i440fx); BIOS and plain UEFI keep the default.
  if (next.secureBoot) next.machine = 'q35';
  next.cpu = s.cpu_mode ? { mode: s.cpu_mode, ...(s.cpu_mode === 'custom' && s.cpu_model ? { model: s.cpu_model } : {}) } : null;
  next.tpm = s.tpm ? { model: tpmModel, backend: 'emulator', version: '2.0' } : null;
  return next;
}

/** `xml` with the settings applied; unchanged (byte for byte) when the settings ask for nothing. */
export function machineXML(xml: string, s: MachineSettings, tpmModel: string): string {
  if (!s.firmware && !s.secure_boot && !s.tpm && !s.cpu_mode) return xml;
  const doc = parseXml(xml);
  const base = parseMachine(doc.root);
  applyMachine(doc.root, settingsModel(base, s, tpmModel), base);
  return serializeXml(doc);
}
