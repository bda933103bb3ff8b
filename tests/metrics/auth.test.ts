// Who may read GET /metrics: administrators (real PAM users), or a scraper with the bearer token from --metrics-token-file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { basic, createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-metrics';
const TOKEN = randomBytes(24).toString('base64url');
let fx: Fixture, s: TestServer, admin: TestUser, user: TestUser, removePam: () => void;

test.before(async () => {
  removePam = installPamService(SERVICE);
  admin = createUser('ktma', ['sudo']);
  user = createUser('ktmu');
  fx = writeFixture({ domains: ['kimchi-test-metrics-vm'] });
  const tokenFile = `${fx.path}.token`;
  writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  s = await serve(fx.uri, { auth: pamProvider({ pamService: SERVICE }), metricsTokenFile: tokenFile });
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
  removeUser(admin);
  removeUser(user);
  removePam?.();
});

const get = (path: string, authorization?: string) => fetch(`${s.url}${path}`, { headers: authorization ? { Authorization: authorization } : {} });

test('an administrator reads /metrics; another host user is refused; nobody without credentials', async () => {
  const ok = await get('/metrics', basic(admin));
  assert.is(ok.status, 200);
  assert.match(await ok.text(), /^kimchi_guest_state\{host="local",name="kimchi-test-metrics-vm",uuid="[0-9a-f-]{36}",state="running"\} 1$/m);
  const refused = await get('/metrics', basic(user));
  assert.is(refused.status, 403);
  assert.is(((await refused.json()) as { code: string }).code, 'KCHAUTH0003E');
  const anonymous = await get('/metrics');
  assert.is(anonymous.status, 401);
  assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic/);
});

test('a scraper with the bearer token reads /metrics, and only /metrics; a wrong token is refused', async () => {
  assert.is((await get('/metrics', `Bearer ${TOKEN}`)).status, 200);
  assert.is((await get('/metrics', `Bearer ${TOKEN}x`)).status, 401);
  assert.is((await get('/metrics', `Bearer ${TOKEN.slice(0, -1)}`)).status, 401);
  assert.is((await get('/api/vms', `Bearer ${TOKEN}`)).status, 401, 'the token opens nothing else');
  assert.not.equal((await fetch(`${s.url}/metrics`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200, 'GET only');
});

test('POST /api/config/backup is for administrators: a host user is refused, the scraper\'s token opens nothing', async () => {
  const post = (authorization: string) => fetch(`${s.url}/api/config/backup`, { method: 'POST', headers: { Authorization: authorization } });
  const refused = await post(basic(user));
  assert.is(refused.status, 403);
  assert.is(((await refused.json()) as { code: string }).code, 'KCHAUTH0003E');
  assert.is((await post(`Bearer ${TOKEN}`)).status, 401);
  const ok = await post(basic(admin));
  assert.is(ok.status, 200);
  const bytes = Buffer.from(await ok.arrayBuffer());
  assert.equal([...bytes.subarray(0, 2)], [0x1f, 0x8b], 'a gzip stream');
});

test('a token file with a short or empty token stops the server from starting, naming the file', async () => {
  const file = `${fx.path}.short`;
  for (const text of ['short\n', '\n', 'two words-that-are-long-enough\n']) {
    writeFileSync(file, text);
    const err = await serve(fx.uri, { metricsTokenFile: file }).then(async (x) => { await x.stop(); return undefined; }, (e: Error) => e);
    assert.ok(err, JSON.stringify(text));
    assert.match(err!.message, /\.short: the metrics token must be one word of at least 16 characters/);
  }
});

test.run();
