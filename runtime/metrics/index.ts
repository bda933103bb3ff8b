// createMetrics: the Prometheus registry behind GET /metrics — every host's guests and pools, HTTP, tasks, streams.
import { readFileSync } from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { countTasksByStatus } from '../../db/index.ts';
import type { Deps, LibvirtSource, MetricsSource } from '../../handlers/common/context.ts';
import { LOCAL_HOST } from '../../handlers/common/hosts.ts';
import { VmStatsSampler } from '../vm-stats.ts';
import { guestSeries, type HostReading } from './guests.ts';
import { PoolSampler } from './pools.ts';

export interface MetricsConfig {
  /** The server's deps: db (tasks) and hosts (read at every scrape, so hosts added later are covered). */
  deps: Pick<Deps, 'db' | 'hosts'>;
  /** The event bus, for the number of open event streams. */
  events: { readonly clients: number };
  /** The local host's client and the sampler the API's rates come from (shared, so the guests are read once). */
  local: { libvirt: LibvirtSource & { readonly connected: boolean }; vmStats: VmStatsSampler };
  token?: string;
  /** How long one scrape keeps the samplers reading every guest and pool (default 10 min: scrape more often). */
  demandMs?: number;
  poolIntervalMs?: number;
}

export interface Metrics extends MetricsSource { readonly registry: Registry; stop(): void }

interface HostSources { up(): boolean; libvirt: LibvirtSource; vms: VmStatsSampler; pools: PoolSampler }

/** The scraper's token from a file (the file, not the command line, so `ps` never shows it): one line, 16+ characters. */
export function readMetricsToken(file: string): string {
  const token = readFileSync(file, 'utf8').trim();
  if (!/^\S{16,}$/.test(token)) throw new Error(`${file}: the metrics token must be one word of at least 16 characters`);
  return token;
}

const callsOf = (libvirt: LibvirtSource) => {
  try { return libvirt.connection.stats; } catch { return { inFlight: 0, queued: 0 }; }
};

export function createMetrics(config: MetricsConfig): Metrics {
  const demandMs = config.demandMs ?? 600_000;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry }); // the process itself: CPU, memory, event loop lag, handles
  const setHosts = guestSeries(registry);
  const requests = new Counter({ name: 'kimchi_http_requests_total', help: 'API requests answered, by route pattern, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'kimchi_http_request_duration_seconds', help: 'Time to answer an API request (to its headers), by route pattern and method',
    labelNames: ['route', 'method'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const tasks = new Gauge({ name: 'kimchi_tasks', help: 'Tasks kept in the database, by state', labelNames: ['state'], registers: [registry] });
  const streams = new Gauge({ name: 'kimchi_sse_clients', help: 'Open /api/events streams', registers: [registry] });

  const local: HostSources = {
    up: () => config.local.libvirt.connected, libvirt: config.local.libvirt, vms: config.local.vmStats,
    pools: new PoolSampler(config.local.libvirt, { intervalMs: config.poolIntervalMs }),
  };
  // Registered hosts (issue 14) get samplers of their own here, made at their first scrape and dropped with the host.
  const others = new Map<string, HostSources>();
  const hosts = (): Map<string, HostSources> => {
    const out = new Map([[LOCAL_HOST, local]]);
    for (const h of config.deps.hosts?.list() ?? []) {
      if (h.name === LOCAL_HOST) continue;
      let s = others.get(h.name);
      if (!s) {
        const vms = new VmStatsSampler(h.libvirt);
        vms.start();
        s = { up: () => h.state().status === 'connected', libvirt: h.libvirt, vms, pools: new PoolSampler(h.libvirt, { intervalMs: config.poolIntervalMs }) };
        others.set(h.name, s);
      }
      out.set(h.name, s);
    }
    for (const [name, s] of others) if (!out.has(name)) { s.vms.stop(); s.pools.stop(); others.delete(name); }
    return out;
  };

  return {
    registry,
    token: config.token,
    observeRequest(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route, method }, seconds);
    },
    async render() {
      const readings: HostReading[] = await Promise.all([...hosts()].map(async ([host, s]) => {
        const [guests, pools] = await Promise.all([s.vms.everyGuest(demandMs), s.pools.current(demandMs)]);
        return { host, up: s.up(), guests, pools, calls: callsOf(s.libvirt) };
      }));
      setHosts(readings);
      tasks.reset();
      for (const [state, n] of Object.entries(countTasksByStatus(config.deps.db))) tasks.set({ state }, n);
      streams.set(config.events.clients);
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    stop() {
      local.pools.stop();
      for (const s of others.values()) { s.vms.stop(); s.pools.stop(); }
      others.clear();
    },
  };
}
