// Access ends with the session: logout closes its event streams; a locked or expired account loses its sessions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { shadowActive } from '../../runtime/auth/account.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, until, type TestServer } from '../helpers/server.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-sessions';
let fx: Fixture, s: TestServer, removePam: () => void;
const users: TestUser[] = [];

test.before(async () => {
  removePam = installPamService(SERVICE);
  fx = writeFixture({ domains: ['vm-a'] });
  s = await serve(fx.uri, { auth: pamProvider({ pamService: SERVICE, recheckMs: 200 }) });
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
  for (const u of users) removeUser(u);
  removePam?.();
});

const ui = (cookie: string) => ({ Cookie: cookie, 'X-Requested-With': 'kimchi-ui' });
async function login(u: TestUser): Promise<string> {
  const r = await fetch(`${s.url}/api/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'kimchi-ui' },
    body: JSON.stringify({ username: u.name, password: u.password }),
  });
  assert.is(r.status, 200);
  return (r.headers.get('set-cookie') ?? '').split(';')[0];
}

/** An open /api/events stream; `ended` resolves when the server closes it (after its first event arrived). */
async function stream(cookie: string): Promise<{ ended: Promise<void>; isOpen(): boolean; cancel(): Promise<void> }> {
  const r = await fetch(`${s.url}/api/events`, { headers: ui(cookie) });
  assert.is(r.status, 200);
  const reader = r.body!.getReader();
  let open = true;
  const first = await reader.read();
  assert.match(new TextDecoder().decode(first.value), /event: config/);
  const ended = (async () => { while (!(await reader.read()).done); open = false; })();
  return { ended, isOpen: () => open, cancel: () => reader.cancel().catch(() => undefined) };
}
const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms))]);

test('logout closes the event streams of that session, and only those', async () => {
  const u = createUser('kto'); users.push(u);
  const [a, b] = [await login(u), await login(u)];
  const [sa, sb] = [await stream(a), await stream(b)];
  try {
    assert.is((await fetch(`${s.url}/api/logout`, { method: 'POST', headers: ui(a) })).status, 204);
    await within(sa.ended, 2000, 'the logged-out session\'s stream closing');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(sb.isOpen(), 'the other session of the same user keeps its stream');
    assert.is((await fetch(`${s.url}/api/session`, { headers: ui(b) })).status, 200);
  } finally {
    await sa.cancel();
    await sb.cancel();
  }
});

for (const [what, args] of [['passwd -l', ['passwd', '-l']], ['chage -E 0', ['chage', '-E', '0']]] as const) {
  test(`after ${what} the account's sessions end within the re-check interval, streams included`, async () => {
    const u = createUser('ktd'); users.push(u);
    const cookie = await login(u);
    const st = await stream(cookie);
    try {
      execFileSync(args[0], [...args.slice(1), u.name], { stdio: 'ignore' });
      await within(st.ended, 3000, 'the stream closing');
      await until(async () => (await fetch(`${s.url}/api/session`, { headers: ui(cookie) })).status === 401, 3000, 'the session ending');
    } finally {
      await st.cancel();
    }
  });
}

test('the account verdict follows shadow: locked, expired, inactive past a password expiry, otherwise active', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  const today = Math.floor(now / 86_400_000);
  const entry = (pw: string, changed = String(today - 1), max = '', inactive = '', expire = '') => ['u', pw, changed, '0', max, '7', inactive, expire, ''];
  assert.ok(shadowActive(entry('$y$hash'), now));
  assert.not.ok(shadowActive(entry('!$y$hash'), now), 'passwd -l');
  assert.not.ok(shadowActive(entry('$y$hash', undefined, '', '', '0'), now), 'chage -E 0');
  assert.ok(shadowActive(entry('$y$hash', undefined, '', '', String(today + 1)), now), 'expires tomorrow');
  assert.not.ok(shadowActive(entry('$y$hash', String(today - 100), '30', '10'), now), 'password expired and inactive');
  assert.ok(shadowActive(entry('$y$hash', String(today - 35), '30', '10'), now), 'password expired, still in its grace');
});

test.run();
