// /host/stats and its history from the runtime's sampler; without one, a single instant reading (rates 0) and no history.
import type { z } from '@hono/zod-openapi';
import type { HostStats, HostStatsSource } from '../common/context.ts';
import { readCounters } from './procfs.ts';
import type { HostStatsHistory } from './schemas.ts';

export function currentStats(source: HostStatsSource | undefined): HostStats {
  const s = source?.current();
  if (s) return s;
  const c = readCounters();
  return { timestamp: c.t, cpu_utilization: 0, memory: c.memory, disk_read_rate: 0, disk_write_rate: 0, net_recv_rate: 0, net_sent_rate: 0 };
}

/** Columns, so a chart takes them as they are (uPlot's data is one array per series). */
export function statsHistory(source: HostStatsSource | undefined): z.infer<typeof HostStatsHistory> {
  const h = source?.history() ?? [];
  return {
    timestamp: h.map((s) => s.timestamp), cpu_utilization: h.map((s) => s.cpu_utilization), memory: h.map((s) => s.memory),
    disk_read_rate: h.map((s) => s.disk_read_rate), disk_write_rate: h.map((s) => s.disk_write_rate),
    net_recv_rate: h.map((s) => s.net_recv_rate), net_sent_rate: h.map((s) => s.net_sent_rate),
  };
}
