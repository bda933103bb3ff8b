// The audit log through the real server: anonymous refusals only counted, retention by rows, paging with Link.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';
import { basicOf, from, loginFrom } from './from.ts';

const SERVICE = 'kimchi-test-audit';
const MAX_ENTRIES = 20;
let fx: Fixture, s: TestServer, admin: TestUser, removePam: () => void;

test.before(async () => {
  removePam = installPamService(SERVICE);
  admin = createUser('kta', ['sudo']);
  fx = writeFixture({ domains: ['vm-a'] });
  s = await serve(fx.uri, { auth: pamProvider({ pamService: SERVICE, auditRetention: { maxAgeMs: 86_400_000, maxEntries: MAX_ENTRIES } }) });
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
  removeUser(admin);
  removePam?.();
});

const asAdmin = (path: string, method = 'GET') => from(`${s.url}${path}`, { from: '127.0.0.1', method, headers: { Authorization: basicOf(admin.name, admin.password) } });
type Entry = { id: number; user: string | null; remote_addr: string; method: string; path: string; status: number; code: string | null };
const entries = async (query = 'limit=5000'): Promise<Entry[]> => JSON.parse((await asAdmin(`/api/logs?${query}`)).body);

test('anonymous refusals are counted per address and minute, not written one row each; refused passwords keep their row', async () => {
  for (let i = 0; i < 200; i++) {
    const r = await from(`${s.url}/api/vms/vm-a/start`, { from: '127.0.0.60', method: 'POST', headers: { 'X-Requested-With': 'x' } });
    assert.is(r.status, 401);
  }
  for (let i = 0; i < 20; i++) {
    const r = await from(`${s.url}/api/login`, { from: '127.0.0.60', method: 'POST', body: '{"username":', headers: { 'X-Requested-With': 'x' } });
    assert.is(r.status, 400);
  }
  const wrong = await loginFrom(s.url, '127.0.0.61', admin.name, 'not-it-at-all');
  assert.is(wrong.status, 401);
  const log = await entries();
  assert.not.ok(log.some((e) => e.remote_addr === '127.0.0.60'), 'no row per anonymous request');
  assert.ok(log.some((e) => e.remote_addr === '127.0.0.61' && e.user === admin.name && e.code === 'KCHAUTH0001E'), 'a refused password is audited');
  const counted = await asAdmin('/api/logs/refused?remote_addr=127.0.0.60');
  assert.is(counted.status, 200, counted.body);
  const rows: Array<{ minute: string; count: number }> = JSON.parse(counted.body);
  assert.ok(rows.length >= 1 && rows.length <= 2, `one row per minute: ${counted.body}`);
  assert.is(rows.reduce((n, r) => n + r.count, 0), 220);
});

test('the audit log keeps only its newest entries, and pages through them with before= and a Link header', async () => {
  for (let i = 0; i < MAX_ENTRIES + 15; i++) assert.is((await asAdmin('/api/logout', 'POST')).status, 204);
  const all = await entries();
  assert.is(all.length, MAX_ENTRIES, 'trimmed to the configured size');
  assert.ok(all.every((e) => e.path === '/api/logout' && e.user === admin.name), 'the newest ones are the ones kept');
  const first = await asAdmin('/api/logs?limit=7');
  const page1: Entry[] = JSON.parse(first.body);
  const link = /^<([^>]+)>; rel="next"$/.exec(String(first.headers.link));
  assert.ok(link, `a full page links to the next: ${first.headers.link}`);
  const page2: Entry[] = JSON.parse((await asAdmin(link![1])).body);
  assert.equal(page1.map((e) => e.id), all.slice(0, 7).map((e) => e.id));
  assert.equal(page2.map((e) => e.id), all.slice(7, 14).map((e) => e.id));
  const last = await asAdmin(`/api/logs?limit=50&before=${all[14].id}`);
  assert.is(JSON.parse(last.body).length, MAX_ENTRIES - 15);
  assert.is(last.headers.link, undefined, 'the last page has no next');
  assert.is((await asAdmin('/api/logs?before=0')).status, 400);
});

test('the paging parameters and the refused counts are in the OpenAPI document', async () => {
  const doc = JSON.parse((await asAdmin('/api/openapi.json')).body);
  const params = doc.paths['/logs'].get.parameters.map((p: { name: string }) => p.name);
  assert.ok(params.includes('before') && params.includes('limit'), params.join(' '));
  assert.ok(doc.paths['/logs/refused']?.get, 'GET /logs/refused documented');
});

test.run();
