// Unix-socket transport: libvirtd's local socket, or the path given by `?socket=`.
import { connectReusingBuffer, whenConnected, type Dialer } from './dialer.ts';

export const DEFAULT_SOCKET = '/var/run/libvirt/libvirt-sock';

export const dialUnix: Dialer = (uri, opts) => {
  const path = uri.params.socket || DEFAULT_SOCKET;
  return whenConnected(connectReusingBuffer({ path }), 'connect', `libvirtd socket ${path}`, opts.timeoutMs ?? 10_000);
};
