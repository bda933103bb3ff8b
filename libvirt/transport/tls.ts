// TLS transport (driver+tls://host[:16514]/path) using libvirt's PKI file locations unless overridden.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { checkServerIdentity, connect } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Dialer, TlsFiles } from './dialer.ts';

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

/**
 * Handshake, check the server certificate against the CA file and the host name (unless `?no_verify=1`), then
 * wait for libvirtd's verdict on *our* certificate: libvirtd sends one byte, 1, once it accepts the client;
 * otherwise it drops the connection. That byte is consumed here and never reaches the RPC framer.
 */
export const dialTls: Dialer = async (uri, opts) => {
  const host = uri.host ?? 'localhost';
  const port = uri.port ?? DEFAULT_TLS_PORT;
  const files = tlsFiles(uri.params.pkipath, opts.tls);
  const verify = uri.params.no_verify !== '1';
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const what = `libvirtd at ${host}:${port} (TLS)`;
  const ca = read(files.ca, 'CA certificate');
  const cert = read(files.cert, 'client certificate');
  const key = read(files.key, 'client key');
  // We verify ourselves after the handshake so the error can name the CA file; nothing is sent before that.
  const sock = connect({ host, port, servername: isIP(host) ? undefined : host, ca, cert, key, rejectUnauthorized: false });
  sock.setNoDelay(true);

  return new Promise<Duplex>((resolve, reject) => {
    let stage: 'handshake' | 'verdict' = 'handshake';
    const verdictFailed = (detail: string) =>
      new Error(`cannot connect to ${what}: server verification (of our certificate or IP address) failed: ${detail}`);
    const cleanup = () => {
      clearTimeout(timer);
      sock.off('secureConnect', onSecure).off('error', onError).off('close', onClose).off('readable', onReadable);
    };
    const fail = (e: Error) => {
      cleanup();
      sock.destroy();
      reject(e);
    };
    const onError = (e: Error) => fail(stage === 'verdict'
      ? Object.assign(verdictFailed(e.message), { cause: e })
      : new Error(`cannot connect to ${what}: ${e.message}`, { cause: e }));
    const onClose = () => fail(stage === 'verdict'
      ? verdictFailed('the server closed the connection')
      : new Error(`cannot connect to ${what}: connection closed during the TLS handshake`));
    const onSecure = () => {
      if (verify) {
        const problem = sock.authorizationError
          ? `${sock.authorizationError.message ?? sock.authorizationError}`
          : checkServerIdentity(host, sock.getPeerCertificate())?.message;
        if (problem) {
          return fail(new Error(`cannot connect to ${what}: the server certificate does not verify against ${files.ca} for host ${host}: ${problem}`));
        }
      }
      stage = 'verdict';
      sock.on('readable', onReadable);
      onReadable();
    };
    const onReadable = () => {
      const b = sock.read(1) as Buffer | null;
      if (b === null) return;
      if (b[0] !== 1) return fail(verdictFailed(`libvirtd answered ${b[0]} instead of 1`));
      cleanup();
      resolve(sock);
    };
    const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms connecting to ${what}`)), timeoutMs);
    sock.once('secureConnect', onSecure).on('error', onError).on('close', onClose);
  });
};
