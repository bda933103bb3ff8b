// startServer(config): open SQLite and libvirt, run the sanity check, compose createApp with docs and UI, listen; close() drains.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { DEFAULT_AUDIT_RETENTION, openStore, pruneAudit, purgeSessions } from '../db/index.ts';
import { createApp, MOUNTS, ROOT_POSTS } from '../handlers/index.ts';
import { LibvirtClient } from '../libvirt/index.ts';
import { mountDocs } from './docs.ts';
import { EventBus, forwardLibvirtEvents } from './events.ts';
import { SanityMonitor } from './monitor.ts';
import { mountUi } from './static.ts';
import { VERSION } from './version.ts';
import { MIGRATIONS_DIR, UI_DIR } from './paths.ts';
import { VmStatsSampler } from './vm-stats.ts';
import { HostStatsSampler } from './host-stats.ts';
import { DomainXmlCache } from './domain-xml-cache.ts';
import { openHosts } from './hosts/index.ts';
import { attachConsoles } from './consoles/index.ts';
import { undoInterrupted } from '../handlers/vms/recover.ts';
import { readVm } from '../handlers/vms/service.ts';
import type { Deps } from '../handlers/common/context.ts';
import { LOCAL_HOST } from '../handlers/common/hosts.ts';
import { createServer as createHttpsServer } from 'node:https';
import type { AuthProvider } from '../handlers/auth/types.ts';
import { securityHeaders } from './security.ts';
import { startSessionRecheck } from './auth/recheck.ts';
import { readTls, redirectServer, type TlsFiles } from './tls.ts';
import { applyIdleTimeout, DEFAULT_TIMEOUTS, serverOptions, type Timeouts } from './timeouts.ts';

export interface ServerConfig {
  host: string;
  port: number;
  libvirtUri: string;
  dataDir: string;
  /** Built UI (default dist/ui of this checkout). */
  uiDir?: string;
  /** A client to use instead of connecting to libvirtUri; the server closes it on close(). */
  libvirt?: LibvirtClient;
  logger?: Logger;
  /** Where the sanity check creates the `default` pool when it is missing. */
  poolPath?: string;
  /** How long close() waits for in-flight requests before cutting them (ms). */
  drainMs?: number;
  /** Authentication (npm start always passes PAM); absent: the API is open, for tests and hosts that authenticate in front. */
  auth?: AuthProvider;
  /** Serve HTTPS with these files; `httpPort` then answers plain HTTP with redirects to HTTPS. */
  tls?: TlsFiles;
  httpPort?: number;
  /** Connection limits (runtime/timeouts.ts); a whole request or response is never timed, only silence. */
  timeouts?: Partial<Timeouts>;
}

export interface RunningServer { url: string; httpUrl?: string; app: Hono; monitor: SanityMonitor; close(): Promise<void> }


