// The VM as the API shows it: built from the domain XML, its state, flags, our metadata and the sampled rates.
import { DomainState, type Domain } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';
import type { VmMetaRow } from '../../db/index.ts';
import type { VmStats } from '../common/context.ts';
import type { Vm, VmState } from './schemas.ts';
import { LOCAL_HOST } from '../common/hosts.ts';

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
  /** The host it lives on (default local). */
  host?: string;
}

const mib = (kib: number) => Math.floor(kib / 1024);

/** What the view takes from a domain XML. */
interface XmlFacts {
  title: string; description: string; vcpus: number; maxvcpus: number; current: number; maxmemory: number;
  boot: readonly string[]; gType: 'vnc' | 'spice' | null; listen: string | null; port: number | null; firmware: 'bios' | 'uefi';
}

function factsOf(xml: string): XmlFacts {
  const m = parseDomainXML(xml);
  const g = m.devices.graphics.find((d) => d.type === 'vnc' || d.type === 'spice');
  return {
    title: m.title ?? '', description: m.description ?? '', vcpus: m.currentVcpu ?? m.vcpu, maxvcpus: m.vcpu,
    current: mib(m.currentMemory ?? m.memory), maxmemory: mib(m.memory), boot: Object.freeze([...m.os.boot]),
    gType: (g?.type as 'vnc' | 'spice' | undefined) ?? null, listen: g?.listen ?? null,
    port: g?.port !== undefined && g.port > 0 ? g.port : null,
    firmware: m.os.firmware === 'efi' ? 'uefi' : 'bios',
  };
}

/**
 * A pure memo of factsOf by the exact XML text: the same text always gives the same facts, so this holds no state
 * that could go stale — any change in libvirt's XML is a different key. Parsing is most of the list's CPU time
 * (1000 domains ≈ 100+ ms), and most domains' XML does not change between two lists. Bounded; oldest evicted first.
 */
const MEMO_MAX = 8192;
const memo = new Map<string, Readonly<XmlFacts>>();
function facts(xml: string): Readonly<XmlFacts> {
  let f = memo.get(xml);
  if (!f) {
    f = Object.freeze(factsOf(xml));
    if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
    memo.set(xml, f);
  }
  return f;
}

export function vmView(p: VmParts): Vm {
  const m = facts(p.xml);
  const state = stateName[p.state] ?? 'nostate';
  const running = p.dom.id > 0 && state !== 'shutoff';
  return {
    name: p.dom.name,
    uuid: p.dom.uuid,
    state,
    persistent: p.persistent,
    autostart: p.autostart,
    title: m.title,
    description: m.description,
    cpus: m.vcpus,
    cpu_info: { vcpus: m.vcpus, maxvcpus: m.maxvcpus },
    memory: { current: m.current, maxmemory: m.maxmemory },
    bootorder: [...m.boot],
    firmware: m.firmware,
    graphics: { type: m.gType, listen: m.listen, port: running ? m.port : null },
    stats: { ...(p.stats ?? ZERO_STATS) },
    icon: p.meta?.icon ?? null,
    template: p.meta?.template ?? null,
    users: p.meta?.users ?? [],
    groups: p.meta?.groups ?? [],
    host: p.host ?? LOCAL_HOST,
  };
}
