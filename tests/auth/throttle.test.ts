// Login throttling through the real server and PAM, played by several clients on distinct loopback addresses.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { throttleAddress } from '../../handlers/auth/login.ts';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';
import { basicOf, from, loginFrom } from './from.ts';

const SERVICE = 'kimchi-test-throttle';
let fx: Fixture, s: TestServer, removePam: () => void;
/** Calls that reached the PAM authenticator (its own success cache included). */
let pamCalls = 0;
const users: TestUser[] = [];
const user = (prefix: string) => { const u = createUser(prefix); users.push(u); return u; };

test.before(async () => {
  removePam = installPamService(SERVICE);
  fx = writeFixture({ domains: ['vm-a'] });
  const pam = pamProvider({ pamService: SERVICE });
  const auth = { ...pam, authenticate: (...a: Parameters<typeof pam.authenticate>) => { pamCalls++; return pam.authenticate(...a); } };
  s = await serve(fx.uri, { auth });
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
  for (const u of users) removeUser(u);
  removePam?.();
});

const vmsFrom = (addr: string, username: string, password: string) =>
  from(`${s.url}/api/vms`, { from: addr, headers: { Authorization: basicOf(username, password) } });

test('failures sent from one address never lock the owner out at another: not root, not any user', async () => {
  const victim = user('ktl');
  for (const name of [victim.name, 'root']) {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await loginFrom(s.url, '127.0.0.2', name, `wrong-${i}`)).status);
    for (let i = 0; i < 2; i++) statuses.push((await vmsFrom('127.0.0.2', name, `wrong-basic-${i}`)).status);
    assert.ok(statuses.includes(429), `the attacker's own address is slowed down: ${statuses.join(' ')}`);
  }
  const owner = await loginFrom(s.url, '127.0.0.3', victim.name, victim.password);
  assert.equal(owner.status, 200, `the login form from the owner's address: ${owner.body}`);
  const script = await vmsFrom('127.0.0.4', victim.name, victim.password);
  assert.equal(script.status, 200, `HTTP Basic from another address: ${script.body}`);
});

test('a valid account does not reset its address: spraying passwords at other users between own logins is slowed', async () => {
  const attacker = user('kts');
  const statuses: number[] = [];
  for (let i = 0; i < 14; i++) {
    statuses.push((await loginFrom(s.url, '127.0.0.5', `ktsvictim${i}`, 'Winter2026!')).status);
    if (i % 2 === 1) await loginFrom(s.url, '127.0.0.5', attacker.name, attacker.password);
  }
  assert.ok(statuses.includes(429), `the address is throttled after enough failures: ${statuses.join(' ')}`);
  assert.equal(statuses.slice(0, 10), Array(10).fill(401), 'the first ones are merely wrong');
});

test('a script sending ten requests at once with the right Basic credentials on cold caches gets ten answers', async () => {
  const script = user('ktc');
  pamCalls = 0;
  const answers = await Promise.all(Array.from({ length: 10 }, () => vmsFrom('127.0.0.6', script.name, script.password)));
  assert.equal(answers.map((a) => a.status), Array(10).fill(200), answers.map((a) => a.body).join('\n'));
  assert.is(pamCalls, 1, 'one PAM check shared by all ten');
});

test('wrong passwords sent at once are still throttled; the same wrong one sent ten times is one try', async () => {
  const victim = user('ktw');
  const distinct = await Promise.all(Array.from({ length: 5 }, (_, i) => loginFrom(s.url, '127.0.0.7', victim.name, `guess-${i}`)));
  const statuses = distinct.map((a) => a.status).sort();
  assert.equal(statuses, [401, 401, 401, 429, 429], 'two free tries and the one that sets the wait; the rest wait');
  pamCalls = 0;
  const same = await Promise.all(Array.from({ length: 10 }, () => loginFrom(s.url, '127.0.0.8', victim.name, 'guess-same')));
  assert.equal(same.map((a) => a.status), Array(10).fill(401));
  assert.is(pamCalls, 1);
  assert.is((await loginFrom(s.url, '127.0.0.8', victim.name, victim.password)).status, 200, 'counted once: the right one still works there');
});

test('addresses are throttled as IPv4 hosts and IPv6 /64 networks', () => {
  assert.is(throttleAddress('127.0.0.9'), '127.0.0.9');
  assert.is(throttleAddress('::ffff:10.1.2.3'), '10.1.2.3');
  assert.is(throttleAddress('2001:db8:aa:bb:1:2:3:4'), '2001:db8:aa:bb::/64');
  assert.is(throttleAddress('2001:db8:aa:bb::99'), '2001:db8:aa:bb::/64');
  assert.is(throttleAddress('2001:DB8:0AA::1'), '2001:db8:aa:0::/64');
  assert.is(throttleAddress('::1'), '0:0:0:0::/64');
  assert.is(throttleAddress('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.is(throttleAddress(undefined), 'unknown');
});

test.run();
