// Parses a libvirt URI (driver[+transport]://[user@][host][:port]/path[?query]) the way libvirt's remote driver does.

export type TransportKind = 'unix' | 'tcp' | 'tls' | 'ssh';

export interface ParsedUri {
  driver: string;
  transport: TransportKind;
  user?: string;
  host?: string;
  port?: number;
  path: string;
  /** Client-side options (socket, pkipath, no_verify, command, …) taken out of the query. */
  params: Record<string, string>;
  /** The URI sent to the daemon in CONNECT_OPEN: no transport, host or client-side options. */
  remoteName: string;
}

/** Query parameters that configure the client and are never forwarded to libvirtd. */
const CLIENT_PARAMS = new Set([
  'name', 'command', 'socket', 'auth', 'netcat', 'keyfile', 'no_verify', 'no_tty', 'pkipath',
  'known_hosts', 'known_hosts_verify', 'sshauth', 'mode', 'proxy', 'tls_priority',
]);

export function parseUri(uri: string): ParsedUri {
  const m = /^([a-zA-Z][a-zA-Z0-9_-]*)(?:\+([a-z]+))?:\/\/([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?$/.exec(uri);
  if (!m) throw new TypeError(`not a libvirt URI: ${uri}`);
  const [, driver, transportRaw, authority, path = '', query = ''] = m;
  let user: string | undefined;
  let hostPort = authority ?? '';
  const at = hostPort.lastIndexOf('@');
  if (at >= 0) { user = decodeURIComponent(hostPort.slice(0, at)); hostPort = hostPort.slice(at + 1); }
  let host: string | undefined;
  let port: number | undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (v6) { host = v6[1]; port = v6[2] ? Number(v6[2]) : undefined; }
  else if (hostPort) {
    const [h, p] = hostPort.split(':');
    host = h || undefined;
    port = p ? Number(p) : undefined;
  }
  if (port !== undefined && !(port > 0 && port < 65536)) throw new TypeError(`bad port in libvirt URI: ${uri}`);

  const transport = (transportRaw ?? (host ? 'tls' : 'unix')) as TransportKind;
  if (!['unix', 'tcp', 'tls', 'ssh'].includes(transport)) throw new TypeError(`unsupported libvirt transport "${transportRaw}" in ${uri}`);

  const params: Record<string, string> = {};
  const forwarded: string[] = [];
  for (const part of query.split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    if (CLIENT_PARAMS.has(k)) params[k] = v;
    else forwarded.push(part);
  }
  const remoteName = params.name ?? `${driver}://${path}${forwarded.length ? `?${forwarded.join('&')}` : ''}`;
  return { driver: driver!, transport, user, host, port, path, params, remoteName };
}
