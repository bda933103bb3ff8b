// What a host's hypervisor offers new guests, read from its domain capabilities XML (virConnectGetDomainCapabilities).
import { parseXml, type XElement } from './node.ts';
import { attr, child, children, text } from './tree.ts';

export interface DomainCapsModel {
  machine?: string;
  arch?: string;
  /** Values of <os><enum name='firmware'> (efi, bios); empty when the host lists none. */
  firmware: string[];
  /** UEFI loader images libvirt found (from Debian's ovmf), and whether a secure one is among them. */
  loaders: string[];
  secureBoot: boolean;
  cpuModes: string[];
  /** Named CPU models this host can run (usable='yes'). */
  cpuModels: string[];
  tpm: { models: string[]; backends: string[]; versions: string[] };
}

const values = (parent: XElement | undefined, name: string): string[] =>
  children(children(parent, 'enum').find((e) => attr(e, 'name') === name), 'value').map((v) => (text(v) ?? '').trim()).filter(Boolean);

export function parseDomainCapsXML(xml: string): DomainCapsModel {
  const { root } = parseXml(xml);
  if (root.name !== 'domainCapabilities') throw new SyntaxError(`expected <domainCapabilities>, got <${root.name}>`);
  const os = child(root, 'os');
  const osOn = attr(os, 'supported') !== 'no';
  const loader = child(os, 'loader');
  const loaderOn = osOn && attr(loader, 'supported') === 'yes';
  const loaders = loaderOn ? children(loader, 'value').map((v) => (text(v) ?? '').trim()).filter(Boolean) : [];
  const cpu = child(root, 'cpu');
  const modes = children(cpu, 'mode').filter((m) => attr(m, 'supported') === 'yes');
  const custom = modes.find((m) => attr(m, 'name') === 'custom');
  const tpm = child(child(root, 'devices'), 'tpm');
  const tpmOn = attr(tpm, 'supported') === 'yes';
  const m: DomainCapsModel = {
    firmware: osOn ? values(os, 'firmware') : [],
    loaders,
    secureBoot: loaderOn && values(loader, 'secure').includes('yes') && loaders.some((l) => /secboot|\.ms\.|secure/i.test(l)),
    cpuModes: modes.map((m) => attr(m, 'name') ?? '').filter(Boolean),
    cpuModels: children(custom, 'model').filter((mod) => attr(mod, 'usable') === 'yes').map((mod) => (text(mod) ?? '').trim()).filter(Boolean),
    tpm: tpmOn ? { models: values(tpm, 'model'), backends: values(tpm, 'backendModel'), versions: values(tpm, 'backendVersion') } : { models: [], backends: [], versions: [] },
  };
  const machine = text(child(root, 'machine'))?.trim(), arch = text(child(root, 'arch'))?.trim();
  if (machine) m.machine = machine;
  if (arch) m.arch = arch;
  return m;
}

/**
 * Whether the host can emulate a TPM 2.0 for a guest: libvirt lists the `emulator` backend only when it finds swtpm,
 * and version 2.0 when that swtpm can do TPM 2.0. libvirt before 8.6 lists no versions: the backend alone then counts.
 */
export function canEmulateTpm2(caps: Pick<DomainCapsModel, 'tpm'>): boolean {
  const { backends, versions, models } = caps.tpm;
  return backends.includes('emulator') && models.length > 0 && (versions.length === 0 || versions.includes('2.0'));
}
