// Loopback peers for transport tests: tcp/tls relays to libvirtd's unix socket, a throwaway PKI, a private sshd.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createConnection, createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SOCKET } from '../../libvirt/index.ts';

/** Last-resort cleanup when the process ends early (uncaught error, process.exit, SIGINT/SIGTERM): sync only. */
const leftovers = new Set<() => void>();
process.once('exit', () => { for (const f of leftovers) { try { f(); } catch { /* best effort */ } } });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(128 + (sig === 'SIGINT' ? 2 : 15)));
function onExit(f: () => void): () => void {
  leftovers.add(f);
  return () => leftovers.delete(f);
}

export interface Relay {
  port: number;
  /** Client connections accepted (for TLS: handshakes the server completed). */
  accepted: number;
  /** Bytes the client sent on to libvirtd through the relay. */
  bytesUp: number;
  close(): Promise<void>;
}

/** Pipe every accepted connection to libvirtd's unix socket; libvirtd serves it as a local client. */
function relayTo(server: Server, port: number, tls: boolean): Promise<Relay> {
  const open = new Set<Socket>();
  const relay: Relay = {
    port, accepted: 0, bytesUp: 0,
    close: () => new Promise((resolve) => { for (const s of open) s.destroy(); server.close(() => resolve()); }),
  };
  server.on(tls ? 'secureConnection' : 'connection', (c: Socket) => {
    relay.accepted++;
    const up = createConnection(DEFAULT_SOCKET);
    open.add(c).add(up);
    // libvirtd's own TLS listener sends one byte, 1, once it has accepted the client certificate.
    if (tls) c.write(Buffer.from([1]));
    c.on('data', (d: Buffer) => { relay.bytesUp += d.length; });
    c.pipe(up).pipe(c);
    const drop = () => { c.destroy(); up.destroy(); open.delete(c); open.delete(up); };
    c.on('error', drop).on('close', drop);
    up.on('error', drop).on('close', drop);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { relay.port = (server.address() as AddressInfo).port; resolve(relay); });
  });
}

export const tcpRelay = (port = 0) => relayTo(createNetServer(), port, false);

export function tlsRelay(pki: Pki, serverCa: 'good' | 'other' = 'good'): Promise<Relay> {
  const server = createTlsServer({
    key: readFileSync(join(pki.dir, `server-${serverCa}.key`)), cert: readFileSync(join(pki.dir, `server-${serverCa}.pem`)),
    ca: readFileSync(join(pki.dir, 'ca-good.pem')), requestCert: true, rejectUnauthorized: true,
  });
  server.on('tlsClientError', () => { /* a refused client is what some tests want */ });
  return relayTo(server, 0, true);
}

export interface Pki { dir: string; pkipath: string; cleanup(): void }

/** Two CAs (good, other), a server cert for 127.0.0.1/localhost from each, and a client cert from good. */
export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-pki-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const forget = onExit(remove);
  try {
    return pkiIn(dir, () => { forget(); remove(); });
  } catch (e) {
    forget();
    remove();
    throw e;
  }
}

function pkiIn(dir: string, cleanup: () => void): Pki {
  const cnf = join(dir, 'min.cnf');
  writeFileSync(cnf, '[req]\ndistinguished_name=dn\n[dn]\n');
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-config', cnf];
  const leaf = (name: string, ca: string, cn: string, ext: string[]) => openssl('req', '-x509', ...ec,
    '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.pem`), '-subj', `/CN=${cn}`,
    '-CA', join(dir, `${ca}.pem`), '-CAkey', join(dir, `${ca}.key`), '-addext', 'basicConstraints=CA:FALSE', ...ext);
  for (const ca of ['ca-good', 'ca-other']) {
    openssl('req', '-x509', ...ec, '-keyout', join(dir, `${ca}.key`), '-out', join(dir, `${ca}.pem`), '-subj', `/CN=Kimchi test ${ca}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  }
  const san = ['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'extendedKeyUsage=serverAuth'];
  leaf('server-good', 'ca-good', 'localhost', san);
  leaf('server-other', 'ca-other', 'localhost', san);
  leaf('client', 'ca-good', 'kimchi-client', ['-addext', 'extendedKeyUsage=clientAuth']);
  leaf('client-other', 'ca-other', 'kimchi-client', ['-addext', 'extendedKeyUsage=clientAuth']);
  // libvirt's pkipath layout: cacert.pem, clientcert.pem, clientkey.pem.
  const pkipath = join(dir, 'libvirt');
  mkdirSync(pkipath);
  writeFileSync(join(pkipath, 'cacert.pem'), readFileSync(join(dir, 'ca-good.pem')));
  writeFileSync(join(pkipath, 'clientcert.pem'), readFileSync(join(dir, 'client.pem')));
  writeFileSync(join(pkipath, 'clientkey.pem'), readFileSync(join(dir, 'client.key')));
  return { dir, pkipath, cleanup };
}

/** A free loopback port (closed again; fine for a private daemon started right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Sshd {
  port: number;
  dir: string;
  key: string;
  knownHosts: string;
  /** sshd's log so far (LogLevel VERBOSE: accepted keys, refused logins). */
  log(): string;
  stop(): Promise<void>;
}

/** A private sshd on 127.0.0.1: own host key and config, root may log in with a fresh key only. */
export async function startSshd(): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-sshd-'));
  let child: ChildProcess | undefined;
  const kill = () => { if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const forget = onExit(() => { kill(); remove(); });
  try {
    const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'kimchi-test', '-f', join(dir, file)]);
    keygen('host_key');
    keygen('client_key');
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
    const port = await freePort();
    writeFileSync(join(dir, 'sshd_config'), [
      `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'PermitRootLogin prohibit-password', 'PubkeyAuthentication yes',
      'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', 'LogLevel VERBOSE', '',
    ].join('\n'));
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8')}`);
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege-separation directory
    // -D: stay in the foreground (our child, so we can stop it); -e: log to stderr.
    const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = sshd;
    let log = '';
    sshd.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 10_000);
      const check = () => { if (/Server listening on 127\.0\.0\.1 port/.test(log)) { done(); resolve(); } };
      const exited = (code: number | null) => { done(); reject(new Error(`sshd exited with ${code}: ${log}`)); };
      const done = () => { clearTimeout(timer); sshd.stderr!.off('data', check); sshd.off('exit', exited); };
      sshd.stderr!.on('data', check);
      sshd.once('exit', exited);
    });
    const stop = () => new Promise<void>((resolve) => {
      if (sshd.exitCode !== null || sshd.signalCode !== null) return resolve();
      const hard = setTimeout(kill, 5000);
      sshd.once('exit', () => { clearTimeout(hard); resolve(); });
      sshd.kill('SIGTERM');
    }).finally(() => { forget(); remove(); });
    return { port, dir, key: join(dir, 'client_key'), knownHosts, log: () => log, stop };
  } catch (e) {
    forget();
    kill();
    remove();
    throw e;
  }
}
