// TLS transport (driver+tls://host[:16514]/path) using libvirt's PKI file locations unless overridden.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { whenConnected, type Dialer, type TlsFiles } from './dialer.ts';

export const DEFAULT_TLS_PORT = 16514;

export const DEFAULT_PKI: Required<TlsFiles> = {
  ca: '/etc/pki/CA/cacert.pem',
  cert: '/etc/pki/libvirt/clientcert.pem',
  key: '/etc/pki/libvirt/private/clientkey.pem',
};

/** `?pkipath=DIR` holds cacert.pem, clientcert.pem and clientkey.pem, as in libvirt. */
export function tlsFiles(pkipath: string | undefined, override: TlsFiles = {}): Required<TlsFiles> {
  const base = pkipath
    ? { ca: join(pkipath, 'cacert.pem'), cert: join(pkipath, 'clientcert.pem'), key: join(pkipath, 'clientkey.pem') }
    : DEFAULT_PKI;
  return { ca: override.ca ?? base.ca, cert: override.cert ?? base.cert, key: override.key ?? base.key };
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read TLS ${what} ${path}: ${(e as Error).message}`, { cause: e });
  }
}

export const dialTls: Dialer = async (uri, opts) => {
  const host = uri.host ?? 'localhost';
  const port = uri.port ?? DEFAULT_TLS_PORT;
  const files = tlsFiles(uri.params.pkipath, opts.tls);
  const verify = uri.params.no_verify !== '1';
  const sock = connect({
    host, port, servername: host,
    ca: read(files.ca, 'CA certificate'), cert: read(files.cert, 'client certificate'), key: read(files.key, 'client key'),
    rejectUnauthorized: verify,
  });
  return whenConnected(sock, 'secureConnect', `libvirtd at ${host}:${port} (TLS)`, opts.timeoutMs ?? 10_000);
};
