// Acceptance: infra/install.sh into a temp root, the server started as its unit starts it (ExecStart, config file),
// HTTPS with the generated certificate, /metrics with the fixture's guests, a backup taken under load restored into a
// fresh state directory, SIGHUP reopening the log, SIGTERM, and uninstall.sh leaving nothing behind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServerBuilt } from '../helpers/build.ts';
import { ensureUiBuilt } from '../helpers/browser.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { until } from '../helpers/server.ts';
import { basic, createUser, installPamService, removeUser } from '../helpers/users.ts';
import { editConfig, freePort, https, layout, run, startAsUnit, type Started } from '../helpers/appliance.ts';

const GUESTS = ['kimchi-test-appliance-a', 'kimchi-test-appliance-b'];
const PAM = 'kimchi-test-appliance';
const fx = writeFixture({ domains: GUESTS });
const tmp = mkdtempSync(join(tmpdir(), 'kimchi-test-appliance-'));
const at = layout(join(tmp, 'root'));
const removePam = installPamService(PAM);
const admin = createUser('ktappl', ['sudo']);
const auth = basic(admin);
let server: Started | undefined;
let restored: Started | undefined;
let ports = { https: 0, http: 0 };
let ca: Buffer;
const url = (path: string) => `https://localhost:${ports.https}${path}`;
const call = (path: string, init: { method?: string; body?: unknown } = {}) => https(url(path), ca, { auth, ...init });

async function listening(s: Started, port: number) {
  await until(async () => {
    if (s.child.exitCode !== null) throw new Error(`the server exited ${s.child.exitCode}:\n${s.out()}`);
    return /"msg":"listening"/.test(s.out());
  }, 30_000, `the server on ${port}`);
}

test('install.sh puts program, config, certificate, state, log directory, unit and command under the root; a second run keeps the config', async () => {
  ensureUiBuilt();
  ensureServerBuilt();
  const first = await run('bash', ['infra/install.sh', '--root', at.root]);
  assert.is(first.code, 0, first.err + first.out);
  for (const p of [join(at.prefix, 'dist/server/main.mjs'), join(at.prefix, 'dist/ui/index.html'), join(at.prefix, 'db/migrations'),
    join(at.prefix, 'node_modules/better-sqlite3'), join(at.prefix, 'runtime/auth/pam-child.mjs'), at.conf, at.unit, at.bin,
    join(at.etc, 'kimchi-cert.pem'), join(at.etc, 'kimchi-key.pem')]) assert.ok(existsSync(p), p);
  assert.not.ok(existsSync(join(at.prefix, 'node_modules/vite')), 'development dependencies stay out');
  assert.is(statSync(at.state).mode & 0o777, 0o700);
  assert.is(statSync(join(at.etc, 'kimchi-key.pem')).mode & 0o777, 0o600);
  assert.match(readFileSync(at.conf, 'utf8'), new RegExp(`^data-dir = ${at.state}$`, 'm'));
  // The admin points it at the fixture, free ports and a PAM service of the test's; a re-run (an upgrade) keeps that.
  ports = { https: await freePort(), http: await freePort() };
  writeFileSync(at.conf, editConfig(readFileSync(at.conf, 'utf8'), {
    host: '127.0.0.1', port: String(ports.https), 'http-port': String(ports.http), 'libvirt-uri': fx.uri, 'pam-service': PAM,
  }));
  const edited = readFileSync(at.conf, 'utf8');
  const cert = readFileSync(join(at.etc, 'kimchi-cert.pem'));
  const again = await run('bash', ['infra/install.sh', '--root', at.root]);
  assert.is(again.code, 0, again.err + again.out);
  assert.is(readFileSync(at.conf, 'utf8'), edited, 'the config is never overwritten');
  assert.ok(readFileSync(join(at.etc, 'kimchi-cert.pem')).equals(cert), 'the certificate is kept');
  assert.equal(readdirSync(join(at.root, 'opt')), ['kimchi-ts'], 'no staging directories left');
  ca = cert;
});