export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const log = config.logger ?? pino({ level: process.env.KIMCHI_LOG_LEVEL ?? 'info' });
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const store = openStore(join(dataDir, 'kimchi.db'), { migrationsFolder: MIGRATIONS_DIR });
  // Sessions that expired while the server was down (live ones are checked on each use).
  if (config.auth) purgeSessions(store.db, config.auth.idleMs, config.auth.maxMs);
  // The audit log within its limits now (they may have been lowered since the last run); each write trims it after.
  if (config.auth) pruneAudit(store.db, config.auth.auditRetention ?? DEFAULT_AUDIT_RETENTION);
  const client = config.libvirt ?? new LibvirtClient({ uri: config.libvirtUri, timeoutMs: 10_000, logger: log.child({ part: 'libvirt' }) });
  const events = new EventBus();
  const monitor = new SanityMonitor(client, { uri: config.libvirtUri, poolPath: config.poolPath, log: log.child({ part: 'sanity' }) });
  monitor.on('change', () => events.publish({ type: 'config' }));
  await monitor.recheck();
  // Undo what tasks interrupted by a stop left half-done, now and whenever libvirtd comes back (steps that failed
  // because it was away are still in the journal).
  const recoveryLog = log.child({ part: 'recovery' });
  let recovering: Promise<unknown> | null = null;
  const recover = () => recovering ??= Promise.resolve().then(() => undoInterrupted(client.connection, store.db, recoveryLog))
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
  const hosts = openHosts({ db: store.db, events, local: { uri: config.libvirtUri, client, sanity: monitor, vmStats, domainXml, hostStats }, logger: log });
  const deps: Deps = { libvirt: client, db: store.db, sanity: monitor, events, vmStats, domainXml, hostStats, dataDir, auth: config.auth, logger: log.child({ part: 'api' }), version: VERSION, hosts: hosts.directory, host: LOCAL_HOST };
  // A `vm` event carries the VM after the change (read with the handlers' own readVm), so lists update one row.
  forwardLibvirtEvents(client, events, (dom) => readVm(deps, dom), LOCAL_HOST);
  hosts.start(deps);
  const api = createApp(deps);
  const app = new Hono();
  app.use('*', securityHeaders(!!config.tls));
  let draining = false;
  app.use('*', async (c, next) => {
    await next();
    if (draining) c.header('Connection', 'close'); // a keep-alive socket must not outlive the drain
  });
  // API answers in JSON are gzipped for browsers that take it; the event stream, downloads and uploads are not JSON
  // (nor are console websockets, which never reach Hono), so they pass through untouched.
  for (const mount of MOUNTS) app.use(`${mount}/*`, compress({ encoding: 'gzip', contentTypeFilter: /^application\/json\b/ }));
  mountDocs(app);
  for (const mount of MOUNTS) app.all(`${mount}/*`, (c) => api.fetch(c.req.raw, c.env));
  app.all('/api', (c) => api.fetch(c.req.raw, c.env));
  for (const path of ROOT_POSTS) app.post(path, (c) => api.fetch(c.req.raw, c.env)); // wok's POST /login, /logout
  mountUi(app, config.uiDir ?? UI_DIR);

  const tls = config.tls ? readTls(config.tls) : undefined;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  const server = await new Promise<Server>((resolveListen, reject) => {
    const options = tls
      ? { createServer: createHttpsServer, serverOptions: { ...tls, ...serverOptions(timeouts) } }
      : { serverOptions: serverOptions(timeouts) };
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port, ...options }, () => resolveListen(s as Server));
    s.once('error', reject);
  });
  applyIdleTimeout(server, timeouts);
  const redirect = tls && config.httpPort !== undefined
    ? await new Promise<Server>((resolveListen, reject) => {
      const r = redirectServer((server.address() as AddressInfo).port);
      r.once('error', reject);
      r.listen(config.httpPort, config.host, () => resolveListen(r));
    })
    : undefined;
  const consoles = attachConsoles(server, { db: store.db, libvirt: client, libvirtUri: config.libvirtUri, logger: log.child({ part: 'consoles' }), events });
  const recheck = config.auth ? startSessionRecheck(store.db, config.auth, events, log.child({ part: 'auth' })) : undefined;
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  log.info({ url, libvirtUri: config.libvirtUri, dataDir, state: monitor.current() ? 'error' : 'ok' }, 'listening');

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    draining = true;
    monitor.stop();
    recheck?.stop();
    vmStats.stop();
    hostStats.stop();
    events.close(); // ends open event streams, so draining does not wait on them
    await consoles.close(); // upgraded sockets are not the http server's: close them ourselves
    redirect?.close();
    redirect?.closeAllConnections();
    await new Promise<void>((done) => {
      const cut = setTimeout(() => server.closeAllConnections(), config.drainMs ?? 10_000);
      // Sockets that turn idle during the drain (an event stream that just ended) are closed as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      server.close(() => { clearTimeout(cut); clearInterval(sweep); done(); });
      server.closeIdleConnections();
    });
    await hosts.close();
    await client.close();
    store.close();
    log.info({}, 'stopped');
  })());
  const httpUrl = redirect ? `http://${host}:${(redirect.address() as AddressInfo).port}` : undefined;
  return { url, httpUrl, app, monitor, close };
}
