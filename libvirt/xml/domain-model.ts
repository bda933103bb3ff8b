// The typed DomainModel and how its general (non-device) fields are read from a <domain> element.
import type { XElement } from './node.ts';
import { attr, child, childText, children, num, text } from './tree.ts';
import type { DiskModel } from './disk.ts';
import type { InterfaceModel } from './interface.ts';
import type { GraphicsModel } from './graphics.ts';
import type { ChardevModel } from './chardev.ts';

export interface DomainModel {
  /** Hypervisor type: kvm, qemu, test. */
  type: string;
  name: string;
  uuid?: string;
  /** Short title and free description, exactly as written (whitespace included). */
  title?: string;
  description?: string;
  /** Maximum memory in KiB. */
  memory: number;
  /** Memory at boot (balloon target) in KiB. */
  currentMemory?: number;
  /** Maximum vCPUs, and how many are online (`current`). */
  vcpu: number;
  currentVcpu?: number;
  os: {
    type: string; arch?: string; machine?: string; /** <boot dev> in order: hd, cdrom, network, fd. */ boot: string[];
    /**
     * Read from the XML, never written: `efi` for `<os firmware="efi">` or a UEFI `<loader>` (pflash, or an
     * OVMF/edk2/AAVMF image), else `bios` (SeaBIOS, QEMU's default). Changing firmware is not modelled.
     */
    firmware?: 'bios' | 'efi';
  };
  /** Names of the <features> children (acpi, apic, pae…); their own content is kept on update. */
  features: string[];
  devices: {
    disks: DiskModel[];
    interfaces: InterfaceModel[];
    graphics: GraphicsModel[];
    consoles: ChardevModel[];
    serials: ChardevModel[];
  };
  /** The <metadata> children, each an application's namespaced element (see metadataElement). */
  metadata: XElement[];
}

const UNIT: Record<string, number> = {
  b: 1 / 1024, bytes: 1 / 1024, kb: 1000 / 1024, k: 1, kib: 1,
  mb: 1e6 / 1024, m: 1024, mib: 1024, gb: 1e9 / 1024, g: 1024 ** 2, gib: 1024 ** 2,
  tb: 1e12 / 1024, t: 1024 ** 3, tib: 1024 ** 3, pb: 1e15 / 1024, p: 1024 ** 4, pib: 1024 ** 4,
};

/** A libvirt scaled integer (`<memory unit='GiB'>2</memory>`, KiB when no unit) in KiB. */
export function toKiB(e: XElement | undefined): number | undefined {
  const v = num(text(e));
  if (v === undefined) return undefined;
  const factor = UNIT[(attr(e, 'unit') ?? 'KiB').toLowerCase()];
  if (factor === undefined) throw new RangeError(`unknown memory unit "${attr(e, 'unit')}"`);
  return Math.floor(v * factor);
}

/** The general fields; devices are filled in by parseDomainXML. */
export function parseGeneral(root: XElement): Omit<DomainModel, 'devices'> {
  const m: Omit<DomainModel, 'devices'> = {
    type: attr(root, 'type') ?? 'kvm',
    name: childText(root, 'name') ?? '',
    memory: toKiB(child(root, 'memory')) ?? 0,
    vcpu: num(childText(root, 'vcpu')) ?? 1,
    os: { type: 'hvm', boot: [] },
    features: children(child(root, 'features')).map((f) => f.name),
    metadata: children(child(root, 'metadata')),
  };
  const optional = {
    uuid: childText(root, 'uuid')?.trim(),
    title: childText(root, 'title'),
    description: childText(root, 'description'),
    currentMemory: toKiB(child(root, 'currentMemory')),
    currentVcpu: num(attr(child(root, 'vcpu'), 'current')),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (m as Record<string, unknown>)[k] = v;
  const os = child(root, 'os');
  const type = child(os, 'type');
  m.os.type = text(type)?.trim() || 'hvm';
  const arch = attr(type, 'arch'), machine = attr(type, 'machine');
  if (arch !== undefined) m.os.arch = arch;
  if (machine !== undefined) m.os.machine = machine;
  m.os.boot = children(os, 'boot').map((b) => attr(b, 'dev')).filter((d): d is string => d !== undefined);
  m.os.firmware = firmwareOf(os);
  return m;
}

const UEFI_IMAGE = /ovmf|edk2|aavmf|qemu_efi/i;

function firmwareOf(os: XElement | undefined): 'bios' | 'efi' {
  if (attr(os, 'firmware') === 'efi') return 'efi';
  const loader = child(os, 'loader');
  if (loader && (attr(loader, 'type') === 'pflash' || UEFI_IMAGE.test(text(loader) ?? ''))) return 'efi';
  return 'bios';
}

/** The metadata element an application keeps under its namespace URI, if any. */
export function metadataElement(m: Pick<DomainModel, 'metadata'>, namespaceUri: string): XElement | undefined {
  return m.metadata.find((e) => Object.entries(e.attrs).some(([k, v]) => (k === 'xmlns' || k.startsWith('xmlns:')) && v === namespaceUri));
}
