// URI parsing and transport selection, as libvirt's remote driver does it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseUri, DEFAULT_PKI } from '../../libvirt/index.ts';
import { sshArgs, tlsFiles } from '../../libvirt/transport/index.ts';

test('driver:///path goes over the unix socket and is sent to the daemon unchanged', () => {
  const u = parseUri('qemu:///system');
  assert.is(u.transport, 'unix');
  assert.is(u.remoteName, 'qemu:///system');
  assert.is(parseUri('test:///tmp/a/node.xml').remoteName, 'test:///tmp/a/node.xml');
});

test('?socket= overrides the socket path and is not forwarded', () => {
  const u = parseUri('test:///tmp/x.xml?socket=/tmp/p/sock');
  assert.is(u.params.socket, '/tmp/p/sock');
  assert.is(u.remoteName, 'test:///tmp/x.xml');
});

test('tcp, tls and ssh URIs keep host, port and user but send only driver:///path', () => {
  const t = parseUri('qemu+tcp://host.example:1234/system');
  assert.equal([t.transport, t.host, t.port, t.remoteName], ['tcp', 'host.example', 1234, 'qemu:///system']);
  const s = parseUri('qemu+tls://[::1]/system?no_verify=1&mode=direct');
  assert.equal([s.transport, s.host, s.port, s.params.no_verify], ['tls', '::1', undefined, '1']);
  const h = parseUri('qemu+ssh://admin@box:2222/system?extra=1');
  assert.equal([h.transport, h.user, h.host, h.port], ['ssh', 'admin', 'box', 2222]);
  assert.is(h.remoteName, 'qemu:///system?extra=1');
});

test('a host without an explicit transport means TLS, as in libvirt', () => {
  assert.is(parseUri('qemu://remote/system').transport, 'tls');
});

test('unknown transports and garbage are refused', () => {
  assert.throws(() => parseUri('qemu+carrierpigeon:///system'), /unsupported/);
  assert.throws(() => parseUri('not a uri'), /not a libvirt URI/);
  assert.throws(() => parseUri('qemu+tcp://h:99999/system'), /bad port/);
});

test('ssh runs virt-ssh-helper on the far side with the transport-less URI', () => {
  const args = sshArgs(parseUri('qemu+ssh://admin@box:2222/system'));
  assert.equal(args.slice(-3), ['admin@box', 'virt-ssh-helper', 'qemu:///system']);
  assert.ok(args.includes('-p') && args.includes('2222'));
});

test('TLS uses libvirt\'s default PKI paths, pkipath and explicit overrides', () => {
  assert.equal(tlsFiles(undefined), DEFAULT_PKI);
  assert.is(DEFAULT_PKI.ca, '/etc/pki/CA/cacert.pem');
  assert.is(tlsFiles('/opt/pki').key, '/opt/pki/clientkey.pem');
  assert.is(tlsFiles(undefined, { cert: '/x.pem' }).cert, '/x.pem');
});

test.run();
