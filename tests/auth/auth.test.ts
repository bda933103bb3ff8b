// Authentication end to end with real PAM and real host users: login, cookies, Basic, throttling, roles, CSRF, audit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { basic, createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-auth';
let fx: Fixture, s: TestServer, admin: TestUser, user: TestUser, removePam: () => void, logFile: string;

test.before(async () => {
  removePam = installPamService(SERVICE);
  admin = createUser('kta', ['sudo']);
  user = createUser('ktu');
  fx = writeFixture({ domains: ['shared-vm', 'private-vm'] });
  // The server logs at debug level into a file the secret sweep below reads, as npm start logs into its data dir.
  logFile = `${fx.path}.server.log`;
  s = await serve(fx.uri, { auth: pamProvider({ pamService: SERVICE }), logger: pino({ level: 'debug' }, pino.destination({ dest: logFile, sync: true })) });
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
  removeUser(admin);
  removeUser(user);
  removePam?.();
});

const call = (path: string, init: RequestInit & { auth?: string; cookie?: string; ui?: boolean } = {}) => {
  const headers = new Headers(init.headers);
  if (init.auth) headers.set('Authorization', init.auth);
  if (init.cookie) headers.set('Cookie', init.cookie);
  if (init.ui) headers.set('X-Requested-With', 'kimchi-ui');
  if (init.body) headers.set('Content-Type', 'application/json');
  return fetch(`${s.url}${path}`, { ...init, headers, redirect: 'manual' });
};
const login = (u: TestUser, password = u.password) =>
  call('/api/login', { method: 'POST', body: JSON.stringify({ username: u.name, password }), ui: true });
const cookieOf = (r: Response) => (r.headers.get('set-cookie') ?? '').split(';')[0];

const WRONG_VICTIM = 'nope-not-it-7x', WRONG_ADMIN = 'wrong-pass-9q';

test('the right password logs in with an HttpOnly, SameSite=Strict session cookie; the wrong one is a 401', async () => {
  const ok = await login(user);
  assert.equal(ok.status, 200);
  assert.equal(await ok.json(), { username: user.name, admin: false, groups: [user.name], roles: ['user'] });
  const setCookie = ok.headers.get('set-cookie') ?? '';
  assert.match(setCookie, /^kimchi_session=[A-Za-z0-9_-]{43};/);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  assert.not.match(setCookie, /Secure/, 'plain HTTP: no Secure flag');
  const me = await call('/api/session', { cookie: cookieOf(ok) });
  assert.equal((await me.json()).username, user.name);
  const bad = await login(user, 'not-the-password');
  assert.equal(bad.status, 401);
  assert.equal((await bad.json()).code, 'KCHAUTH0001E');
  await login(user); // a success resets the count
});

