// Migration and job procedures (remote_protocol.x): peer-to-peer perform with typed parameters, job stats, abort, tuning.
import { x } from '../xdr/index.ts';
import { domain, domOnly, none, optString, proc, typedParam } from './types.ts';

/** REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX and REMOTE_DOMAIN_JOB_STATS_MAX */
const MIGRATE_PARAM_LIST_MAX = 64;
const JOB_STATS_MAX = 64;

export const migrateProcedures = {
  /** remote_node_get_free_memory_ret {freeMem}: bytes free on the host. */
  nodeGetFreeMemory: proc('nodeGetFreeMemory', 102, none, x.uhyperNum),
  domainAbortJob: proc('domainAbortJob', 164, domOnly, none),
  /**
   * A disk's block job (a migration's NBD mirror is one, type 2 = copy): bandwidth in MiB/s, or B/s with flag 1
   * (VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES); found 0 when the disk has none.
   */
  domainGetBlockJobInfo: proc('domainGetBlockJobInfo', 238, x.struct({ dom: domain, path: x.string, flags: x.uint }),
    x.struct({ found: x.int, type: x.int, bandwidth: x.uhyperNum, cur: x.uhyperNum, end: x.uhyperNum })),
  /** Downtime in ms. */
  domainMigrateSetMaxDowntime: proc('domainMigrateSetMaxDowntime', 166, x.struct({ dom: domain, downtime: x.uhyper, flags: x.uint }), none),
  /** Bandwidth in MiB/s. */
  domainMigrateSetMaxSpeed: proc('domainMigrateSetMaxSpeed', 207, x.struct({ dom: domain, bandwidth: x.uhyper, flags: x.uint }), none),
  /** remote_domain_get_job_stats_ret {type (virDomainJobType), params}. */
  domainGetJobStats: proc('domainGetJobStats', 298, x.struct({ dom: domain, flags: x.uint }),
    x.struct({ type: x.int, params: x.array(typedParam, JOB_STATS_MAX) })),
  /**
   * What virDomainMigrateToURI3 sends in peer-to-peer mode: the source libvirtd runs the whole migration and
   * answers when it has ended (seconds to hours), with an empty cookie.
   */
  domainMigratePerform3Params: proc('domainMigratePerform3Params', 305,
    x.struct({
      dom: domain, dconnuri: optString, params: x.array(typedParam, MIGRATE_PARAM_LIST_MAX),
      cookie_in: x.opaque, flags: x.uint,
    }),
    x.struct({ cookie_out: x.opaque })),
};
