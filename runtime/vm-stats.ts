// VmStatsSampler: one get-all-domain-stats call every few seconds (for the VMs someone looks at, or all); rates, one-minute peaks, the raw sample for /metrics.
import { DomainStatsTypes, ErrorCode, LibvirtError, type Domain, type DomainStats } from '../libvirt/index.ts';
import type { LibvirtSource, VmStats, VmStatsSource } from '../handlers/common/context.ts';
import { countersOf, rates, round, type Counters } from './vm-rates.ts';

export { countersOf, memUtilization, rates, type Counters } from './vm-rates.ts';

export interface SamplerOptions {
  /** Between samples (default 5000 ms). */
  intervalMs?: number;
  /** Peaks are the highest rate within this window (default 60 000 ms). */
  peakWindowMs?: number;
  logger?: { debug(obj: object, msg?: string): void };
  /** Sample only while someone read rates within this long (default 30 000 ms); 0 samples always. */
  idleMs?: number;
}

const TYPES = DomainStatsTypes.STATE | DomainStatsTypes.CPU_TOTAL | DomainStatsTypes.BALLOON | DomainStatsTypes.VCPU
  | DomainStatsTypes.INTERFACE | DomainStatsTypes.BLOCK;
/** VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE and _NOWAIT (skip a domain busy with a job instead of waiting on it). */
const ACTIVE = 1, NOWAIT = 1 << 29;
/** Past this many wanted VMs one call for all is cheaper than naming them. */
const MAX_NAMED = 200;
const ON = new Set<unknown>([1, 2, 3, 4, 7]); // running, blocked, paused, shutting down, pmsuspended: counters move

interface Entry { counters: Counters; stats?: VmStats; history: Array<{ t: number; net: number; io: number }> }

/** One reading of every guest, shut-off ones included (their records carry only the state): what /metrics serves. */
export interface GuestSample { at: number; records: DomainStats[] }

export class VmStatsSampler implements VmStatsSource {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private flags = ACTIVE | NOWAIT;
  readonly intervalMs: number;
  private readonly windowMs: number;
  private readonly idleMs: number;
  private lastDemand = -Infinity;
  private sleeping = false;
  /** Who asked lately, with the handle to name them in a call (a list asks for all, a page for its rows). */
  private readonly wanted = new Map<string, { dom?: Domain; at: number }>();
  /** Until then (performance.now()) every tick reads every guest, shut-off ones too: a scraper wants them all. */
  private allUntil = -Infinity;
  private latest: GuestSample | undefined;
  private ticking: Promise<void> | undefined;

  constructor(private readonly source: LibvirtSource, private readonly opts: SamplerOptions = {}) {
    this.intervalMs = opts.intervalMs ?? 5000;
    this.windowMs = opts.peakWindowMs ?? 60_000;
    this.idleMs = opts.idleMs ?? 30_000;
  }