test('the unit: libvirtd ordering, notify with a watchdog, restart on failure, hardening; systemd-analyze verify passes where present', async () => {
  const unit = readFileSync(at.unit, 'utf8');
  for (const line of ['Type=notify', 'NotifyAccess=all', 'Restart=on-failure', 'PrivateTmp=yes', 'NoNewPrivileges=yes', 'ProtectSystem=full',
    `ReadWritePaths=${at.state} ${at.logs}`, 'WantedBy=multi-user.target']) {
    assert.match(unit, new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), line);
  }
  assert.match(unit, /^After=.*\blibvirtd\.service\b/m);
  assert.match(unit, /^Wants=.*\blibvirtd\.service\b/m);
  assert.match(unit, /^WatchdogSec=\d+s?$/m);
  assert.match(unit, new RegExp(`^ExecStart=\\S+/node .*${at.prefix}/dist/server/main\\.mjs --config ${at.conf}$`, 'm'));
  const analyze = await run('sh', ['-c', 'command -v systemd-analyze']);
  if (analyze.code === 0) {
    const v = await run('systemd-analyze', ['verify', at.unit]);
    assert.equal([v.code, v.err.trim()], [0, ''], 'systemd-analyze verify finds nothing wrong');
  } else {
    console.log('  (systemd-analyze not installed: the unit was checked by its keys only)');
  }
});

test('started as the unit starts it, it answers HTTPS with the generated certificate, and plain HTTP redirects there', async () => {
  server = startAsUnit(at.unit);
  await listening(server, ports.https);
  const health = await https(url('/api/health'), ca);
  assert.equal([health.status, health.json().status], [200, 'ok']);
  const redirect = await fetch(`http://127.0.0.1:${ports.http}/api/health`, { redirect: 'manual' });
  assert.equal([redirect.status, redirect.headers.get('location')], [308, `https://127.0.0.1:${ports.https}/api/health`]);
  const untrusted = await https(url('/api/health'), Buffer.from('')).then(() => 'trusted', (e: Error) => e.message);
  assert.match(untrusted, /certificate/i, 'not trusted without the generated certificate');
  assert.is((await call('/api/vms')).status, 200, 'an administrator gets in with PAM');
});

test('/metrics carries series for the fixture\'s guests', async () => {
  const r = await call('/metrics');
  assert.is(r.status, 200, r.text.slice(0, 300));
  const series = r.text.split('\n').filter((l) => l && !l.startsWith('#'));
  for (const name of GUESTS) assert.ok(series.some((l) => l.includes(`"${name}"`)), `a series for ${name}`);
});

test('a backup taken while requests run restores into a fresh state directory with the same templates and metadata', async () => {
  assert.is((await call('/api/templates', { method: 'POST', body: { name: 'kimchi-test-appliance-tpl', netboot: true } })).status, 201);
  const meta = await call(`/api/vms/${GUESTS[0]}`, { method: 'PUT', body: { users: [admin.name], groups: ['sudo'] } });
  assert.is(meta.status, 200, meta.text);
  // Requests keep writing while the backup runs: templates made one after another, so a restore has a prefix of them.
  let stop = false;
  const made: string[] = [];
  const load = (async () => {
    for (let i = 1; !stop; i++) {
      const name = `kimchi-test-appliance-load-${i}`;
      const r = await call('/api/templates', { method: 'POST', body: { name, netboot: true } });
      if (r.status !== 201) throw new Error(`POST /api/templates during the backup: ${r.status} ${r.text}`);
      made.push(name);
      await call('/api/vms');
    }
  })();
  await until(() => made.length >= 2, 30_000, 'requests under way');
  const file = join(tmp, 'backup.tar.gz');
  const before = made.length;
  const backup = await run(at.bin, ['backup', file], { PATH: process.env.PATH });
  const during = made.length - before;
  stop = true;
  await load;
  assert.is(backup.code, 0, backup.err + backup.out);
  assert.ok(during > 0, 'templates were made while the backup ran');
  assert.ok(statSync(file).size > 0);
  // Restore into a fresh state directory (the environment beats the config file), then serve it on other ports.
  const fresh = join(tmp, 'fresh-state');
  const restore = await run(at.bin, ['restore', file], { PATH: process.env.PATH, KIMCHI_DATA_DIR: fresh });
  assert.is(restore.code, 0, restore.err + restore.out);
  const other = { https: await freePort(), http: await freePort() };
  restored = startAsUnit(at.unit, { KIMCHI_DATA_DIR: fresh, KIMCHI_PORT: String(other.https), KIMCHI_HTTP_PORT: String(other.http), KIMCHI_LOG_DIR: join(tmp, 'fresh-logs') });
  await listening(restored, other.https);
  const get = (path: string) => https(`https://localhost:${other.https}${path}`, ca, { auth });
  const names = (await get('/api/templates')).json().map((t: { name: string }) => t.name) as string[];
  assert.ok(names.includes('kimchi-test-appliance-tpl'), 'the template made before the backup');
  const loaded = names.filter((n) => n.startsWith('kimchi-test-appliance-load-'));
  assert.ok(loaded.length >= before, `the ${before} templates made before the backup began are all there (${loaded.length})`);
  assert.equal(loaded.sort(), made.slice(0, loaded.length).sort(), 'templates made during the backup: a consistent prefix, no gaps');
  const vm = (await get(`/api/vms/${GUESTS[0]}`)).json();
  assert.equal([vm.users, vm.groups], [[admin.name], ['sudo']], 'the guest\'s metadata came back');
  restored.child.kill('SIGTERM');
  assert.is(await restored.exited, 0);
});

