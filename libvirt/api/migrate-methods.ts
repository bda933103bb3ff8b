// Typed migration and job methods: peer-to-peer migrate (virDomainMigrateToURI3), job stats, abort, tuning, free memory.
import { ParamType, paramsToObject, type Domain, type ParamValue, type TypedParam } from '../protocol/index.ts';
import { Caller } from './base.ts';

/** VIR_MIGRATE_PARAM_* values: strings, or numbers sent as unsigned 64-bit (bandwidth in MiB/s). */
export type MigrateParams = Partial<Record<string, string | number | string[]>>;

/** Typed parameters from a plain object; a string list (migrate_disks) becomes one parameter per item. */
function migrateParams(params: MigrateParams): TypedParam[] {
  const out: TypedParam[] = [];
  for (const [field, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const s of v) out.push({ field, type: ParamType.STRING, value: s });
    else if (typeof v === 'string') out.push({ field, type: ParamType.STRING, value: v });
    else out.push({ field, type: ParamType.ULLONG, value: BigInt(v) });
  }
  return out;
}

export interface JobStats {
  /** virDomainJobType: 0 none, 1 bounded, 2 unbounded, 3 completed, 4 failed, 5 cancelled. */
  type: number;
  /** VIR_DOMAIN_JOB_* fields by name ("data_total" → 1234n, "time_elapsed" → 800n …). */
  stats: Record<string, ParamValue>;
}

export abstract class MigrateMethods extends Caller {
  /**
   * virDomainMigrateToURI3 with VIR_MIGRATE_PEER2PEER: one call to the source libvirtd, which connects to
   * `dconnuri` itself and runs the whole migration; resolves when it has ended. `flags` must include PEER2PEER.
   */
  async domainMigrateToURI3(dom: Domain, dconnuri: string, params: MigrateParams, flags: number): Promise<void> {
    await this.invoke('domainMigratePerform3Params', { dom, dconnuri, params: migrateParams(params), cookie_in: Buffer.alloc(0), flags });
  }

  /** virDomainGetJobStats: the running job's progress (flags JobStatsFlags.COMPLETED: the last finished one). */
  async domainGetJobStats(dom: Domain, flags = 0): Promise<JobStats> {
    const r = await this.invoke('domainGetJobStats', { dom, flags });
    return { type: r.type, stats: paramsToObject(r.params) };
  }

  domainAbortJob(dom: Domain) { return this.invoke('domainAbortJob', { dom }); }
  /** The block job on `disk` (target dev or path): found, type, bandwidth (MiB/s; B/s with flags 1), cur/end. */
  domainGetBlockJobInfo(dom: Domain, disk: string, flags = 0) { return this.invoke('domainGetBlockJobInfo', { dom, path: disk, flags }); }
  /** Longest pause the guest may see at the switch-over, in ms (only while a migration runs). */
  domainMigrateSetMaxDowntime(dom: Domain, ms: number, flags = 0) {
    return this.invoke('domainMigrateSetMaxDowntime', { dom, downtime: BigInt(ms), flags });
  }
  /** Migration bandwidth cap in MiB/s (before or during a migration). */
  domainMigrateSetMaxSpeed(dom: Domain, mibPerSecond: number, flags = 0) {
    return this.invoke('domainMigrateSetMaxSpeed', { dom, bandwidth: BigInt(mibPerSecond), flags });
  }
  /** Free memory on the host, in bytes. */
  nodeGetFreeMemory() { return this.invoke('nodeGetFreeMemory', undefined); }
}