  /**
   * Rates of a running VM once two samples exist; undefined otherwise (the API shows zeros). Asking is what keeps
   * the sampler going: with nobody reading rates (no list, no guest page open) it stops calling libvirt, so an idle
   * server with 1000 guests costs nothing; the first read after a pause takes a sample at once.
   */
  get(uuid: string, dom?: Domain): VmStats | undefined {
    this.lastDemand = performance.now();
    // A list asks for every row on every answer: update in place rather than allocate.
    const seen = this.wanted.get(uuid);
    if (seen) { seen.at = this.lastDemand; if (dom) seen.dom = dom; } else this.wanted.set(uuid, { dom, at: this.lastDemand });
    if (this.sleeping && this.running) {
      this.sleeping = false;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.tick(), 0).unref();
    }
    return this.entries.get(uuid)?.stats;
  }

  /** One tick at a time; the timer, a waking read and a scraper waiting for a fresh sample share it. */
  private readonly tick = (): Promise<void> => this.ticking ??= this.step().finally(() => {
    this.ticking = undefined;
    clearTimeout(this.timer);
    if (this.running && !this.sleeping) this.timer = setTimeout(this.tick, this.intervalMs).unref();
  });

  private async step(): Promise<void> {
    const now = performance.now();
    if (now > this.allUntil && this.idleMs > 0 && now - this.lastDemand > this.idleMs) {
      this.sleeping = true; // the next get() wakes us; old counters would give averages over the pause
      this.entries.clear();
      this.wanted.clear();
      this.latest = undefined;
      return;
    }
    await this.sample(now, this.named());
  }

  /**
   * Every guest's latest counters for a scraper: ticks read every guest for the next `forMs` (so the scraper's
   * interval must be shorter), and a scrape never calls libvirt itself — except that when no reading of all guests
   * is younger than two intervals (the first scrape, or one after a pause) it waits for the sampler's next tick.
   * Undefined while libvirt is down.
   */
  async everyGuest(forMs: number): Promise<GuestSample | undefined> {
    this.allUntil = Math.max(this.allUntil, performance.now() + forMs);
    if (this.latest && Date.now() - this.latest.at <= 2 * this.intervalMs) return this.latest;
    this.sleeping = false;
    await this.tick();
    return this.latest;
  }

  get active(): boolean { return this.running; }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.sleeping = false;
    this.lastDemand = performance.now();
    this.timer = setTimeout(this.tick, 0).unref();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * The VMs wanted within idleMs when they are few and all have a handle — then a tick reads just those (the rows on
   * someone's screen) instead of every running VM; undefined means all.
   */
  private named(): Domain[] | undefined {
    if (this.idleMs <= 0 || performance.now() < this.allUntil) return undefined;
    const since = performance.now() - this.idleMs;
    const doms: Domain[] = [];
    for (const [uuid, w] of this.wanted) {
      if (w.at < since) { this.wanted.delete(uuid); continue; }
      if (!w.dom || doms.length >= MAX_NAMED) return undefined;
      doms.push(w.dom);
    }
    return doms.length ? doms : undefined;
  }

  /** Every running VM's stats; libvirt before 4.5 does not know NOWAIT: ask again without it, and from then on. */
  private all(flags: number): Promise<DomainStats[]> {
    const conn = this.source.connection;
    return conn.connectGetAllDomainStats(TYPES, flags & this.flags).catch((e: unknown) => {
      if (!(e instanceof LibvirtError && e.code === ErrorCode.INVALID_ARG && this.flags & NOWAIT)) throw e;
      this.flags = ACTIVE;
      return conn.connectGetAllDomainStats(TYPES, flags & this.flags);
    });
  }

  /** One sample now (of `doms` only, or every running VM); false when libvirt is down or refused (the last rates stay). */
  async sample(now = performance.now(), doms?: Domain[]): Promise<boolean> {
    let records: DomainStats[];
    // A scraper wants shut-off guests too (their state); the UI's rates need only running ones.
    const everyGuest = !doms && now < this.allUntil;
    try {
      const conn = this.source.connection;
      const filter = everyGuest ? NOWAIT : ACTIVE | NOWAIT;
      // Named domains take no filter flag (libvirt refuses ACTIVE with a list); a missing one fails the call: then all.
      if (doms) records = await conn.connectGetAllDomainStats(TYPES, this.flags & NOWAIT, doms).catch(() => (doms = undefined, this.all(filter)));
      else records = await this.all(filter);
    } catch (e) {
      this.opts.logger?.debug({ err: (e as Error).message }, 'vm stats tick skipped');
      if (everyGuest) this.latest = undefined; // a scraper sees no guests rather than stale ones
      return false;
    }
    if (everyGuest) this.latest = { at: Date.now(), records };
    const seen = new Set<string>();
    for (const r of records) {
      const uuid = r.dom.uuid;
      if (!ON.has(r.stats['state.state'])) continue; // a VM that is shut off has no rates
      seen.add(uuid);
      const cur = countersOf(r.stats, now);
      const e = this.entries.get(uuid);
      if (!e) { this.entries.set(uuid, { counters: cur, history: [] }); continue; }
      const { cpu, net, io } = rates(e.counters, cur);
      e.history = e.history.filter((h) => now - h.t < this.windowMs);
      e.history.push({ t: now, net, io });
      e.counters = cur;
      e.stats = {
        cpu_utilization: cpu, mem_utilization: round(cur.mem),
        net_throughput: net, net_throughput_peak: Math.max(...e.history.map((h) => h.net)),
        io_throughput: io, io_throughput_peak: Math.max(...e.history.map((h) => h.io)),
      };
    }
    // Stopped or gone (of those asked for; a named sample says nothing of the others).
    const asked = doms ? new Set(doms.map((d) => d.uuid)) : undefined;
    for (const uuid of this.entries.keys()) if (!seen.has(uuid) && (!asked || asked.has(uuid))) this.entries.delete(uuid);
    return true;
  }
}
