// The config file: `key = value` lines with the long option names; flags beat KIMCHI_* variables, which beat the file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OptionsError, parseOptions } from '../../runtime/options.ts';

const dir = mkdtempSync(join(tmpdir(), 'kimchi-test-appliance-conf-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

test('the file sets options the way flags would; comments, blank lines and quotes are understood', () => {
  const conf = file('a.conf', [
    '# an appliance', '', 'host = 0.0.0.0', 'port=8443', '  libvirt-uri =  qemu+tcp://h/system  ',
    'data-dir = "/srv/kimchi"', 'admin-groups = wheel, ops', 'log-max-size = 2', 'log-max-files = 3', 'idle-timeout = 300',
  ].join('\n'));
  const o = parseOptions(['--config', conf], {});
  assert.equal([o.host, o.port, o.libvirtUri, o.dataDir, o.adminGroups], ['0.0.0.0', 8443, 'qemu+tcp://h/system', '/srv/kimchi', ['wheel', 'ops']]);
  assert.equal([o.logDir, o.logMaxBytes, o.logMaxFiles, o.timeouts.idleMs, o.config], ['/srv/kimchi/logs', 2 * 1024 * 1024, 3, 300_000, conf]);
});

test('precedence: a flag beats its KIMCHI_* variable, which beats the file, which beats the default', () => {
  const conf = file('b.conf', 'port = 9001\nhost = 10.0.0.1\ndata-dir = /from/file\n');
  const env = { KIMCHI_CONFIG: conf, KIMCHI_PORT: '9002', KIMCHI_HOST: '10.0.0.2' };
  const o = parseOptions(['--port', '9003'], env);
  assert.equal([o.port, o.host, o.dataDir, o.libvirtUri], [9003, '10.0.0.2', '/from/file', 'qemu:///system']);
  // --config beats KIMCHI_CONFIG too.
  const other = file('c.conf', 'data-dir = /other\n');
  assert.is(parseOptions(['--config', other], env).dataDir, '/other');
});

test('TLS from the file: HTTPS defaults to 8001 with redirects from 8000, as with flags', () => {
  const conf = file('d.conf', 'tls-cert = /etc/k/cert.pem\ntls-key = /etc/k/key.pem\n');
  const o = parseOptions(['--config', conf], {});
  assert.equal([o.tls, o.port, o.httpPort], [{ cert: '/etc/k/cert.pem', key: '/etc/k/key.pem' }, 8001, 8000]);
});

test('an unknown key, a line without "=", a key set twice, help or config in the file, or a missing file: refused with where', () => {
  const cases: Array<[string, RegExp]> = [
    ['colour = red\n', /e\.conf:1: unknown option "colour"/],
    ['port = 1\n\nport 2\n', /e\.conf:3: expected "key = value"/],
    ['port = 1\nport = 2\n', /e\.conf:2: "port" is set twice/],
    ['help = true\n', /unknown option "help"/],
    ['config = /x\n', /unknown option "config"/],
    ['port = eighty\n', /invalid port: eighty/],
  ];
  for (const [text, message] of cases) {
    const conf = file('e.conf', text);
    assert.throws(() => parseOptions(['--config', conf], {}), (e: unknown) => e instanceof OptionsError && message.test((e as Error).message), text);
  }
  assert.throws(() => parseOptions(['--config', join(dir, 'missing.conf')], {}), /cannot read config file .*missing\.conf: ENOENT/);
});

test('the shipped infra/kimchi-ts.conf parses, and asks for HTTPS on 8001 with redirects from 8000 on every address', () => {
  const o = parseOptions(['--config', new URL('../../infra/kimchi-ts.conf', import.meta.url).pathname], {});
  assert.equal([o.host, o.port, o.httpPort, o.dataDir, o.logDir], ['0.0.0.0', 8001, 8000, '/var/lib/kimchi-ts', '/var/log/kimchi-ts']);
  assert.equal(o.tls, { cert: '/etc/kimchi-ts/kimchi-cert.pem', key: '/etc/kimchi-ts/kimchi-key.pem' });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
