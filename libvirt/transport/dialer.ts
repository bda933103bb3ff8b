// The one interface every transport implements: open a byte stream to libvirtd for a parsed URI.
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
