// A Kimchi 3.0 script against the real server (requests only): log in, template from an ISO, VM, start, poweroff, clone, delete.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { makeIso, type TempIso } from '../helpers/iso.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-k13';
let fx: Fixture, s: TestServer, admin: TestUser, removePam: () => void, iso: TempIso, cookie = '';

test.before(async () => {
  removePam = installPamService(SERVICE);
  admin = createUser('k13a', ['sudo']);
  fx = writeFixture({ domains: [] });
  iso = await makeIso({ volumeId: 'K13_FLOW' });
  s = await serve(fx.uri, { auth: pamProvider({ pamService: SERVICE }) });
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
  await iso?.cleanup();
  removeUser(admin);
  removePam?.();
});

/** What a Kimchi script sends: JSON with the session cookie, no X-Requested-With. */
async function req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`${s.url}${path}`, {
    method, redirect: 'manual',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : undefined };
}

async function waitTask(id: string) {
  for (let i = 0; i < 400; i++) {
    const t = await req('GET', `/plugins/kimchi/tasks/${id}`);
    if (t.body.status !== 'running') return t.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`task ${id} still running`);
}

test('unauthenticated: 401 WOKAUTH0002E', async () => {
  const r = await req('GET', '/plugins/kimchi/vms');
  assert.equal([r.status, r.body.code], [401, '401 Unauthorized']);
  assert.ok(r.body.reason.startsWith('WOKAUTH0002E: '));
});

test('POST /login (wok\'s root path) answers the user and sets an HttpOnly, SameSite=Strict cookie', async () => {
  const bad = await req('POST', '/login', { username: admin.name, password: 'wrong-k13' });
  assert.equal(bad.status, 401);
  assert.ok(bad.body.reason.startsWith('WOKAUTH0008E: '), bad.body.reason);
  const r = await req('POST', '/login', { username: admin.name, password: admin.password });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body, { username: admin.name, groups: r.body.groups, role: 'admin' });
  const set = r.headers.get('set-cookie') ?? '';
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  cookie = set.split(';')[0];
});

test('GET /users and /groups are lists of names (Kimchi\'s PAM users and groups)', async () => {
  const users = await req('GET', '/plugins/kimchi/users');
  assert.equal(users.status, 200);
  assert.ok(users.body.every((u: unknown) => typeof u === 'string') && users.body.includes(admin.name), JSON.stringify(users.body));
  const groups = await req('GET', '/plugins/kimchi/groups');
  assert.ok(groups.body.every((g: unknown) => typeof g === 'string') && groups.body.includes('sudo'), JSON.stringify(groups.body));
});

test('a cross-origin or form post with the cookie is refused; the same JSON post from a script is not', async () => {
  const foreign = await req('POST', '/plugins/kimchi/networks', { name: 'k13-net', connection: 'isolated' }, { Origin: 'http://evil.example' });
  assert.equal(foreign.status, 403);
  const form = await fetch(`${s.url}/plugins/kimchi/networks`, {
    method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=k13-net&connection=isolated',
  });
  assert.equal(form.status, 403);
  const plain = await fetch(`${s.url}/plugins/kimchi/vms/x/start`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'text/plain' }, body: '{}' });
  assert.equal(plain.status, 403);
  assert.equal((await req('GET', '/plugins/kimchi/networks/k13-net')).status, 404, 'nothing was made');
});

test('the Kimchi 3.0 script: template from an ISO, VM (Task), start, poweroff, clone, delete, list kimchi_isos', async () => {
  const tpl = await req('POST', '/plugins/kimchi/templates', { name: 'k13-flow', source_media: { type: 'disk', path: iso.path } });
  assert.equal(tpl.status, 201, JSON.stringify(tpl.body));
  const create = await req('POST', '/plugins/kimchi/vms', { name: 'k13-flow-vm', template: '/plugins/kimchi/templates/k13-flow' });
  assert.equal(create.status, 202, JSON.stringify(create.body));
  assert.equal((await waitTask(create.body.id)).status, 'finished');
  assert.equal((await req('POST', '/plugins/kimchi/vms/k13-flow-vm/start', {})).body.state, 'running');
  assert.equal((await req('POST', '/plugins/kimchi/vms/k13-flow-vm/poweroff', {})).body.state, 'shutoff');
  const clone = await req('POST', '/plugins/kimchi/vms/k13-flow-vm/clone', {});
  assert.equal(clone.status, 202, JSON.stringify(clone.body));
  const cloned = await waitTask(clone.body.id);
  assert.equal(cloned.status, 'finished', cloned.message);
  const cloneName = decodeURIComponent(cloned.target_uri.split('/').pop());
  const names = (await req('GET', '/plugins/kimchi/vms')).body.map((v: { name: string }) => v.name);
  assert.ok(names.includes('k13-flow-vm') && names.includes(cloneName), names.join());
  for (const n of ['k13-flow-vm', cloneName]) assert.equal((await req('DELETE', `/plugins/kimchi/vms/${encodeURIComponent(n)}`)).status, 204);
  assert.equal((await req('GET', '/plugins/kimchi/vms')).body, []);
  const isos = await req('GET', '/plugins/kimchi/storagepools/kimchi_isos/storagevolumes');
  assert.equal(isos.status, 200);
  assert.ok(Array.isArray(isos.body));
  assert.equal((await req('DELETE', '/plugins/kimchi/templates/k13-flow')).status, 204);
});

test('POST /logout answers {} and ends the session', async () => {
  const r = await req('POST', '/logout', {});
  assert.equal([r.status, r.body], [200, {}]);
  assert.equal((await req('GET', '/plugins/kimchi/vms')).status, 401);
});

test.run();
