// A new guest's domain XML from a template spec and the volumes made for it, built as a model (never by concatenation).
import { el, parseXml, updateDomainXML, buildDomainXML, children, attr, type DiskModel, type DomainModel, type GraphicsModel } from '../../libvirt/xml/index.ts';
import type { TemplateSpec } from '../templates/schemas.ts';
import { machineXML } from './machine-spec.ts';

export interface NewDisk { path: string; format: string }
export interface DomainSpecInput {
  name: string;
  /** Hypervisor type the host offers: kvm, qemu, test (see domainType). */
  type: string;
  template: TemplateSpec;
  /** The template's disks, in index order, as the volumes made for them. */
  disks: NewDisk[];
  graphics: { type: 'vnc' | 'spice' | null; listen: string };
  /** libvirt's <title> and <description> of the domain (Kimchi's VM title and description). */
  title?: string;
  description?: string;
  /** The TPM model the host offers (tpm-crb or tpm-tis), used when the template asks for a TPM. */
  tpmModel?: string;
}

const PREFIX: Record<string, string> = { virtio: 'vd', sata: 'sd', scsi: 'sd', ide: 'hd' };

/** vda, vdb … vdz, vdaa … : libvirt's disk naming. */
export function diskName(prefix: string, i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return prefix + s;
}

export function domainModel(o: DomainSpecInput): DomainModel {
  const t = o.template;
  const used: Record<string, number> = {};
  const next = (bus: string) => { const p = PREFIX[bus]; used[p] = (used[p] ?? 0) + 1; return diskName(p, used[p] - 1); };
  const disks: DiskModel[] = o.disks.map((d) => ({
    type: d.path.startsWith('/dev/') ? 'block' : 'file', device: 'disk',
    driver: { name: 'qemu', type: d.format },
    source: d.path.startsWith('/dev/') ? { dev: d.path } : { file: d.path },
    target: { dev: next(t.disk_bus), bus: t.disk_bus },
  }));
  if (t.cdrom) {
    // virtio cannot carry a CD-ROM; SATA boots on both i440fx and q35 machines.
    const bus = t.disk_bus === 'virtio' ? 'sata' : t.disk_bus;
    disks.push({ type: 'file', device: 'cdrom', driver: { name: 'qemu', type: 'raw' }, source: { file: t.cdrom }, target: { dev: next(bus), bus }, readonly: true });
  }
  const graphics: GraphicsModel[] = o.graphics.type ? [{ type: o.graphics.type, port: -1, autoport: true, listen: o.graphics.listen }] : [];
  const m: DomainModel = {
    type: o.type, name: o.name,
    memory: t.memory.maxmemory * 1024,
    vcpu: t.cpu_info.maxvcpus,
    os: { type: 'hvm', boot: t.netboot ? ['hd', 'cdrom', 'network'] : t.cdrom ? ['hd', 'cdrom'] : ['hd'] },
    features: ['acpi', 'apic'],
    metadata: [],
    devices: {
      disks,
      interfaces: t.networks.map((network) => ({ type: 'network', source: { network }, model: t.nic_model })),
      graphics, consoles: [], serials: [],
    },
  };
  if (o.title) m.title = o.title;
  if (o.description) m.description = o.description;
  m.currentMemory = t.memory.current * 1024;
  if (t.cpu_info.vcpus !== t.cpu_info.maxvcpus) m.currentVcpu = t.cpu_info.vcpus;
  return m;
}

/** The complete XML: the model plus what it does not cover (CPU topology, then firmware, TPM and CPU mode). */
export function domainXML(o: DomainSpecInput): string {
  let xml = buildDomainXML(domainModel(o));
  const topo = o.template.cpu_info.topology;
  if (topo) {
    xml = updateDomainXML(xml, (_m, root) => {
      // libvirt reads <domain>'s children in any order.
      root.children.push(el('cpu', {}, [el('topology', { sockets: topo.sockets, cores: topo.cores, threads: topo.threads })]));
    });
  }
  return machineXML(xml, o.template, o.tpmModel ?? 'tpm-crb');
}

/** The hypervisor type for new guests: kvm when the host has it, else qemu (TCG), else the driver's own (test). */
export function domainType(capabilitiesXml: string): string {
  const types = new Set<string>();
  for (const guest of children(parseXml(capabilitiesXml).root, 'guest')) {
    for (const arch of children(guest, 'arch')) for (const d of children(arch, 'domain')) types.add(attr(d, 'type') ?? '');
  }
  for (const t of ['kvm', 'qemu']) if (types.has(t)) return t;
  return [...types].find(Boolean) ?? 'kvm';
}
