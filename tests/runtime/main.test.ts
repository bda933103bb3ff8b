// `npm start` as a process: options from flags and KIMCHI_* env, a bad option refused, SIGTERM stops it cleanly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OptionsError, parseOptions } from '../../runtime/options.ts';
import { writeFixture } from '../helpers/fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

test('defaults, env and flags: a flag beats its KIMCHI_* variable, which beats the default', () => {
  const auth = {
    pamService: 'login', adminGroups: ['sudo', 'wheel', 'admin'], auditMaxAgeDays: 90, auditMaxEntries: 100_000, sessionRecheckSeconds: 120,
    timeouts: { headersMs: 60_000, idleMs: 120_000 }, logMaxBytes: 10 * 1024 * 1024, logMaxFiles: 5,
  };
  assert.equal(parseOptions([], {}), { host: '127.0.0.1', port: 8000, libvirtUri: 'qemu:///system', dataDir: './data', help: false, logDir: 'data/logs', ...auth });
  const env = { KIMCHI_HOST: '0.0.0.0', KIMCHI_PORT: '9000', KIMCHI_LIBVIRT_URI: 'test:///default', KIMCHI_DATA_DIR: '/var/lib/kimchi' };
  assert.equal(parseOptions([], env), { host: '0.0.0.0', port: 9000, libvirtUri: 'test:///default', dataDir: '/var/lib/kimchi', help: false, logDir: '/var/lib/kimchi/logs', ...auth });
  assert.equal(parseOptions(['--port', '8443', '--host', '::1'], env).port, 8443);
  assert.equal(parseOptions(['--port', '8443', '--host', '::1'], env).host, '::1');
});

test('TLS: HTTPS on 8001 and redirects from 8000 by default; cert and key go together; PAM service and admin groups', () => {
  const o = parseOptions(['--tls-cert', '/c.pem', '--tls-key', '/k.pem', '--admin-groups', 'wheel, ops'], { KIMCHI_PAM_SERVICE: 'kimchi' });
  assert.equal([o.port, o.httpPort, o.tls, o.pamService, o.adminGroups], [8001, 8000, { cert: '/c.pem', key: '/k.pem' }, 'kimchi', ['wheel', 'ops']]);
  assert.throws(() => parseOptions(['--tls-cert', '/c.pem'], {}), /go together/);
  assert.throws(() => parseOptions(['--http-port', '80'], {}), /only applies with/);
});

test('a bad port or an unknown option is refused with a message', () => {
  for (const args of [['--port', 'http'], ['--port', '70000'], ['--port', '-1'], ['--colour', 'red']]) {
    assert.throws(() => parseOptions(args, {}), (e: unknown) => e instanceof OptionsError, args.join(' '));
  }
  assert.throws(() => parseOptions([], { KIMCHI_PORT: '8o80' }), /invalid port: 8o80/);
});

test('audit retention: flags and env, whole numbers of 1 or more only', () => {
  const o = parseOptions(['--audit-max-entries', '500'], { KIMCHI_AUDIT_MAX_AGE_DAYS: '7' });
  assert.equal([o.auditMaxAgeDays, o.auditMaxEntries], [7, 500]);
  for (const bad of ['0', '-3', '1.5', 'ten']) {
    assert.throws(() => parseOptions([`--audit-max-age-days=${bad}`], {}), /invalid KIMCHI_AUDIT_MAX_AGE_DAYS/, bad);
  }
  assert.throws(() => parseOptions([], { KIMCHI_AUDIT_MAX_ENTRIES: '0' }), /invalid KIMCHI_AUDIT_MAX_ENTRIES: 0/);
});

test('session re-check interval: flag and env', () => {
  assert.is(parseOptions(['--session-recheck-seconds', '30'], {}).sessionRecheckSeconds, 30);
  assert.is(parseOptions([], { KIMCHI_SESSION_RECHECK_SECONDS: '600' }).sessionRecheckSeconds, 600);
  assert.throws(() => parseOptions(['--session-recheck-seconds=0'], {}), /invalid KIMCHI_SESSION_RECHECK_SECONDS/);
});

test('connection time limits come in seconds from flags or env; a bad one is refused', () => {
  const o = parseOptions(['--idle-timeout', '300'], { KIMCHI_HEADERS_TIMEOUT: '2.5', KIMCHI_IDLE_TIMEOUT: '9' });
  assert.equal(o.timeouts, { headersMs: 2500, idleMs: 300_000 });
  for (const bad of ['0', '-1', 'soon', '1e3', '90000']) {
    assert.throws(() => parseOptions([], { KIMCHI_IDLE_TIMEOUT: bad }), /invalid KIMCHI_IDLE_TIMEOUT/, bad);
  }
});

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts', ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

test('the server starts from env settings, creates its data dir, asks for credentials, and exits 0 on SIGTERM after logging stopped', async () => {
  const fx = writeFixture();
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-main-'));
  const dataDir = join(dir, 'nested', 'data');
  const p = run(['--port', '0'], { KIMCHI_LIBVIRT_URI: fx.uri, KIMCHI_DATA_DIR: dataDir });
  try {
    const end = Date.now() + 15_000;
    let url: string | undefined;
    while (!url && Date.now() < end) {
      url = /"url":"(http:[^"]+)"/.exec(p.out())?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(url, `no listening line in: ${p.out()} ${p.err()}`);
    // npm start always authenticates: no credentials, no API (scripts are told to use Basic).
    const anonymous = await fetch(`${url}/api/config`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic realm="kimchi"/);
    assert.equal((await anonymous.json()).code, 'KCHAUTH0004E');
    assert.ok(existsSync(join(dataDir, 'kimchi.db')));
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    const lines = p.out().trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'));
    assert.equal(lines.at(-1).msg, 'stopped');
    const file = readFileSync(join(dataDir, 'logs', 'kimchi.1.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(file.map((l) => l.msg), lines.map((l) => l.msg), 'the log file holds the same lines as stdout');
  } finally {
    p.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    fx.cleanup();
  }
});

test('a bad option exits 2 with the usage text', async () => {
  const p = run(['--port', 'eighty'], {});
  assert.equal(await p.exited, 2);
  assert.match(p.err(), /invalid port: eighty/);
  assert.match(p.err(), /--libvirt-uri/);
});

test.run();
