// openKimchi with both logins under /virt, called through its Web-standard fetch (no server): the host's identify hook
// first, then our PAM login (HTTP Basic, or a session cookie kept within /virt); close() releases everything.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKimchi, type Kimchi } from '../../runtime/kimchi.ts';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { silent } from '../helpers/app.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { basic, createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-embed';
const s: { fx?: Fixture; dir?: string; kimchi?: Kimchi; user?: TestUser; removePam?: () => void } = {};
const call = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  s.kimchi!.fetch(new Request(`http://appliance.example${path}`, { ...init, headers: { Host: 'appliance.example', ...headers } }));

test.before(async () => {
  s.removePam = installPamService(SERVICE);
  s.user = createUser('kte');
  s.fx = writeFixture({ domains: ['web-1'] });
  s.dir = mkdtempSync(join(tmpdir(), 'kimchi-embed-pam-'));
  s.kimchi = await openKimchi({
    libvirtUri: s.fx.uri, dataDir: s.dir, basePath: '/virt/', logger: silent, uiDir: false,
    auth: pamProvider({ pamService: SERVICE }),
    identify: (request) => (request.headers.get('x-appliance-user') === 'operator' ? { name: 'operator', admin: true, groups: [] } : null),
  });
});
test.after(() => cleanUp([
  ['kimchi', () => s.kimchi?.close()],
  ['data dir', () => { if (s.dir) rmSync(s.dir, { recursive: true, force: true }); }],
  ['fixture', () => s.fx?.cleanup()],
  ['user', () => removeUser(s.user)],
  ['pam service', () => s.removePam?.()],
]));

test('the host\'s user comes first; without one, our PAM login answers (Basic), and without either, 401 with our challenge', async () => {
  const hosted = await (await call('/virt/api/session', { 'X-Appliance-User': 'operator' })).json() as { username: string; host_login?: true };
  assert.equal([hosted.username, hosted.host_login], ['operator', true]);
  const ours = await call('/virt/api/session', { Authorization: basic(s.user!) });
  assert.is(ours.status, 200);
  const body = await ours.json() as { username: string; host_login?: true };
  assert.equal([body.username, body.host_login], [s.user!.name, undefined]);
  const nobody = await call('/virt/api/vms');
  assert.is(nobody.status, 401);
  assert.match(nobody.headers.get('www-authenticate') ?? '', /^Basic realm="kimchi"/);
});

test('our login form under /virt: the session cookie stays within /virt and lets the UI\'s requests in', async () => {
  const login = await call('/virt/api/login', { 'Content-Type': 'application/json', 'X-Requested-With': 'kimchi-ui' }, {
    method: 'POST', body: JSON.stringify({ username: s.user!.name, password: s.user!.password }),
  });
  assert.is(login.status, 200, await login.clone().text());
  const cookie = login.headers.get('set-cookie') ?? '';
  assert.match(cookie, /Path=\/virt(?:;|$)/);
  const vms = await call('/virt/api/vms', { Cookie: cookie.split(';')[0]!, 'X-Requested-With': 'kimchi-ui' });
  assert.is(vms.status, 200);
});

test('the base path is normalised (a trailing slash is dropped) and nothing outside it is answered; no UI was asked for', async () => {
  assert.is(s.kimchi!.basePath, '/virt');
  assert.is((await call('/api/vms', { 'X-Appliance-User': 'operator' })).status, 404);
  assert.is((await call('/virt/', { 'X-Appliance-User': 'operator' })).status, 404);
});

test('an invalid base path is refused before anything is opened', async () => {
  for (const basePath of ['virt', '/a/../b', '/with space', '/x?y']) {
    try {
      await openKimchi({ libvirtUri: s.fx!.uri, dataDir: join(s.dir!, 'never'), basePath, logger: silent });
      assert.unreachable(`${basePath} was accepted`);
    } catch (e) {
      assert.match(String(e), /basePath must look like/);
    }
  }
});

test.run();
