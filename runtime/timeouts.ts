// Connection time limits of the HTTP server: how long a client may take to send its headers and how long a connection
// may stay silent; never how long a whole request or response takes, so long uploads and downloads are not cut.
import type { Server, ServerOptions } from 'node:http';

export interface Timeouts {
  /** A request's headers must arrive within this (ms); a connection that sends nothing is closed after it. */
  headersMs: number;
  /** A connection on which no byte moves either way for this long (ms) is closed; an event stream pings every 25 s. */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { headersMs: 60_000, idleMs: 120_000 };

/**
 * Options for http(s).createServer. Node's own `requestTimeout` (300 s by default) bounds the whole request, body
 * included: an upload still streaming after five minutes would get 408. It is off here; the idle limit catches a body
 * that stops flowing instead. Node looks for expired header waits every `connectionsCheckingInterval`, so that follows
 * the headers limit (a quarter of it, at most Node's 30 s).
 */
export function serverOptions(t: Timeouts): ServerOptions {
  return {
    requestTimeout: 0,
    headersTimeout: t.headersMs,
    connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(t.headersMs / 4))),
  };
}

/**
 * The idle limit, on every connection the server accepts. Upgraded sockets (console WebSockets) leave the server's
 * care: ws switches their timer off, and the consoles close them themselves.
 */
export function applyIdleTimeout(server: Server, t: Timeouts): void {
  server.setTimeout(t.idleMs);
}
