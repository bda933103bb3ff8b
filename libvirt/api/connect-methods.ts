// Typed connection/host methods: hostname, versions, capabilities, node info, listing and all-domain stats.
import { paramsToObject, type Domain, type ParamValue } from '../protocol/index.ts';
import { Caller } from './base.ts';

export interface DomainStats {
  dom: Domain;
  /** Typed parameters by name, e.g. {"state.state": 1, "cpu.time": 123n, "balloon.current": 1048576n}. */
  stats: Record<string, ParamValue>;
}

export interface DomainCapabilitiesQuery {
  emulatorbin?: string | null;
  arch?: string | null;
  machine?: string | null;
  virttype?: string | null;
}

export abstract class ConnectMethods extends Caller {
  connectGetHostname() { return this.invoke('connectGetHostname', undefined); }
  /** Hypervisor version as major*1_000_000 + minor*1000 + release. */
  connectGetVersion() { return this.invoke('connectGetVersion', undefined); }
  /** libvirt (daemon) version as major*1_000_000 + minor*1000 + release. */
  connectGetLibVersion() { return this.invoke('connectGetLibVersion', undefined); }
  connectGetCapabilities() { return this.invoke('connectGetCapabilities', undefined); }
  connectGetSysinfo(flags = 0) { return this.invoke('connectGetSysinfo', { flags }); }
  connectSupportsFeature(feature: number) { return this.invoke('connectSupportsFeature', { feature }); }

  connectGetDomainCapabilities(q: DomainCapabilitiesQuery = {}, flags = 0) {
    return this.invoke('connectGetDomainCapabilities', {
      emulatorbin: q.emulatorbin ?? null, arch: q.arch ?? null, machine: q.machine ?? null, virttype: q.virttype ?? null, flags,
    });
  }

  nodeGetInfo() { return this.invoke('nodeGetInfo', undefined); }

  /** virConnectListAllDomains; flags are VIR_CONNECT_LIST_DOMAINS_* (0 = all). */
  async connectListAllDomains(flags = 0): Promise<Domain[]> {
    return (await this.invoke('connectListAllDomains', { need_results: 1, flags })).domains;
  }

  /** virConnectGetAllDomainStats (or for `doms` only); each record's typed parameters become a plain object. */
  async connectGetAllDomainStats(stats = 0, flags = 0, doms: Domain[] = []): Promise<DomainStats[]> {
    const records = await this.invoke('connectGetAllDomainStats', { doms, stats, flags });
    return records.map((r) => ({ dom: r.dom, stats: paramsToObject(r.params) }));
  }
}
