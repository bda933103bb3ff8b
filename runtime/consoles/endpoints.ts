// Console WebSocket endpoints on the Node http server: [base]/api/consoles/{vnc,serial}?token= — token checked before upgrading.
import type { IncomingMessage, Server } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { touchSession } from '../../db/auth.ts';
import { consumeConsoleToken } from '../../db/consoles.ts';
import type { Db } from '../../db/index.ts';
import { toErrorAnswer } from '../../handlers/common/translate.ts';
import { KimchiError } from '../../handlers/common/errors.ts';
import { consoleTarget } from '../../handlers/consoles/connect-target.ts';
import { endsFor, SESSIONS_ENDED, type SessionsEnded } from '../../handlers/auth/types.ts';
import type { EventSource } from '../../handlers/index.ts';
import { connect, ErrorCode, LibvirtError, type Connection, type LibvirtClient } from '../../libvirt/index.ts';
import { bridge } from './bridge.ts';
import { localeOfUpgrade, refuse, refuseRaw } from './refuse.ts';
import { LOCAL_HOST, type HostDirectory } from '../../handlers/common/hosts.ts';

/** The console paths under a base path (`/virt`, already checked to be plain segments). */
const consolePath = (base = '') => new RegExp(`^${base.replace(/[.]/g, '\\.')}/(?:api|plugins/kimchi)/consoles/(vnc|serial)/?$`);
/** How often an open console marks its login session as in use. */
const KEEPALIVE_MS = 60_000;

export interface ConsoleOptions {
  db: Db;
  libvirt: LibvirtClient;
  /** The libvirt URI, for the serial console's own connection. */
  libvirtUri: string;
  logger?: { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void };
  /** Connect timeout to the VNC server (ms). */
  connectTimeoutMs?: number;
  /** Registered hosts (issue 14): a token names its VM's host, whose connection opens the console. */
  hosts?: HostDirectory;
  /** The event bus: a console closes when the session (or account) that opened it ends (SESSIONS_ENDED). */
  events?: Pick<EventSource, 'subscribe'>;
  /** Where the host mounts us (`/virt`): only upgrades below it are ours. */
  basePath?: string;
}

export interface ConsoleEndpoints {
  /** Open console sessions. */
  readonly size: number;
  /** Refuse new upgrades and close every open console (WebSocket close 1001). */
  close(): Promise<void>;
}

interface Session {
  ws: WebSocket; close(code: number, reason: string): void; closed: Promise<void>;
  /** Who opened it: the token's user and login session. */
  owner: { name: string; session?: string | null } | undefined;
}