test('different wrong passwords sent all at once are throttled too, not all checked by PAM', async () => {
  const victim = createUser('ktp');
  try {
    const statuses = (await Promise.all(Array.from({ length: 5 }, (_, i) => login(victim, `${WRONG_VICTIM}${i}`)))).map((r) => r.status);
    assert.equal(statuses.filter((st) => st === 401).length, 3, `statuses: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((st) => st === 429).length, 2);
    await new Promise((r) => setTimeout(r, 1100)); // the third failure set a 1 s wait
    assert.equal((await login(victim)).status, 200, 'the right password then works (and clears the count for this address)');
  } finally {
    removeUser(victim);
  }
});

test('repeated wrong passwords are slowed down with 429 and Retry-After; the right one after the wait works', async () => {
  const victim = createUser('ktv');
  try {
    for (let i = 0; i < 3; i++) assert.equal((await login(victim, WRONG_VICTIM)).status, 401);
    const slowed = await login(victim, WRONG_VICTIM);
    assert.equal(slowed.status, 429);
    assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
    assert.equal((await slowed.json()).code, 'KCHAUTH0002E');
    const even = await login(victim); // the lock holds even for the right password
    assert.equal(even.status, 429);
    await new Promise((r) => setTimeout(r, Number(even.headers.get('retry-after')) * 1000 + 100));
    assert.equal((await login(victim)).status, 200);
  } finally {
    removeUser(victim);
  }
});

test('scripts use HTTP Basic on every request; without credentials the API challenges them', async () => {
  const ok = await call('/api/vms', { auth: basic(admin) });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).map((v: { name: string }) => v.name), ['private-vm', 'shared-vm']);
  const none = await call('/api/vms');
  assert.equal(none.status, 401);
  assert.match(none.headers.get('www-authenticate') ?? '', /^Basic realm="kimchi"/);
  const ui = await call('/api/vms', { ui: true });
  assert.equal([ui.status, ui.headers.get('www-authenticate')], [401, null], 'no browser dialog for our own UI');
  assert.equal((await call('/api/vms', { auth: basic({ ...admin, password: WRONG_ADMIN }) })).status, 401);
});

test('a user who is not an administrator sees only the VMs shared with them and gets 403 for the rest', async () => {
  const share = await call('/api/vms/shared-vm', { method: 'PUT', auth: basic(admin), body: JSON.stringify({ users: [user.name] }) });
  assert.equal(share.status, 200);
  assert.equal((await share.json()).users, [user.name]);
  const ghost = await call('/api/vms/shared-vm', { method: 'PUT', auth: basic(admin), body: JSON.stringify({ users: ['no-such-user-x'] }) });
  assert.equal([ghost.status, (await ghost.json()).code], [400, 'KCHAUTH0007E']);
  const list = await call('/api/vms', { auth: basic(user) });
  assert.equal((await list.json()).map((v: { name: string }) => v.name), ['shared-vm']);
  assert.equal((await call('/api/vms/shared-vm/poweroff', { method: 'POST', auth: basic(user) })).status, 200);
  assert.equal((await call('/api/vms/shared-vm/start', { method: 'POST', auth: basic(user) })).status, 200);
  const del = await call('/api/vms/shared-vm', { method: 'DELETE', auth: basic(user), headers: { 'Accept-Language': 'pt-BR' } });
  assert.equal(del.status, 403);
  assert.match((await del.json()).reason, /exige um administrador/);
  assert.equal((await call('/api/vms/private-vm', { auth: basic(user) })).status, 403);
  assert.equal((await call('/api/vms/private-vm/poweroff', { method: 'POST', auth: basic(user) })).status, 403);
  assert.equal((await call('/api/templates', { auth: basic(user) })).status, 403);
  assert.equal((await call('/api/logs', { auth: basic(user) })).status, 403);
  // The list's per-row rates and bulk deletion plans follow the same rule.
  const stats = await call('/api/vmstats?names=shared-vm,private-vm', { auth: basic(user) });
  assert.equal([stats.status, Object.keys(await stats.json())], [200, ['shared-vm']]);
  assert.equal((await call('/api/vmdeletions?names=shared-vm', { auth: basic(user) })).status, 403);
});

test('the event stream of a user who is not an administrator carries only the VMs shared with them', async () => {
  const res = await call('/api/events', { auth: basic(user) });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const seen: Array<{ name: string; event: string }> = [];
  const types = new Set<string>();
  let buf = '';
  const untilShared = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += new TextDecoder().decode(value);
      for (const m of buf.matchAll(/^event: (\w+)$/gm)) types.add(m[1]!);
      for (const m of buf.matchAll(/^event: vm\ndata: (.*)$/gm)) seen.push(JSON.parse(m[1]));
      buf = buf.slice(buf.lastIndexOf('\n\n') + 2);
      if (seen.some((e) => e.name === 'shared-vm')) return;
    }
  })();
  await new Promise((r) => setTimeout(r, 100));
  // In order: the network's and the private VM's events would come first, so having the shared one proves the
  // others were left out.
  assert.equal((await call('/api/networks/default/deactivate', { method: 'POST', auth: basic(admin) })).status, 200);
  assert.equal((await call('/api/networks/default/activate', { method: 'POST', auth: basic(admin) })).status, 200);
  assert.equal((await call('/api/vms/private-vm/poweroff', { method: 'POST', auth: basic(admin) })).status, 200);
  assert.equal((await call('/api/vms/shared-vm/poweroff', { method: 'POST', auth: basic(admin) })).status, 200);
  await untilShared;
  await reader.cancel();
  assert.equal(seen.map((e) => [e.name, e.event]), [['shared-vm', 'stopped']]);
  assert.equal([...types].sort(), ['config', 'vm'], 'no network (or task, pool, host) events for a user who may not read them');
  assert.equal((await call('/api/vms/private-vm/start', { method: 'POST', auth: basic(admin) })).status, 200);
});

test('a cross-site POST with the session cookie is refused; the same request from our UI goes through', async () => {
  const cookie = cookieOf(await login(admin));
  const forged = await call('/api/vms/private-vm/poweroff', { method: 'POST', cookie, headers: { Origin: 'https://evil.example' } });
  assert.equal([forged.status, (await forged.json()).code], [403, 'KCHAUTH0005E']);
  const bare = await call('/api/vms/private-vm/poweroff', { method: 'POST', cookie });
  assert.equal(bare.status, 403, 'a form post carries no custom header');
  const ours = await call('/api/vms/private-vm/poweroff', { method: 'POST', cookie, ui: true, headers: { Origin: s.url } });
  assert.equal(ours.status, 200);
  const out = await call('/api/logout', { method: 'POST', cookie, ui: true });
  assert.equal(out.status, 204);
  assert.equal((await call('/api/session', { cookie, ui: true })).status, 401, 'the session ended');
});

test('every route of the OpenAPI document answers 401 without credentials', async () => {
  const doc = await (await call('/api/openapi.json', { auth: basic(admin) })).json();
  let checked = 0;
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(ops)) {
      if (method === 'post' && path === '/login') continue; // the one route that takes the credentials
      if (method === 'get' && path === '/health') continue; // open by design, with no details (tests/appliance/health)
      const url = path.replace(/\{[^}]+\}/g, 'x');
      for (const mount of ['/api', '/plugins/kimchi']) {
        const r = await call(`${mount}${url}`, { method: method.toUpperCase() });
        assert.equal(r.status, 401, `${method.toUpperCase()} ${mount}${url}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 40, `only ${checked} routes walked`);
  assert.equal((await call('/api/openapi.json')).status, 401);
});

test('each state-changing request is in the audit log with who, where and the result; no password anywhere', async () => {
  const r = await call('/api/logs?limit=1000', { auth: basic(admin) });
  assert.equal(r.status, 200);
  const entries: Array<{ user: string | null; method: string; path: string; status: number; code: string | null; remote_addr: string }> = await r.json();
  const has = (m: string, p: string, status: number, who: string | null) =>
    entries.some((e) => e.method === m && e.path === p && e.status === status && e.user === who);
  assert.ok(has('POST', '/api/login', 401, user.name), 'failed login');
  assert.ok(has('POST', '/api/login', 200, user.name), 'login');
  assert.ok(has('PUT', '/api/vms/shared-vm', 200, admin.name), 'share');
  assert.ok(has('DELETE', '/api/vms/shared-vm', 403, user.name), 'refused delete');
  assert.ok(has('POST', '/api/vms/private-vm/poweroff', 403, admin.name), 'forged post');
  assert.ok(entries.every((e) => e.remote_addr === '127.0.0.1' || e.remote_addr === '::ffff:127.0.0.1'));
  // The right passwords, and the wrong ones a "login failed" line would be likeliest to leak.
  const secrets = [admin.password, user.password, 'not-the-password', WRONG_VICTIM, WRONG_ADMIN];
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  const files = [...walk(s.dataDir), logFile];
  assert.ok(files.some((f) => f.endsWith('kimchi.db')));
  assert.match(readFileSync(logFile, 'utf8'), /login failed/, 'the log is really written');
  for (const f of files) {
    const bytes = readFileSync(f);
    for (const secret of secrets) assert.not.ok(bytes.includes(secret), `${f} holds a password`);
  }
});

test('security headers on every response: a CSP without inline script, no framing, nosniff, referrer policy', async () => {
  for (const path of ['/', '/api/config']) {
    const r = await call(path);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'same-origin');
  }
});

test.run();
