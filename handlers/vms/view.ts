// The VM as the API shows it: built from the domain XML, its state, flags, our metadata and the sampled rates.
import { DomainState, type Domain } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';
import type { VmMetaRow } from '../../db/index.ts';
import type { VmStats } from '../common/context.ts';
import type { Vm, VmState } from './schemas.ts';

export const stateName: Record<number, VmState> = {
  [DomainState.NOSTATE]: 'nostate', [DomainState.RUNNING]: 'running', [DomainState.BLOCKED]: 'blocked',
  [DomainState.PAUSED]: 'paused', [DomainState.SHUTDOWN]: 'shutdown', [DomainState.SHUTOFF]: 'shutoff',
  [DomainState.CRASHED]: 'crashed', [DomainState.PMSUSPENDED]: 'pmsuspended',
};

export const ZERO_STATS: VmStats = Object.freeze({
  cpu_utilization: 0, mem_utilization: 0, net_throughput: 0, net_throughput_peak: 0, io_throughput: 0, io_throughput_peak: 0,
});

export interface VmParts {
  dom: Domain;
  /** The live XML (flags 0): graphics ports are real while the VM runs. */
  xml: string;
  state: number;
  persistent: boolean;
  autostart: boolean;
  meta?: VmMetaRow;
  stats?: VmStats;
}

const mib = (kib: number) => Math.floor(kib / 1024);

export function vmView(p: VmParts): Vm {
  const m = parseDomainXML(p.xml);
  const state = stateName[p.state] ?? 'nostate';
  const g = m.devices.graphics.find((d) => d.type === 'vnc' || d.type === 'spice');
  const running = p.dom.id > 0 && state !== 'shutoff';
  const vcpus = m.currentVcpu ?? m.vcpu;
  return {
    name: p.dom.name,
    uuid: p.dom.uuid,
    state,
    persistent: p.persistent,
    autostart: p.autostart,
    title: m.title ?? '',
    description: m.description ?? '',
    cpus: vcpus,
    cpu_info: { vcpus, maxvcpus: m.vcpu },
    memory: { current: mib(m.currentMemory ?? m.memory), maxmemory: mib(m.memory) },
    bootorder: m.os.boot,
    graphics: {
      type: (g?.type as 'vnc' | 'spice' | undefined) ?? null,
      listen: g?.listen ?? null,
      port: g && running && g.port !== undefined && g.port > 0 ? g.port : null,
    },
    stats: { ...(p.stats ?? ZERO_STATS) },
    icon: p.meta?.icon ?? null,
    template: p.meta?.template ?? null,
    users: p.meta?.users ?? [],
    groups: p.meta?.groups ?? [],
  };
}
