// createApp with a host's identify hook and a base path, through app.request(): who the host says calls, 401 when it
// says nobody, its users' rights, the CSRF check and the audit log as for our own login, and routes only below /virt.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listAudit } from '../../db/audit.ts';
import type { HostIdentity } from '../../handlers/auth/types.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

const PEOPLE: Record<string, HostIdentity> = {
  alice: { name: 'alice', admin: true, groups: ['ops'] },
  bob: { name: 'bob', admin: false, groups: ['dev'] },
};
let t: TestApp;
const seen: Request[] = [];
const call = (path: string, who?: string, init: RequestInit & { headers?: Record<string, string> } = {}) => json(t.app.request(
  `http://host.example${path}`, { ...init, headers: { Host: 'host.example', ...(who ? { 'X-Host-User': who } : {}), ...init.headers } },
));

test.before(async () => {
  t = await makeApp({
    domains: ['web-1'],
    deps: {
      basePath: '/virt',
      // Asynchronous, as a host looking its session up would be.
      identify: async (request) => { seen.push(request); return PEOPLE[request.headers.get('x-host-user') ?? ''] ?? null; },
    },
  });
});
test.after(() => t?.cleanup());

test('the host\'s user is who the API sees; the hook gets the request as the host passed it', async () => {
  const r = await call('/virt/api/session', 'alice');
  assert.is(r.status, 200);
  assert.equal(r.body, { username: 'alice', admin: true, groups: ['ops'], roles: ['admin'], host_login: true });
  assert.is(new URL(seen.at(-1)!.url).pathname, '/virt/api/session');
});

test('nobody, by the host\'s word: 401 KCHAUTH0004E without a Basic challenge (no browser dialog over the host\'s login)', async () => {
  const r = await call('/virt/api/vms', 'mallory');
  assert.is(r.status, 401);
  assert.is(r.body.code, 'KCHAUTH0004E');
  assert.is(r.headers.get('www-authenticate'), null);
});

test('a host user who is not an administrator may not change the host, and sees only guests shared with them', async () => {
  assert.equal((await call('/virt/api/vms', 'bob')).body, []);
  assert.equal((await call('/virt/api/vms', 'alice')).body.map((v: { name: string }) => v.name), ['web-1']);
  const r = await call('/virt/api/networks', 'bob', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"kimchi-test-embed-n"}' });
  assert.is(r.status, 403);
  assert.is(r.body.code, 'KCHAUTH0003E');
});

test('a change from another site is refused (CSRF), and the host user\'s changes are audited', async () => {
  const body = JSON.stringify({ name: 'kimchi-test-embed-x', connection: 'bogus' });
  const cross = await call('/virt/api/networks', 'alice', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body });
  assert.is(cross.status, 403);
  assert.is(cross.body.code, 'KCHAUTH0005E');
  const form = await call('/virt/api/networks', 'alice', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
  assert.is(form.status, 403, 'a form post carries the host\'s cookies by itself: refused like one with our session');
  const mine = await call('/virt/api/networks', 'alice', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://host.example' }, body });
  assert.is(mine.status, 400);
  const rows = listAudit(t.store.db, { username: 'alice' });
  assert.ok(rows.some((r) => r.method === 'POST' && r.path === '/api/networks' && r.status === 400), JSON.stringify(rows));
});

test('only requests below the base path are routed: /api outside /virt is not found', async () => {
  assert.is((await call('/api/vms', 'alice')).status, 404);
  assert.is((await call('/virtual/api/vms', 'alice')).status, 404);
  const doc = await call('/virt/api/openapi.json', 'alice');
  assert.equal(doc.body.servers, [{ url: '/virt/api' }]);
});

test('wok\'s root POST /logout is served below the base path too', async () => {
  const r = await call('/virt/logout', 'alice', { method: 'POST', headers: { Origin: 'http://host.example' } });
  assert.is(r.status, 200, JSON.stringify(r.body)); // wok answers its logout with 200
  assert.match(r.headers.get('set-cookie') ?? '', /Path=\/virt/);
});

test.run();
