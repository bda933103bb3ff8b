// PoolSampler: every storage pool's capacity and allocation, read on its own timer while a scraper keeps asking.
import type { LibvirtSource } from '../../handlers/common/context.ts';

/** One pool at one reading (bytes). */
export interface PoolReading { name: string; uuid: string; active: boolean; capacity: number; allocation: number; available: number }
export interface PoolSample { at: number; pools: PoolReading[] }

/** VIR_STORAGE_POOL_RUNNING */
const RUNNING = 2;
const n = (v: number | bigint) => Number(v);

/**
 * Pools change slowly, so one reading every `intervalMs` (default 30 s) is plenty: list-all-storage-pools, then one
 * get-info per pool, pipelined. The timer runs only while someone asked within `forMs` (see `current`), so a server
 * nobody scrapes makes no calls; a scrape reads the latest reading and never calls libvirt itself, except that it
 * waits for a reading when none is younger than two intervals (the first scrape, or one after a pause).
 */
export class PoolSampler {
  readonly intervalMs: number;
  private latest: PoolSample | undefined;
  private until = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly source: LibvirtSource, opts: { intervalMs?: number } = {}) {
    this.intervalMs = Math.max(100, opts.intervalMs ?? 30_000);
  }

  /** The latest reading, keeping the timer going for `forMs`; undefined while libvirt is down. */
  async current(forMs: number): Promise<PoolSample | undefined> {
    this.until = Math.max(this.until, performance.now() + forMs);
    if (this.latest && Date.now() - this.latest.at <= 2 * this.intervalMs) return this.latest;
    await this.read();
    return this.latest;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private read(): Promise<void> {
    return this.reading ??= this.take().finally(() => {
      this.reading = undefined;
      clearTimeout(this.timer);
      this.timer = !this.stopped && performance.now() < this.until ? setTimeout(() => void this.read(), this.intervalMs).unref() : undefined;
    });
  }

  private async take(): Promise<void> {
    try {
      const conn = this.source.connection;
      const handles = await conn.connectListAllStoragePools(0);
      // A pool undefined between the list and its info is skipped, not an error.
      const infos = await Promise.all(handles.map((p) => conn.storagePoolGetInfo(p).catch(() => undefined)));
      const pools: PoolReading[] = [];
      handles.forEach((p, i) => {
        const info = infos[i];
        if (!info) return;
        pools.push({
          name: p.name, uuid: p.uuid, active: info.state === RUNNING,
          capacity: n(info.capacity), allocation: n(info.allocation), available: n(info.available),
        });
      });
      this.latest = { at: Date.now(), pools };
    } catch {
      this.latest = undefined; // libvirt is down: no pools rather than stale ones (kimchi_host_libvirt_up says why)
    }
  }
}
