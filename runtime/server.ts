// startServer(config): the product wired by openKimchi, listening on its own http(s) server; close() drains.
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import pino, { type Logger } from 'pino';
import type { LibvirtClient } from '../libvirt/index.ts';
import type { AuthProvider } from '../handlers/auth/types.ts';
import { openKimchi } from './kimchi.ts';
import type { SanityMonitor } from './monitor.ts';
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
  /** A file holding the bearer token a Prometheus scraper sends to GET /metrics (else only administrators read it). */
  metricsTokenFile?: string;
  /** Where the log files are, for debug reports (default <dataDir>/logs). */
  logDir?: string;
}

export interface RunningServer { url: string; httpUrl?: string; app: Hono; monitor: SanityMonitor; close(): Promise<void> }


export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const log = config.logger ?? pino({ level: process.env.KIMCHI_LOG_LEVEL ?? 'info' });
  const kimchi = await openKimchi({
    libvirtUri: config.libvirtUri, dataDir: config.dataDir, auth: config.auth, logger: log, uiDir: config.uiDir,
    libvirt: config.libvirt, poolPath: config.poolPath, drainMs: config.drainMs, tls: !!config.tls, metricsTokenFile: config.metricsTokenFile,
    logDir: config.logDir,
  });
  const tls = config.tls ? readTls(config.tls) : undefined;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  let server: Server;
  try {
    server = await new Promise<Server>((resolveListen, reject) => {
      const options = tls
        ? { createServer: createHttpsServer, serverOptions: { ...tls, ...serverOptions(timeouts) } }
        : { serverOptions: serverOptions(timeouts) };
      const s = serve({ fetch: kimchi.fetch, hostname: config.host, port: config.port, ...options }, () => resolveListen(s as Server));
      s.once('error', reject);
    });
  } catch (e) {
    await kimchi.close();
    throw e;
  }
  applyIdleTimeout(server, timeouts);
  const redirect = tls && config.httpPort !== undefined
    ? await new Promise<Server>((resolveListen, reject) => {
      const r = redirectServer((server.address() as AddressInfo).port);
      r.once('error', reject);
      r.listen(config.httpPort, config.host, () => resolveListen(r));
    })
    : undefined;
  kimchi.attach(server);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  log.info({ url, libvirtUri: config.libvirtUri, state: kimchi.monitor.current() ? 'error' : 'ok' }, 'listening');

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    redirect?.close();
    redirect?.closeAllConnections();
    // No new connections; sockets that turn idle during the drain (an event stream that just ended) close as they do,
    // and after drainMs the rest are cut.
    const closed = new Promise<void>((done) => server.close(() => done()));
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    const cut = setTimeout(() => server.closeAllConnections(), config.drainMs ?? 10_000);
    server.closeIdleConnections();
    try {
      await kimchi.close({ drained: closed }); // streams and consoles end first; libvirt and SQLite close once drained
    } finally {
      clearInterval(sweep);
      clearTimeout(cut);
    }
  })());
  const httpUrl = redirect ? `http://${host}:${(redirect.address() as AddressInfo).port}` : undefined;
  return { url, httpUrl, app: kimchi.app, monitor: kimchi.monitor, close };
}
