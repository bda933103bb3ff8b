// HostStatsSampler: host CPU, memory, disk and network every few seconds from /proc, an hour kept, each sample pushed as a `host` event.
import type { EventSource, HostStats, HostStatsSource } from '../handlers/common/context.ts';
import { physicalDevices, readCounters, type ProcCounters } from '../handlers/host/procfs.ts';

/*
 * Why /proc and not libvirt's nodeGetCPUStats/nodeGetMemoryStats: libvirt has no node-wide disk or network
 * counters, so /proc is needed anyway; one source keeps the four charts on the same clock; and the samples keep
 * coming while libvirtd is down (global error mode), which is when an admin most wants to see the host.
 * The cost: with a remote libvirt URI these are the numbers of the machine running Kimchi-TS, not of the remote
 * hypervisor. Kimchi runs on the hypervisor host, so that is the supported setup.
 */

export interface HostStatsOptions {
  /** Between samples (default 2000 ms; 1–5 s is sensible). */
  intervalMs?: number;
  /** How far back history() reaches (default one hour). */
  historyMs?: number;
  /** Where to publish each sample as a `host` event. */
  events?: Pick<EventSource, 'publish'>;
  /** Counter source (tests inject one); default reads /proc and /sys. */
  read?: () => ProcCounters;
}

const round = (v: number) => Math.round(v * 100) / 100;
const rate = (a: number, b: number, dt: number) => (dt > 0 ? Math.max(0, b - a) / dt : 0);

/** The sample between two counter readings: CPU busy percent and per-second byte rates (a counter that went back gives 0). */
export function sampleOf(prev: ProcCounters, cur: ProcCounters): HostStats {
  const dt = (cur.t - prev.t) / 1000;
  const dTotal = cur.cpuTotal - prev.cpuTotal;
  const cpu = dTotal > 0 ? Math.min(100, Math.max(0, ((cur.cpuBusy - prev.cpuBusy) / dTotal) * 100)) : 0;
  return {
    timestamp: cur.t,
    cpu_utilization: round(cpu),
    memory: { ...cur.memory },
    disk_read_rate: round(rate(prev.diskRead, cur.diskRead, dt)),
    disk_write_rate: round(rate(prev.diskWrite, cur.diskWrite, dt)),
    net_recv_rate: round(rate(prev.netRecv, cur.netRecv, dt)),
    net_sent_rate: round(rate(prev.netSent, cur.netSent, dt)),
  };
}

export class HostStatsSampler implements HostStatsSource {
  readonly intervalMs: number;
  private readonly capacity: number;
  /** Ring buffer: `head` is the oldest sample, `size` how many are kept. */
  private readonly ring: (HostStats | undefined)[];
  private head = 0;
  private size = 0;
  private prev: ProcCounters | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly read: () => ProcCounters;

  constructor(private readonly opts: HostStatsOptions = {}) {
    this.intervalMs = Math.max(100, opts.intervalMs ?? 2000);
    this.capacity = Math.max(1, Math.ceil((opts.historyMs ?? 3_600_000) / this.intervalMs));
    this.ring = new Array(this.capacity);
    if (opts.read) this.read = opts.read;
    else {
      const devices = physicalDevices();
      this.read = () => readCounters(devices);
    }
  }

  current(): HostStats | undefined {
    return this.size ? this.ring[(this.head + this.size - 1) % this.capacity] : undefined;
  }

  history(): HostStats[] {
    const out: HostStats[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.ring[(this.head + i) % this.capacity]!;
    return out;
  }

  start(): void {
    if (this.timer) return;
    this.prev = this.read();
    this.timer = setInterval(() => this.tick(), this.intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Take one sample now (the timer calls this; tests may too). */
  tick(): HostStats | undefined {
    const cur = this.read();
    const prev = this.prev;
    this.prev = cur;
    if (!prev) return undefined;
    const s = sampleOf(prev, cur);
    if (this.size < this.capacity) this.ring[(this.head + this.size++) % this.capacity] = s;
    else { this.ring[this.head] = s; this.head = (this.head + 1) % this.capacity; }
    this.opts.events?.publish({ type: 'host', data: s });
    return s;
  }
}
