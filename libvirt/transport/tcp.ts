// Plain TCP transport (driver+tcp://host[:16509]/path): unencrypted, for trusted networks only.
import { connectReusingBuffer, whenConnected, type Dialer } from './dialer.ts';

export const DEFAULT_TCP_PORT = 16509;

export const dialTcp: Dialer = (uri, opts) => {
  const host = uri.host ?? 'localhost';
  const port = uri.port ?? DEFAULT_TCP_PORT;
  const sock = connectReusingBuffer({ host, port });
  sock.setNoDelay(true);
  return whenConnected(sock, 'connect', `libvirtd at ${host}:${port}`, opts.timeoutMs ?? 10_000);
};
