// openKimchi(options): the whole product wired (SQLite, libvirt, sanity, events, samplers, recovery, consoles) as a
// fetch handler a host mounts, or that startServer listens with; close() drains and releases everything.
import type { Hono } from 'hono';
import { mkdirSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { DEFAULT_AUDIT_RETENTION, openStore, pruneAudit, purgeSessions } from '../db/index.ts';
import { createApp } from '../handlers/index.ts';
import { normalizeBasePath } from '../handlers/common/base-path.ts';
import type { Deps } from '../handlers/common/context.ts';
import type { AuthProvider, IdentifyUser } from '../handlers/auth/types.ts';
import { undoInterrupted } from '../handlers/vms/recover.ts';
import { readVm } from '../handlers/vms/service.ts';
import { LibvirtClient } from '../libvirt/index.ts';
import { startSessionRecheck } from './auth/recheck.ts';
import { attachConsoles, type ConsoleEndpoints } from './consoles/index.ts';
import { DomainXmlCache } from './domain-xml-cache.ts';
import { EventBus, forwardLibvirtEvents } from './events.ts';
import { HostStatsSampler } from './host-stats.ts';
import { SanityMonitor } from './monitor.ts';
import { MIGRATIONS_DIR, UI_DIR } from './paths.ts';
import { VERSION } from './version.ts';
import { VmStatsSampler } from './vm-stats.ts';
import { webApp } from './web-app.ts';
import { openHosts } from './hosts/index.ts';
import { LOCAL_HOST, type HostDirectory } from '../handlers/common/hosts.ts';
import { createMetrics, readMetricsToken } from './metrics/index.ts';
import { cleanInstalls } from './install-cleanup.ts';
import { claimDataDir } from './backup/lock.ts';
import { writeBackup } from './backup/archive.ts';

export interface KimchiOptions {
  /** libvirt's URI for this machine (`qemu:///system`). */
  libvirtUri: string;
  /** Where kimchi.db, logs and debug reports live (created if missing). */
  dataDir: string;
  /** Our own login (pamProvider()): sessions, HTTP Basic, audit. */
  auth?: AuthProvider;
  /** The host's login: who the caller is, from the request (null → 401). Tried before `auth`; see README "Embedding". */
  identify?: IdentifyUser;
  logger?: Logger;
  /** Where the host mounts us (`/virt`); requests outside it answer 404. Default: the root. */
  basePath?: string;
  /** The built UI (default dist/ui of this package); `false`: serve the API only. */
  uiDir?: string | false;
  /** A client to use instead of connecting to libvirtUri; close() closes it. */
  libvirt?: LibvirtClient;
  /** Where the sanity check creates the `default` pool when it is missing. */
  poolPath?: string;
  /** How long close() waits for requests in flight (ms). */
  drainMs?: number;
  /** Responses carry HSTS (the host speaks TLS). */
  tls?: boolean;
  /** A file holding the bearer token a Prometheus scraper sends to GET /metrics (else only administrators read it). */
  metricsTokenFile?: string;
  /** Where the log files are, for debug reports (default <dataDir>/logs). */
  logDir?: string;
}

export interface Kimchi {
  /** The Web-standard handler: pass the request (and, under @hono/node-server, its env) as the host received it. */
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
  app: Hono;
  monitor: SanityMonitor;
  basePath: string;
  /** Serve the console WebSockets on the host's node http(s) server (once per server). */
  attach(server: HttpServer | HttpsServer): void;
  /**
   * Stop: end event streams and consoles, wait for requests in flight (at most drainMs) and for `drained` (say, the
   * host's server closing, so downloads finish), then close libvirt and SQLite.
   */
  close(opts?: { drained?: Promise<unknown> }): Promise<void>;
}

export async function openKimchi(options: KimchiOptions): Promise<Kimchi> {
  const log = options.logger ?? pino({ level: process.env.KIMCHI_LOG_LEVEL ?? 'info' });
  const basePath = normalizeBasePath(options.basePath);
  const dataDir = resolve(options.dataDir);
  const metricsToken = options.metricsTokenFile ? readMetricsToken(options.metricsTokenFile) : undefined; // before anything opens
  mkdirSync(dataDir, { recursive: true });
  const releaseDataDir = claimDataDir(dataDir); // <data-dir>/kimchi.pid: `kimchi-ts restore` refuses while it is there
  const store = openStore(join(dataDir, 'kimchi.db'), { migrationsFolder: MIGRATIONS_DIR });
  const auth = options.auth;
  // Sessions that expired while we were down (live ones are checked on each use), and the audit log within its limits.
  if (auth) purgeSessions(store.db, auth.idleMs, auth.maxMs);
  if (auth) pruneAudit(store.db, auth.auditRetention ?? DEFAULT_AUDIT_RETENTION);
  const client = options.libvirt ?? new LibvirtClient({ uri: options.libvirtUri, timeoutMs: 10_000, logger: log.child({ part: 'libvirt' }) });
  const events = new EventBus();
  const monitor = new SanityMonitor(client, { uri: options.libvirtUri, poolPath: options.poolPath, log: log.child({ part: 'sanity' }) });
  monitor.on('change', () => events.publish({ type: 'config' }));
  await monitor.recheck();
  // Undo what tasks interrupted by a stop left half-done, now and whenever libvirtd comes back (steps that failed
  // because it was away are still in the journal).
  const recoveryLog = log.child({ part: 'recovery' });
  let recovering: Promise<unknown> | null = null;
  // Set below: a migration's copies on another host are undone through that host's client (retried until it is up).
  let directory: HostDirectory | undefined;
  const recover = () => recovering ??= Promise.resolve().then(() => undoInterrupted(client.connection, store.db, recoveryLog, LOCAL_HOST, directory))
    .catch((err) => recoveryLog.warn({ err }, 'undoing interrupted tasks failed'))
    .finally(() => { recovering = null; });
  client.on('connected', () => void recover());
  if (client.connected) await recover();

  const vmStats = new VmStatsSampler(client, { logger: log.child({ part: 'vm-stats' }) });
  vmStats.start();
  const hostStats = new HostStatsSampler({ events });
  hostStats.start();
  const domainXml = new DomainXmlCache(client);
  // Many hosts (issue 14): `local` is this client; registered hosts get their own clients in runtime/hosts.
  // Unattended installs' volumes (passwords in clear text) go when the install run stops, on every host.
  const installs = cleanInstalls({ db: store.db, logger: log.child({ part: 'unattended' }), settled: (h) => (h === LOCAL_HOST ? recovering ?? undefined : undefined) });
  installs.watch(LOCAL_HOST, client);
  const hosts = openHosts({
    db: store.db, events, local: { uri: options.libvirtUri, client, sanity: monitor, vmStats, domainXml, hostStats }, logger: log, onClient: installs.watch,
  });
  directory = hosts.directory;
  const deps: Deps = {
    libvirt: client, db: store.db, sanity: monitor, events, vmStats, domainXml, hostStats, dataDir,
    auth, identify: options.identify, basePath, logger: log.child({ part: 'api' }), version: VERSION,
    hosts: hosts.directory, host: LOCAL_HOST,
  };
  if (options.logDir) deps.logDir = resolve(options.logDir); // appliance: /var/log/kimchi-ts
  // A `vm` event carries the VM after the change (read with the handlers' own readVm), so lists update one row.
  forwardLibvirtEvents(client, events, (dom) => readVm(deps, dom), LOCAL_HOST);
  hosts.start(deps);
  // GET /metrics (runtime/metrics): series from the samplers above, request counts from createApp's middleware.
  const metrics = deps.metrics = createMetrics({ deps, events, local: { libvirt: client, vmStats }, token: metricsToken });
  // POST /api/config/backup (runtime/backup): an online copy of this database.
  deps.backup = { write: (file) => writeBackup(store.sqlite, file, { version: VERSION, migrationsFolder: MIGRATIONS_DIR }) };
  const recheck = auth ? startSessionRecheck(store.db, auth, events, log.child({ part: 'auth' })) : undefined;
  const web = webApp(createApp(deps), { basePath, tls: !!options.tls, uiDir: options.uiDir === undefined ? UI_DIR : options.uiDir });

  const consoles: ConsoleEndpoints[] = [];
  const attach = (server: HttpServer | HttpsServer) => {
    consoles.push(attachConsoles(server, {
      db: store.db, libvirt: client, libvirtUri: options.libvirtUri, basePath, logger: log.child({ part: 'consoles' }), events,
      hosts: hosts.directory,
    }));
  };
  let closing: Promise<void> | undefined;
  const close = (opts: { drained?: Promise<unknown> } = {}) => (closing ??= (async () => {
    web.draining = true;
    monitor.stop();
    recheck?.stop();
    vmStats.stop();
    hostStats.stop();
    metrics.stop();
    events.close(); // ends open event streams, so the drain does not wait on them
    await Promise.all(consoles.map((c) => c.close())); // upgraded sockets are no server's: close them ourselves
    await Promise.all([web.idle(options.drainMs ?? 10_000), opts.drained]);
    await hosts.close();
    await client.close();
    store.close();
    releaseDataDir();
    log.info({}, 'stopped');
  })());
  log.info({ libvirtUri: options.libvirtUri, dataDir, basePath: basePath || '/', state: monitor.current() ? 'error' : 'ok' }, 'open');
  return { fetch: web.fetch, app: web.app, monitor, basePath, attach, close };
}
