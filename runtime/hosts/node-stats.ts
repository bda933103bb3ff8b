// NodeStatsSampler: a registered host's CPU and memory from libvirt (nodeGetCPUStats/nodeGetMemoryStats), an hour kept.
import type { LibvirtClient } from '../../libvirt/index.ts';
import type { HostStats, HostStatsSource } from '../../handlers/common/context.ts';

/*
 * The local host's sampler reads /proc (runtime/host-stats.ts); a registered host's /proc is on another machine,
 * so its numbers come through its libvirtd. libvirt has no node-wide disk or network counters: those rates stay 0.
 */
const INTERVAL_MS = 5000;
const HISTORY_MS = 3_600_000;
/** Sample only while someone read the stats within this long: an idle host costs its libvirtd nothing. */
const IDLE_MS = 60_000;

interface CpuTimes { busy: number; total: number }

export class NodeStatsSampler implements HostStatsSource {
  private samples: HostStats[] = [];
  private prev: CpuTimes | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastDemand = -Infinity;
  private started = false;
  /**
   * The test driver is never asked: it has no real node to report (its CPU times are made up, memory stats are
   * refused), and libvirtd 9.0 once segfaulted in an RPC thread while refusing nodeGetMemoryStats to ten
   * test-driver connections at once (cause not established).
   */
  private readonly supported: boolean;

  constructor(private readonly client: LibvirtClient) {
    this.supported = !/^test[+:]/.test(client.options.uri);
  }

  current(): HostStats | undefined { this.demand(); return this.samples.at(-1); }

  history(): HostStats[] { this.demand(); return [...this.samples]; }

  start(): void { this.started = true; }

  /** A read: keep sampling (or start again) for the next IDLE_MS. */
  private demand(): void {
    this.lastDemand = performance.now();
    if (!this.started || !this.supported || this.timer) return;
    void this.tick();
    this.timer = setInterval(() => {
      if (performance.now() - this.lastDemand > IDLE_MS) return this.stop();
      void this.tick();
    }, INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void { clearInterval(this.timer); this.timer = undefined; this.prev = undefined; }

  /** For good: reads no longer start sampling. */
  close(): void { this.started = false; this.stop(); }

  private async tick(): Promise<void> {
    if (!this.client.connected) { this.prev = undefined; return; }
    try {
      const conn = this.client.connection;
      const [cpu, mem] = await Promise.all([conn.nodeGetCPUStats(), conn.nodeGetMemoryStats()]);
      const n = (v: bigint | undefined) => Number(v ?? 0n);
      const busy = n(cpu.kernel) + n(cpu.user);
      const now: CpuTimes = { busy, total: busy + n(cpu.idle) + n(cpu.iowait) };
      const dTotal = this.prev ? now.total - this.prev.total : 0;
      const utilization = this.prev && dTotal > 0 ? Math.min(100, Math.max(0, ((now.busy - this.prev.busy) / dTotal) * 100)) : 0;
      this.prev = now;
      const kib = (k: string) => n(mem[k]) * 1024;
      const free = kib('free'), buffers = kib('buffers'), cached = kib('cached');
      const t = Date.now();
      this.samples.push({
        timestamp: t, cpu_utilization: Math.round(utilization * 100) / 100,
        memory: { total: kib('total'), free, avail: free + buffers + cached, cached, buffers },
        disk_read_rate: 0, disk_write_rate: 0, net_recv_rate: 0, net_sent_rate: 0,
      });
      while (this.samples.length && this.samples[0].timestamp < t - HISTORY_MS) this.samples.shift();
    } catch {
      // A driver without node statistics or a call cut by a disconnect: no sample this time.
    }
  }
}