test('SIGHUP after the log file was moved away makes a new one; SIGTERM drains and exits 0', async () => {
  const current = () => readdirSync(at.logs).filter((n) => /^kimchi\.\d+\.log$/.test(n));
  const [file] = current();
  assert.ok(file, `a log file in ${at.logs}`);
  renameSync(join(at.logs, file), join(at.logs, 'rotated-away'));
  server!.child.kill('SIGHUP');
  await until(() => existsSync(join(at.logs, file)), 10_000, 'a new log file');
  await until(() => /log file reopened/.test(readFileSync(join(at.logs, file), 'utf8')), 10_000, 'the reopen line');
  assert.match(readFileSync(join(at.logs, 'rotated-away'), 'utf8'), /"msg":"listening"/, 'the moved file keeps the old lines');
  server!.child.kill('SIGTERM');
  assert.is(await server!.exited, 0);
  assert.match(readFileSync(join(at.logs, file), 'utf8'), /"msg":"stopped"/);
});

test('uninstall.sh removes the program and unit and keeps state; --purge removes the rest', async () => {
  const keep = await run('bash', ['infra/uninstall.sh', '--root', at.root]);
  assert.is(keep.code, 0, keep.err + keep.out);
  for (const p of [at.prefix, at.unit, at.bin]) assert.not.ok(existsSync(p), p);
  for (const p of [at.conf, join(at.state, 'kimchi.db'), at.logs]) assert.ok(existsSync(p), p);
  const purge = await run('bash', ['infra/uninstall.sh', '--root', at.root, '--purge']);
  assert.is(purge.code, 0, purge.err + purge.out);
  for (const p of [at.etc, at.state, at.logs]) assert.not.ok(existsSync(p), p);
});

/** userdel, again while another process holds the passwd lock (other suites add users too). */
function removeUserSurely(name: string) {
  for (let i = 0; i < 20; i++) {
    removeUser({ name, password: '' });
    if (spawnSync('id', [name], { stdio: 'ignore' }).status !== 0) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  throw new Error(`user ${name} could not be removed`);
}

// Synchronous, so it also runs when the process exits early (a crash skips test.after).
let cleaned = false;
const cleanup = () => {
  if (cleaned) return;
  cleaned = true;
  const steps: Array<[string, () => void]> = [
    ['servers', () => { server?.child.kill('SIGKILL'); restored?.child.kill('SIGKILL'); }],
    ['temp root', () => rmSync(tmp, { recursive: true, force: true })],
    ['fixture', () => fx.cleanup()],
    ['user', () => removeUserSurely(admin.name)],
    ['pam service', () => removePam()],
  ];
  for (const [name, step] of steps) {
    try { step(); } catch (e) { console.error(`cleanup of ${name} failed:`, e); }
  }
};
process.on('exit', cleanup);
test.after(cleanup);
test.run();
