// tcp, tls and ssh transports against live loopback peers that end at the real libvirtd (test driver fixtures).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { connect, Connection, DisconnectedError, type ConnectOptions } from '../../libvirt/index.ts';
import { dial, parseUri } from '../../libvirt/transport/index.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { makePki, startSshd, tcpRelay, tlsRelay, type Pki, type Sshd } from './peers.ts';

/** Fail (instead of hanging the suite, and skipping its cleanup) when `p` takes longer than `ms`. */
function within<T>(p: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Connect, run `fn`, always close. */
function using<T>(uri: string, fn: (c: Connection) => Promise<T>, opts: ConnectOptions = {}): Promise<T> {
  return within((async () => {
    const c = await connect(uri, { timeoutMs: 10_000, ...opts });
    try { return await fn(c); } finally { await c.close(); }
  })());
}

/** Hostname and the fixture's one domain: proof that real calls made the round trip. */
async function provesCalls(c: Connection): Promise<void> {
  assert.ok((await c.connectGetHostname()).length > 0, 'hostname');
  assert.equal((await c.connectListAllDomains()).map((d) => d.name), ['test-vm']);
}

async function rejectsWith(p: Promise<unknown>, re: RegExp): Promise<Error> {
  try {
    const c = await within(p);
    if (c instanceof Connection) await c.close();
  } catch (e) {
    assert.match((e as Error).message, re);
    return e as Error;
  }
  assert.unreachable(`expected a rejection matching ${re}`);
  throw new Error('unreachable');
}

let fx: Fixture;
let pki: Pki;
test.before(() => { fx = writeFixture(); pki = makePki(); });
test.after(() => { fx.cleanup(); pki.cleanup(); });

// ---- tcp
test('test+tcp:// through a loopback relay lists the fixture domain and reads the hostname', async () => {
  const relay = await tcpRelay();
  try {
    await using(`test+tcp://127.0.0.1:${relay.port}${fx.path}`, provesCalls);
    assert.is(relay.accepted, 1);
  } finally { await relay.close(); }
});

test('tcp without a port dials libvirt\'s default 16509', async () => {
  const relay = await tcpRelay(16509).catch(() => undefined); // someone else on 16509 still proves the dial
  try {
    const sock = await dial(parseUri('test+tcp://127.0.0.1/default'), { timeoutMs: 3000 }) as Socket;
    assert.is(sock.remotePort, 16509);
    sock.destroy();
    if (relay) await using(`test+tcp://127.0.0.1${fx.path}`, provesCalls);
  } finally { await relay?.close(); }
});

test('a tcp port with nobody listening fails fast with a DisconnectedError naming host and port', async () => {
  const relay = await tcpRelay();
  const port = relay.port;
  await relay.close();
  const e = await rejectsWith(connect(`test+tcp://127.0.0.1:${port}/default`), new RegExp(`cannot connect to libvirtd at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  assert.instance(e, DisconnectedError);
});

// ---- tls
test('test+tls:// with ?pkipath= verifies the server, passes libvirtd\'s client-cert verdict and makes calls', async () => {
  const relay = await tlsRelay(pki);
  try {
    await using(`test+tls://127.0.0.1:${relay.port}${fx.path}?pkipath=${encodeURIComponent(pki.pkipath)}`, provesCalls);
    assert.is(relay.accepted, 1, 'one TLS handshake with a client certificate from the good CA');
    assert.ok(relay.bytesUp > 0, 'the calls went through the TLS relay');
  } finally { await relay.close(); }
});

test('tls file overrides in ConnectOptions work for the hostname form (localhost) too', async () => {
  const relay = await tlsRelay(pki);
  try {
    await using(`test+tls://localhost:${relay.port}${fx.path}`, provesCalls, {
      tls: { ca: join(pki.dir, 'ca-good.pem'), cert: join(pki.dir, 'client.pem'), key: join(pki.dir, 'client.key') },
    });
    assert.is(relay.accepted, 1);
    assert.ok(relay.bytesUp > 0, 'the calls went through the TLS relay');
  } finally { await relay.close(); }
});

test('a server certificate from another CA is refused, saying which CA file it failed against', async () => {
  const relay = await tlsRelay(pki, 'other');
  try {
    const e = await rejectsWith(connect(`test+tls://127.0.0.1:${relay.port}${fx.path}?pkipath=${pki.pkipath}`),
      /does not verify against .*cacert\.pem for host 127\.0\.0\.1/);
    assert.instance(e, DisconnectedError);
    assert.is(relay.bytesUp, 0, 'not one byte was sent to a server we do not trust');
  } finally { await relay.close(); }
});

test('a client certificate the server does not trust fails with libvirt\'s "server verification" message', async () => {
  const relay = await tlsRelay(pki);
  try {
    await rejectsWith(connect(`test+tls://127.0.0.1:${relay.port}${fx.path}`, {
      tls: { ca: join(pki.dir, 'ca-good.pem'), cert: join(pki.dir, 'client-other.pem'), key: join(pki.dir, 'client-other.key') },
    }), /server verification \(of our certificate or IP address\) failed/);
    assert.is(relay.accepted, 0, 'the server never completed the handshake');
    assert.is(relay.bytesUp, 0);
  } finally { await relay.close(); }
});

test('a missing PKI file is named in the error', async () => {
  await rejectsWith(connect('test+tls://127.0.0.1:1/default?pkipath=/nonexistent/pki'), /CA certificate \/nonexistent\/pki\/cacert\.pem/);
});

// ---- ssh
let sshd: Sshd | undefined;
function server(): Sshd {
  if (!sshd) throw new Error('the private sshd did not start (see the first ssh test)');
  return sshd;
}
const sshUri = (path: string, query: string) => `test+ssh://root@127.0.0.1:${server().port}${path}?${query}`;

test('ssh: virt-ssh-helper on the far side serves the fixture, host key checked against known_hosts=', async () => {
  sshd = await startSshd();
  await using(sshUri(fx.path, `keyfile=${sshd.key}&known_hosts=${sshd.knownHosts}`), provesCalls);
  assert.match(sshd.log(), /Accepted publickey for root from 127\.0\.0\.1/, 'the calls went through our sshd');
});

test('ssh: an unknown host key is refused with ssh\'s own words, not a hang', async () => {
  const empty = join(server().dir, 'empty_known_hosts');
  writeFileSync(empty, '');
  await rejectsWith(connect(sshUri(fx.path, `keyfile=${server().key}&known_hosts=${empty}`)),
    /ssh to 127\.0\.0\.1 exited with 255: .*Host key verification failed/);
});

test('ssh: no_verify=1 accepts an unknown host key (and ssh records it)', async () => {
  const fresh = join(server().dir, 'fresh_known_hosts');
  writeFileSync(fresh, '');
  await using(sshUri(fx.path, `keyfile=${server().key}&known_hosts=${fresh}&no_verify=1`), provesCalls);
  const hostKey = readFileSync(join(server().dir, 'host_key.pub'), 'utf8').split(' ')[1]!;
  assert.ok(readFileSync(fresh, 'utf8').includes(hostKey), 'the host key was added to the known_hosts= file');
});

test('ssh: a key the server does not know is refused with a clear error', async () => {
  const before = server().log().length;
  await rejectsWith(connect(sshUri(fx.path, `keyfile=${join(server().dir, 'host_key')}&known_hosts=${server().knownHosts}`)),
    /exited with 255: .*Permission denied \(publickey\)/);
  assert.not.match(server().log().slice(before), /Accepted publickey/);
});

test('ssh: a fixture path with a quote and an ampersand reaches the far side as one word', async () => {
  const dir = join(server().dir, "it's&odd");
  mkdirSync(dir);
  copyFileSync(fx.path, join(dir, 'node.xml'));
  try {
    await using(sshUri(join(dir, 'node.xml'), `keyfile=${server().key}&known_hosts=${server().knownHosts}`), provesCalls);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('ssh: once sshd is gone, connecting fails with "Connection refused", and its temp dir is removed', async () => {
  const { port, dir, key, knownHosts } = server();
  await server().stop();
  sshd = undefined;
  assert.not.ok(existsSync(dir), 'sshd temp dir removed');
  await rejectsWith(connect(`test+ssh://root@127.0.0.1:${port}${fx.path}?keyfile=${key}&known_hosts=${knownHosts}`),
    /ssh to 127\.0\.0\.1 exited with 255: .*Connection refused/);
});

test.after(async () => { await sshd?.stop(); });

test.run();
