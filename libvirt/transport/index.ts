// Picks the transport from the URI: unix socket, tcp, tls or ssh.
import type { Duplex } from 'node:stream';
import type { DialOptions, Dialer } from './dialer.ts';
import { dialSsh } from './ssh.ts';
import { dialTcp } from './tcp.ts';
import { dialTls } from './tls.ts';
import { dialUnix } from './unix.ts';
import { parseUri, type ParsedUri, type TransportKind } from './uri.ts';

const dialers: Record<TransportKind, Dialer> = { unix: dialUnix, tcp: dialTcp, tls: dialTls, ssh: dialSsh };

export function dial(uri: string | ParsedUri, opts: DialOptions = {}): Promise<Duplex> {
  const parsed = typeof uri === 'string' ? parseUri(uri) : uri;
  return dialers[parsed.transport](parsed, opts);
}

export { parseUri, type ParsedUri, type TransportKind } from './uri.ts';
export type { DialOptions, Dialer, TlsFiles } from './dialer.ts';
export { attachReader } from './dialer.ts';
export { DEFAULT_SOCKET } from './unix.ts';
export { DEFAULT_PKI, tlsFiles } from './tls.ts';
export { sshArgs } from './ssh.ts';
