// Connection-level procedures (remote_protocol.x): open/close, auth, features, host facts, domain listing.
import { x } from '../xdr/index.ts';
import { domain, flagsOnly, none, optString, proc, typedParams } from './types.ts';

/** virNodeInfo */
export const nodeInfo = x.struct({
  model: x.charArray(32), memory: x.uhyperNum, cpus: x.int, mhz: x.int,
  nodes: x.int, sockets: x.int, cores: x.int, threads: x.int,
});

/** remote_domain_stats_record */
export const domainStatsRecord = x.struct({ dom: domain, params: typedParams });

/** remote_auth_type */
export const AuthType = { NONE: 0, SASL: 1, POLKIT: 2 } as const;

/** virDrvFeature (libvirt_internal.h): the daemon answers the last three itself, the others come from its driver. */
export const Feature = {
  MIGRATION_P2P: 4, MIGRATION_V3: 6, MIGRATION_PARAMS: 13, PROGRAM_KEEPALIVE: 10, REMOTE_EVENT_CALLBACK: 14, REMOTE_CLOSE_CALLBACK: 15,
} as const;

export const connectProcedures = {
  connectOpen: proc('connectOpen', 1, x.struct({ name: optString, flags: x.uint }), none),
  connectClose: proc('connectClose', 2, none, none),
  connectGetVersion: proc('connectGetVersion', 4, none, x.uhyperNum),
  nodeGetInfo: proc('nodeGetInfo', 6, none, nodeInfo),
  connectGetCapabilities: proc('connectGetCapabilities', 7, none, x.string),
  connectGetHostname: proc('connectGetHostname', 59, none, x.string),
  connectSupportsFeature: proc('connectSupportsFeature', 60, x.struct({ feature: x.int }), x.bool),
  authList: proc('authList', 66, none, x.array(x.int, 20)),
  authPolkit: proc('authPolkit', 70, none, x.bool),
  connectGetLibVersion: proc('connectGetLibVersion', 157, none, x.uhyperNum),
  connectListAllDomains: proc('connectListAllDomains', 273,
    x.struct({ need_results: x.int, flags: x.uint }),
    x.struct({ domains: x.array(domain, 16384), ret: x.uint })),
  connectGetDomainCapabilities: proc('connectGetDomainCapabilities', 342,
    x.struct({ emulatorbin: optString, arch: optString, machine: optString, virttype: optString, flags: x.uint }),
    x.string),
  connectGetAllDomainStats: proc('connectGetAllDomainStats', 344,
    x.struct({ doms: x.array(domain, 16384), stats: x.uint, flags: x.uint }),
    x.array(domainStatsRecord, 16384)),
  connectGetSysinfo: proc('connectGetSysinfo', 203, flagsOnly, x.string),
};