function tcpOpen(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = tcpConnect({ host, port });
    const timer = setTimeout(() => s.destroy(new Error(`VNC server ${host}:${port} did not answer in ${timeoutMs} ms`)), timeoutMs);
    s.once('connect', () => { clearTimeout(timer); s.setNoDelay(true); resolve(s); });
    s.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

export function attachConsoles(server: Server, opts: ConsoleOptions): ConsoleEndpoints {
  const PATH = consolePath(opts.basePath);
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1 << 20 });
  const sessions = new Set<Session>();
  const pending = new Set<Duplex>();
  let closing = false;

  /** Everything after the token: reach the console, then upgrade and bridge. Errors answer before the upgrade. */
  async function open(kind: 'vnc' | 'serial', uuid: string, hostName: string): Promise<{ stream: Duplex; cleanup?: () => Promise<void> }> {
    // The VM's own host: never a guest with the same UUID on another one.
    const host = hostName === LOCAL_HOST ? { libvirt: opts.libvirt, uri: opts.libvirtUri } : opts.hosts?.get(hostName);
    if (!host) throw new KimchiError(404, 'KCHHOST0001E', { name: hostName });
    const dom = await host.libvirt.connection.domainLookupByUUID(uuid).catch((e: unknown) => {
      if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN) throw new KimchiError(404, 'KCHCONS0007E', {}, { cause: e });
      throw e;
    });
    const target = await consoleTarget(host.libvirt.connection, dom);
    if (kind === 'vnc') {
      // The VNC address is the guest's host's; from here only the local one is known to be reachable.
      if (hostName !== LOCAL_HOST) throw new KimchiError(409, 'KCHHOST0011E', { name: dom.name, host: hostName });
      if (!target.vnc) throw target.vncProblem!;
      return { stream: await tcpOpen(target.vnc.host, target.vnc.port, opts.connectTimeoutMs ?? 5000) };
    }
    if (!target.serial) throw new KimchiError(409, 'KCHCONS0004E', { name: dom.name });
    // A console reader that lags pauses its connection's socket: give each console its own connection.
    const conn: Connection = await connect(host.uri, { keepalive: { intervalMs: 5000, count: 5 } });
    try {
      const stream = await conn.domainOpenConsole(dom, null, 0);
      return { stream, cleanup: () => conn.close().catch(() => undefined) };
    } catch (e) {
      await conn.close().catch(() => undefined);
      throw e;
    }
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = PATH.exec(url.pathname);
    if (!m) {
      // Not ours: another upgrade handler may take it; alone, we answer 404 so the socket does not hang.
      if (server.listenerCount('upgrade') <= 1) refuseRaw(socket, 404, { code: 'KCHAPI0001E', reason: 'Not found' });
      return;
    }
    socket.on('error', () => socket.destroy());
    if (closing) return refuse(socket, req, url, 500, 'KCHCONF0001E', { uri: opts.libvirtUri });
    const kind = m[1] as 'vnc' | 'serial';
    const token = url.searchParams.get('token');
    if (!token) return refuse(socket, req, url, 401, 'KCHCONS0005E');
    const used = consumeConsoleToken(opts.db, token, kind);
    if (!used.ok) return refuse(socket, req, url, 403, 'KCHCONS0006E');

    pending.add(socket);
    let opened: Awaited<ReturnType<typeof open>>;
    try {
      opened = await open(kind, used.row.vmUuid, used.row.host);
    } catch (e) {
      pending.delete(socket);
      const answer = toErrorAnswer(e, localeOfUpgrade(req, url), {
        requestId: crypto.randomUUID(), uri: opts.libvirtUri,
        unexpected: (err) => opts.logger?.warn({ err, kind }, 'console could not be opened'),
      });
      // A VNC server that refuses the connection is an upstream failure, not ours.
      const status = e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('E') ? 502 : answer.status;
      return refuseRaw(socket, status, answer.body);
    }
    pending.delete(socket);
    const { stream, cleanup } = opened;
    if (closing || socket.destroyed) {
      stream.destroy();
      await cleanup?.();
      return refuseRaw(socket, 500, { code: 'KCHCONF0001E', reason: 'closing' });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      let resolveClosed!: () => void;
      const closed = new Promise<void>((r) => { resolveClosed = r; });
      // Someone at a console is using their session even without HTTP requests: it must not idle out under them.
      const login = used.row.session;
      const keepAlive = login ? setInterval(() => touchSession(opts.db, login), KEEPALIVE_MS) : undefined;
      keepAlive?.unref();
      const session: Session = {
        ws, closed, owner: used.row.user ? { name: used.row.user, session: login } : undefined,
        close: bridge(ws, stream, (end) => {
          clearInterval(keepAlive);
          sessions.delete(session);
          opts.logger?.info({ kind, vm: used.row.vmUuid, code: end.code, reason: end.reason }, 'console closed');
          void Promise.resolve(cleanup?.()).finally(resolveClosed);
        }).close,
      };
      sessions.add(session);
      opts.logger?.info({ kind, vm: used.row.vmUuid, user: used.row.user }, 'console opened');
    });
  }

  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(req, socket, head).catch((e: unknown) => {
      opts.logger?.error({ err: e }, 'console upgrade failed');
      refuseRaw(socket, 500, { code: 'KCHAPI0006E', reason: 'internal error' });
    });
  };
  server.on('upgrade', listener);
  const unsubscribe = opts.events?.subscribe((e) => {
    if (e.type !== SESSIONS_ENDED) return;
    for (const s of sessions) if (endsFor(s.owner, e.data as SessionsEnded)) s.close(1008, 'session ended');
  });

  return {
    get size() { return sessions.size; },
    async close() {
      closing = true;
      server.off('upgrade', listener);
      unsubscribe?.();
      for (const s of pending) s.destroy();
      const all = [...sessions];
      for (const s of all) s.close(1001, 'server closing');
      await Promise.all(all.map((s) => s.closed));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
