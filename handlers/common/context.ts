// What handlers receive: long-lived deps through createApp, per-request values as typed Hono context variables.
import type { Connection, Domain } from '../../libvirt/index.ts';
import type { Db } from '../../db/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { Problem } from './errors.ts';
import type { AuthProvider, AuthUser, IdentifyUser } from '../auth/types.ts';
import type { HostDirectory } from './hosts.ts';

/** The libvirt side: anything that hands out the live connection (LibvirtClient does; throws while down). */
export interface LibvirtSource { readonly connection: Connection }

/** The startup sanity check as handlers see it: the failed requirement, or null when all is well. */
export interface SanityState {
  current(): Problem | null;
  recheck(): Promise<Problem | null>;
}

/**
 * Server-sent events: handlers subscribe; the runtime and services publish. `type` is the SSE event name
 * (config, task, vm, network, pool…); `config` is rendered from the sanity state; `render` gives
 * locale-dependent data, else `data` is sent as is.
 */
export interface ServerEvent { type: string; data?: unknown; render?: (locale: Locale) => unknown }
export interface EventSource {
  /** `client`: the listener is a client's event stream (counted for /metrics). */
  subscribe(listener: (e: ServerEvent) => void, opts?: { client?: boolean }): () => void;
  publish(e: ServerEvent): void;
  /** Resolves when the host is shutting down, so long-lived streams can end. */
  readonly closing: Promise<void>;
}

/** Recent per-VM rates computed by the runtime from get-all-domain-stats deltas (see runtime/vm-stats.ts). */
export interface VmStats {
  cpu_utilization: number;
  mem_utilization: number;
  net_throughput: number;
  net_throughput_peak: number;
  io_throughput: number;
  io_throughput_peak: number;
}
/** `get` also tells the source who is wanted: given the Domain, a sampler may read just the VMs someone looks at. */
export interface VmStatsSource { get(uuid: string, dom?: Domain): VmStats | undefined }

/** Domain XML for list views, possibly cached by the host (runtime/domain-xml-cache.ts); `invalidate` after our own edits. */
export interface DomainXmlSource {
  get(conn: Connection, dom: Domain): Promise<string>;
  invalidate(uuid: string): void;
  /** Moves on every event or invalidation: the host's list rows (handlers/vms/list-cache.ts) are kept while it stands still. */
  readonly generation?: number;
}

/** One host sample (Kimchi's /host/stats): CPU percent, memory in bytes, disk and network rates in B/s. */
export interface HostStats {
  /** Milliseconds since the epoch. */
  timestamp: number;
  cpu_utilization: number;
  memory: { total: number; free: number; avail: number; cached: number; buffers: number };
  disk_read_rate: number;
  disk_write_rate: number;
  net_recv_rate: number;
  net_sent_rate: number;
}
/** The host sampler (runtime/host-stats.ts): the latest sample and the last hour, oldest first. */
export interface HostStatsSource { current(): HostStats | undefined; history(): HostStats[] }

/** Prometheus metrics (runtime/metrics/): what GET /metrics serves, and the API's request counters. */
export interface MetricsSource {
  /** The exposition in Prometheus' text format, from the samplers' latest readings. */
  render(): Promise<{ contentType: string; body: string }>;
  /** One answered request: the route pattern that matched (never the raw path), method, status, seconds to the answer. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** A scraper's bearer token (--metrics-token-file); absent: only an administrator's credentials open /metrics. */
  readonly token?: string;
}

/** Backups of the server's database (runtime/backup): writes one to `file` (a new .tar.gz). */
export interface BackupSource { write(file: string): Promise<{ createdAt: string }> }

export interface HandlerLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface Deps {
  libvirt: LibvirtSource;
  db: Db;
  sanity: SanityState;
  events: EventSource;
  logger?: HandlerLogger;
  /** Live VM rates; absent in hosts that do not sample (the list then shows zeros). */
  vmStats?: VmStatsSource;
  /** Cached domain XML for lists; absent → every list reads each domain's XML. */
  domainXml?: DomainXmlSource;
  /** Host CPU, memory, disk and network samples; absent → /host/stats reads one instant sample, history is empty. */
  hostStats?: HostStatsSource;
  /** The server's data directory: debug reports are kept in <dataDir>/debugreports, logs read from <dataDir>/logs. */
  dataDir?: string;
  /** Where the server's log files are, when not <dataDir>/logs (debug reports read them). */
  logDir?: string;
  version?: string;
  /** Authentication (PAM, sessions, roles). Absent (and no `identify`): the API is open. */
  auth?: AuthProvider;
  /** A host that authenticates in front of us names the caller (tried before `auth`; null → 401 without it). */
  identify?: IdentifyUser;
  /**
   * Where the host mounts us (`/virt`; '' or absent: the root): requests arrive with it, and links in answers that a
   * client opens (console WebSockets, report downloads, the OpenAPI server) start with it.
   */
  basePath?: string;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Every managed host (issue 14); absent: only the local host exists. */
  hosts?: HostDirectory;
  /** The host this request's libvirt, sanity, vmStats… belong to (`local` when absent). */
  host?: string;
  /** GET /metrics and request counting; absent: no /metrics. */
  metrics?: MetricsSource;
  /** POST /config/backup; absent: 404. */
  backup?: BackupSource;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    locale: Locale;
    requestId: string;
    /** The authenticated caller (absent when deps.auth is absent). */
    user?: AuthUser;
    /** The client's address, when the host knows it. */
    remoteAddr?: string;
    /** The user name a login attempt named (for the audit log of failed logins). */
    loginName?: string;
  };
}
