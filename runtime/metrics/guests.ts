// Per-guest and per-host series, set at each scrape from the samplers' latest readings (never from libvirt directly).
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DomainStats } from '../../libvirt/index.ts';
import { stateName } from '../../handlers/vms/view.ts';
import type { GuestSample } from '../vm-stats.ts';
import type { PoolSample } from './pools.ts';

/** What one host looked like at a scrape. */
export interface HostReading {
  host: string;
  up: boolean;
  guests?: GuestSample;
  pools?: PoolSample;
  calls: { inFlight: number; queued: number };
}

const GUEST = ['host', 'name', 'uuid'] as const;
/**
 * Running, blocked, paused, shutting down, pmsuspended: a guest with a process whose counters mean something. For a
 * shut-off guest libvirt still fills in some fields (its configured memory, a leftover CPU time): left out.
 */
const LIVE = new Set([1, 2, 3, 4, 7]);
type Stats = DomainStats['stats'];
const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);

/** Sum of `block.N.<field>` or `net.N.<field>` over the guest's disks or interfaces; undefined when libvirt sent none. */
function total(s: Stats, prefix: 'block' | 'net', field: string): number | undefined {
  if (s[`${prefix}.count`] === undefined) return undefined;
  let sum = 0;
  for (let i = 0, n = num(s[`${prefix}.count`]); i < n; i++) sum += num(s[`${prefix}.${i}.${field}`]);
  return sum;
}

/** The guest and host series on `registry`; the returned function replaces their values with one scrape's readings. */
export function guestSeries(registry: Registry): (hosts: HostReading[]) => void {
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames: GUEST, registers: [registry] });
  const state = gauge('kimchi_guest_state', 'Always 1; the state label is the guest\'s libvirt state (running, paused, shutoff…)', [...GUEST, 'state']);
  const memory = gauge('kimchi_guest_memory_bytes', 'Memory the guest has now (its balloon size); running guests only', GUEST);
  const memoryMax = gauge('kimchi_guest_memory_max_bytes', 'Memory the guest may balloon up to; running guests only', GUEST);
  const rss = gauge('kimchi_guest_memory_rss_bytes', 'Host memory the guest\'s process holds (resident set), when libvirt reports it', GUEST);
  // Counters: libvirt's own totals since the guest started; a restart resets them, which Prometheus' rate() expects.
  const counters: Array<[Counter, (s: Stats) => number | undefined]> = [
    [counter('kimchi_guest_cpu_seconds_total', 'CPU time the guest used, all vCPUs together'),
      (s) => (s['cpu.time'] === undefined ? undefined : num(s['cpu.time']) / 1e9)],
    [counter('kimchi_guest_disk_read_bytes_total', 'Bytes read from all the guest\'s disks'), (s) => total(s, 'block', 'rd.bytes')],
    [counter('kimchi_guest_disk_write_bytes_total', 'Bytes written to all the guest\'s disks'), (s) => total(s, 'block', 'wr.bytes')],
    [counter('kimchi_guest_disk_read_ops_total', 'Read requests on all the guest\'s disks'), (s) => total(s, 'block', 'rd.reqs')],
    [counter('kimchi_guest_disk_write_ops_total', 'Write requests on all the guest\'s disks'), (s) => total(s, 'block', 'wr.reqs')],
    [counter('kimchi_guest_network_receive_bytes_total', 'Bytes the guest received on all its interfaces'), (s) => total(s, 'net', 'rx.bytes')],
    [counter('kimchi_guest_network_transmit_bytes_total', 'Bytes the guest sent on all its interfaces'), (s) => total(s, 'net', 'tx.bytes')],
  ];
  const up = gauge('kimchi_host_libvirt_up', '1 while this server is connected to the host\'s libvirtd, else 0', ['host']);
  const byState = gauge('kimchi_host_guests', 'Guests on the host by libvirt state', ['host', 'state']);
  const sampledAt = gauge('kimchi_host_guests_sampled_timestamp_seconds', 'When the guest counters were read (Unix time)', ['host']);
  const POOL = ['host', 'pool'] as const;
  const poolActive = gauge('kimchi_pool_active', '1 while the storage pool is active, else 0', POOL);
  const capacity = gauge('kimchi_pool_capacity_bytes', 'Storage pool capacity (active pools)', POOL);
  const allocation = gauge('kimchi_pool_allocation_bytes', 'Storage pool allocation (active pools)', POOL);
  const available = gauge('kimchi_pool_available_bytes', 'Storage pool free space (active pools)', POOL);
  const inFlight = gauge('kimchi_libvirt_calls_in_flight', 'Calls to the host\'s libvirtd awaiting a reply', ['host']);
  const queued = gauge('kimchi_libvirt_calls_queued', 'Calls to the host\'s libvirtd waiting for room in the window', ['host']);
  const all = [state, memory, memoryMax, rss, ...counters.map(([c]) => c), up, byState, sampledAt, poolActive, capacity, allocation, available, inFlight, queued];

  return (hosts) => {
    for (const m of all) m.reset();
    for (const h of hosts) {
      up.set({ host: h.host }, h.up ? 1 : 0);
      inFlight.set({ host: h.host }, h.calls.inFlight);
      queued.set({ host: h.host }, h.calls.queued);
      if (h.guests) {
        sampledAt.set({ host: h.host }, h.guests.at / 1000);
        // Every state, 0 when no guest is in it, so a query for one (crashed guests, say) finds 0 rather than nothing.
        const counts = new Map<string, number>(Object.values(stateName).map((st) => [st, 0]));
        for (const { dom, stats: s } of h.guests.records) {
          const labels = { host: h.host, name: dom.name, uuid: dom.uuid };
          const st = stateName[num(s['state.state'])] ?? 'nostate';
          counts.set(st, (counts.get(st) ?? 0) + 1);
          state.set({ ...labels, state: st }, 1);
          if (!LIVE.has(num(s['state.state']))) continue;
          if (s['balloon.current'] !== undefined) memory.set(labels, num(s['balloon.current']) * 1024);
          if (s['balloon.maximum'] !== undefined) memoryMax.set(labels, num(s['balloon.maximum']) * 1024);
          if (s['balloon.rss'] !== undefined) rss.set(labels, num(s['balloon.rss']) * 1024);
          for (const [c, read] of counters) {
            const v = read(s);
            if (v !== undefined) c.inc(labels, v);
          }
        }
        for (const [st, n] of counts) byState.set({ host: h.host, state: st }, n);
      }
      for (const p of h.pools?.pools ?? []) {
        const labels = { host: h.host, pool: p.name };
        poolActive.set(labels, p.active ? 1 : 0);
        if (!p.active) continue; // libvirt reports zeros for an inactive pool: leave the series out rather than lie
        capacity.set(labels, p.capacity);
        allocation.set(labels, p.allocation);
        available.set(labels, p.available);
      }
    }
  };
}
