// Slow PAM failures (pam_unix's real ~2 s delay) must not starve static files, the API or real logins.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync, writeFileSync } from 'node:fs';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, UI_ASSET, type TestServer } from '../helpers/server.ts';
import { createUser, removeUser, type TestUser } from '../helpers/users.ts';
import { from, loginFrom } from './from.ts';

const SERVICE = 'kimchi-test-slowpam';
const PAM_FILE = `/etc/pam.d/${SERVICE}`;
let fx: Fixture, s: TestServer, admin: TestUser, other: TestUser, pamCalls = 0;

test.before(async () => {
  // Unlike installPamService: no `nodelay`, so every failure sleeps in PAM as it does on a real host.
  writeFileSync(PAM_FILE, 'auth required pam_unix.so\naccount required pam_unix.so\n');
  admin = createUser('ktq', ['sudo']);
  other = createUser('ktq');
  fx = writeFixture({ domains: ['vm-a'] });
  const pam = pamProvider({ pamService: SERVICE });
  const auth = { ...pam, authenticate: (...a: Parameters<typeof pam.authenticate>) => { pamCalls++; return pam.authenticate(...a); } };
  s = await serve(fx.uri, { auth });
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
  removeUser(admin);
  removeUser(other);
  rmSync(PAM_FILE, { force: true });
});

test('while a dozen wrong logins wait on PAM, a static file, the VM list and a real login answer fast', async () => {
  const login = await loginFrom(s.url, '127.0.0.30', admin.name, admin.password);
  assert.is(login.status, 200);
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  // Six addresses, two wrong guesses each, all in flight at once: more sleeping checks than libuv's 4 threads.
  const attack = Array.from({ length: 12 }, (_, i) => loginFrom(s.url, `127.0.0.${40 + (i % 6)}`, `ktqnobody${i}`, `guess-${i}`));
  await new Promise((r) => setTimeout(r, 150));
  const [asset, vms, again] = await Promise.all([
    from(`${s.url}/${UI_ASSET}`, { from: '127.0.0.31' }),
    from(`${s.url}/api/vms`, { from: '127.0.0.31', headers: { Cookie: cookie, 'X-Requested-With': 'kimchi-ui' } }),
    loginFrom(s.url, '127.0.0.32', other.name, other.password), // not in PAM's success cache
  ]);
  const wrong = await Promise.all(attack);
  console.log(`  static ${asset.ms.toFixed(0)} ms, /api/vms ${vms.ms.toFixed(0)} ms, login ${again.ms.toFixed(0)} ms, wrong logins up to ${Math.max(...wrong.map((w) => w.ms)).toFixed(0)} ms`);
  assert.equal([asset.status, vms.status, again.status], [200, 200, 200]);
  assert.ok(Math.min(...wrong.map((w) => w.ms)) > 1000, 'the wrong logins really slept in PAM');
  assert.equal(wrong.map((w) => w.status), Array(12).fill(401));
  assert.ok(asset.ms < 500, `static file took ${asset.ms} ms`);
  assert.ok(vms.ms < 500, `/api/vms took ${vms.ms} ms`);
  assert.ok(again.ms < 1000, `a real login took ${again.ms} ms`);
});

test('one address gets at most four PAM checks at once; the rest are told to retry', async () => {
  pamCalls = 0;
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => loginFrom(s.url, '127.0.0.50', `ktqother${i}`, `guess-${i}`)));
  const statuses = answers.map((a) => a.status).sort();
  assert.equal(statuses, [401, 401, 401, 401, 429, 429, 429, 429]);
  assert.is(pamCalls, 4);
  const busy = answers.find((a) => a.status === 429)!;
  assert.is(busy.headers['retry-after'], '1');
  assert.is(JSON.parse(busy.body).code, 'KCHAUTH0009E');
});

test.run();
