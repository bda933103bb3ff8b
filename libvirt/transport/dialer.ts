// The one interface every transport implements: open a byte stream to libvirtd for a parsed URI.
import { createConnection, type NetConnectOpts, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ParsedUri } from './uri.ts';

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface DialOptions {
  /** Give up connecting after this many ms (default 10 s). */
  timeoutMs?: number;
  /** TLS file locations; default libvirt's PKI paths, or `?pkipath=` from the URI. */
  tls?: TlsFiles;
  /** Path of the ssh client (default "ssh"). */
  sshCommand?: string;
}

export type Dialer = (uri: ParsedUri, opts: DialOptions) => Promise<Duplex>;

/** Wait for a net/tls socket to connect, with a timeout; destroys it on failure. */
export function whenConnected(sock: Duplex, event: string, what: string, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms connecting to ${what}`)), timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      sock.off(event, ok);
      sock.destroy();
      reject(new Error(`cannot connect to ${what}: ${e.message}`, { cause: e }));
    };
    const ok = () => {
      clearTimeout(timer);
      sock.off('error', fail);
      resolve(sock);
    };
    sock.once(event, ok);
    sock.once('error', fail);
  });
}

const READER = Symbol('libvirt.reader');

interface Reader {
  handler: ((chunk: Buffer) => void) | null;
  /** Bytes that arrived before a handler was attached (copied: the read buffer is reused). */
  early: Buffer[];
}

/**
 * A net socket that reads into one reused 64 KiB buffer (net's `onread`) instead of a fresh allocation per read
 * through the Readable machinery: less CPU and garbage per reply. No 'data' events: attach a handler with
 * attachReader(); each chunk it gets is only valid during that call.
 */
export function connectReusingBuffer(opts: NetConnectOpts): Socket {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const reader: Reader = { handler: null, early: [] };
  const sock = createConnection({
    ...opts,
    onread: {
      buffer,
      callback: (n: number, buf: Uint8Array): boolean => {
        const chunk = (buf as Buffer).subarray(0, n);
        if (reader.handler) reader.handler(chunk);
        else reader.early.push(Buffer.from(chunk));
        return true; // keep reading (pause() still stops it)
      },
    },
  });
  (sock as unknown as Record<symbol, Reader>)[READER] = reader;
  return sock;
}

/** Route a connectReusingBuffer() socket's reads to `handler`; false for any other stream (use 'data'). */
export function attachReader(sock: Duplex, handler: (chunk: Buffer) => void): boolean {
  const reader = (sock as unknown as Record<symbol, Reader | undefined>)[READER];
  if (!reader) return false;
  reader.handler = handler;
  for (const chunk of reader.early.splice(0)) handler(chunk);
  return true;
}
