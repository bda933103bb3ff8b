// Per-VM rates from two get-all-domain-stats records: CPU percent of its vCPUs, memory in use, disk and network KiB/s.
import type { DomainStats } from '../libvirt/index.ts';

/** One domain's counters at one instant (bytes, ns, KiB). */
export interface Counters { t: number; cpuNs: bigint; vcpus: number; net: number; io: number; mem: number }

const n = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);

function sum(s: DomainStats['stats'], prefix: 'net' | 'block', fields: [string, string]): number {
  let total = 0;
  for (let i = 0, count = n(s[`${prefix}.count`]); i < count; i++) total += n(s[`${prefix}.${i}.${fields[0]}`]) + n(s[`${prefix}.${i}.${fields[1]}`]);
  return total;
}

/** Memory in use, percent: the guest's own view when the balloon driver reports it, else the host RSS vs its size. */
export function memUtilization(s: DomainStats['stats']): number {
  const available = n(s['balloon.available']), usable = n(s['balloon.usable']);
  if (available > 0 && s['balloon.usable'] !== undefined) return clamp(((available - usable) / available) * 100);
  const current = n(s['balloon.current']), rss = n(s['balloon.rss']);
  return current > 0 ? clamp((rss / current) * 100) : 0;
}

export function countersOf(s: DomainStats['stats'], t: number): Counters {
  const cpu = s['cpu.time'];
  return {
    t, cpuNs: typeof cpu === 'bigint' ? cpu : BigInt(n(cpu)), vcpus: n(s['vcpu.current']) || n(s['vcpu.maximum']) || 1,
    net: sum(s, 'net', ['rx.bytes', 'tx.bytes']), io: sum(s, 'block', ['rd.bytes', 'wr.bytes']), mem: memUtilization(s),
  };
}

export const clamp = (v: number) => Math.min(100, Math.max(0, v));
export const round = (v: number) => Math.round(v * 100) / 100;

/** Rates between two samples: CPU percent of the VM's vCPUs, network and disk KiB/s. A counter that went back (restart) gives 0. */
export function rates(prev: Counters, cur: Counters): { cpu: number; net: number; io: number } {
  const dt = (cur.t - prev.t) / 1000;
  if (dt <= 0) return { cpu: 0, net: 0, io: 0 };
  const dCpu = cur.cpuNs - prev.cpuNs;
  return {
    cpu: round(clamp(dCpu > 0n ? (Number(dCpu) / (dt * 1e9 * cur.vcpus)) * 100 : 0)),
    net: round(Math.max(0, cur.net - prev.net) / dt / 1024),
    io: round(Math.max(0, cur.io - prev.io) / dt / 1024),
  };
}
