// "Changes take effect after the next shutdown": which parts of a running guest's saved config differ from its live one.
import { parseDomainXML, parseMachine, parseXml, type DomainModel, type MachineModel } from '../../libvirt/xml/index.ts';

/**
 * Both XMLs are reduced to what the guest sees — runtime-only parts (ids, aliases, ports, PCI addresses, pty paths,
 * security labels, the firmware files and CPU model libvirt filled in at start) never count as a difference.
 */
interface Facts {
  memory: unknown; vcpus: unknown; boot: unknown; firmware: unknown; cpu: unknown;
  tpm: unknown; watchdog: unknown; vsock: unknown; disks: unknown; interfaces: unknown; graphics: unknown;
}
export type PendingPart = keyof Facts;

function disks(m: DomainModel) {
  return m.devices.disks.map((d) => {
    const s = d.source;
    return [d.device, d.target.dev, d.target.bus, s?.file ?? s?.dev ?? (s?.pool ? `${s.pool}/${s.volume}` : ''), !!d.readonly];
  }).sort();
}

function interfaces(m: DomainModel) {
  return m.devices.interfaces.map((i) => [i.mac ?? '', i.type, i.source?.network ?? i.source?.bridge ?? i.source?.dev ?? '', i.model ?? '']).sort();
}

/** The CPU as the guest gets it; `saved` decides how a live, libvirt-expanded CPU is read. */
function cpuKey(c: MachineModel['cpu'], saved: MachineModel['cpu']): string {
  if (c?.mode === 'host-passthrough') return 'host-passthrough';
  // At start libvirt turns host-model and "no CPU" into a custom model: only a named model the user chose counts.
  if (saved?.mode === 'custom') return c?.mode === 'custom' || c?.mode === 'host-model' ? `custom:${c.model ?? ''}` : 'auto';
  return 'auto';
}

function facts(xml: string, saved?: MachineModel): Facts {
  const m = parseDomainXML(xml);
  const mm = parseMachine(parseXml(xml).root);
  return {
    // Only the maximum: a live <currentMemory> is the balloon's actual size (the full memory until a guest driver
    // shrinks it), never a pending change.
    memory: m.memory,
    vcpus: [m.vcpu, m.currentVcpu ?? m.vcpu],
    boot: m.os.boot,
    firmware: [mm.firmware, mm.secureBoot],
    cpu: cpuKey(mm.cpu, saved ? saved.cpu : mm.cpu),
    tpm: mm.tpm && [mm.tpm.model, mm.tpm.backend],
    watchdog: mm.watchdog,
    // A cid libvirt picked (auto) shows as a number in the live XML: only a fixed cid is compared.
    vsock: mm.vsock && ((saved ?? mm).vsock?.cid == null ? 'auto' : mm.vsock.cid),
    disks: disks(m),
    interfaces: interfaces(m),
    graphics: m.devices.graphics.map((g) => g.type).sort(),
  };
}

/** The parts whose saved definition (flags INACTIVE) differs from the live one; [] when they agree. */
export function pendingParts(liveXml: string, savedXml: string): PendingPart[] {
  const savedMachine = parseMachine(parseXml(savedXml).root);
  const saved = facts(savedXml, savedMachine);
  const live = facts(liveXml, savedMachine);
  return (Object.keys(saved) as PendingPart[]).filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(live[k]));
}
