// Hosts and authorization with real PAM users: administrators manage hosts; a guest shared with a user is shared on its own host.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, until, type TestServer } from '../helpers/server.ts';
import { basic, createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-hosts-auth';
let fx: Fixture, s: TestServer, admin: TestUser, user: TestUser, removePam: () => void;

test.before(async () => {
  removePam = installPamService(SERVICE);
  admin = createUser('kha', ['sudo']);
  user = createUser('khu');
  // Both hosts load the same fixture (each test:/// connection is its own hypervisor): same names, same UUIDs.
  fx = writeFixture({ domains: ['kimchi-test-hosts-twin'] });
  s = await serve(fx.uri, { auth: pamProvider({ pamService: SERVICE }) });
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
  removeUser(admin);
  removeUser(user);
  removePam?.();
});

const call = (path: string, who: TestUser, init: RequestInit = {}) => fetch(`${s.url}${path}`, {
  ...init, headers: { Authorization: basic(who), 'Content-Type': 'application/json', ...init.headers },
}).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));

test('only administrators manage hosts: a user is refused (403) listing, registering, testing and removing', async () => {
  assert.is((await call('/api/hosts', user)).status, 403);
  assert.is((await call('/api/hosts', user, { method: 'POST', body: JSON.stringify({ name: 'kimchi-test-x', uri: fx.uri }) })).status, 403);
  assert.is((await call('/api/hosts/test', user, { method: 'POST', body: JSON.stringify({ uri: fx.uri }) })).status, 403);
  const made = await call('/api/hosts', admin, { method: 'POST', body: JSON.stringify({ name: 'twin', uri: fx.uri }) });
  assert.is(made.status, 201);
  assert.is(made.body.added_by, admin.name, 'who registered it');
  assert.is((await call('/api/hosts/twin', user, { method: 'DELETE' })).status, 403);
  assert.is((await call('/api/hosts', user)).status, 403);
  await until(async () => (await call('/api/hosts/twin', admin)).body.state === 'connected', 10_000, 'twin connected');
});

test("a guest shared on host twin is the user's there only, not the same UUID on local", async () => {
  const share = await call('/api/hosts/twin/vms/kimchi-test-hosts-twin', admin, { method: 'PUT', body: JSON.stringify({ users: [user.name] }) });
  assert.is(share.status, 200);
  assert.equal([share.body.host, share.body.users], ['twin', [user.name]]);
  const onTwin = await call('/api/hosts/twin/vms', user);
  assert.equal(onTwin.body.map((v: any) => v.name), ['kimchi-test-hosts-twin'], 'listed on twin');
  assert.equal((await call('/api/vms', user)).body, [], 'the twin on local is not shared');
  assert.is((await call('/api/hosts/twin/vms/kimchi-test-hosts-twin', user)).status, 200);
  assert.is((await call('/api/vms/kimchi-test-hosts-twin', user)).status, 403);
  const all = await call('/api/vms?host=all', user);
  assert.equal(all.body.map((v: any) => `${v.host}/${v.name}`), ['twin/kimchi-test-hosts-twin']);
  const localCopy = (await call('/api/vms/kimchi-test-hosts-twin', admin)).body;
  assert.equal([localCopy.host, localCopy.users], ['local', []], "local's metadata is untouched");
});

test.run();
