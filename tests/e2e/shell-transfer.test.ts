// What travels: built assets as brotli or gzip and cached for good, index.html never cached, JSON gzipped, the event
// stream untouched — and a first visit (login page + Guests tab) that loads at most 90 KB of JavaScript.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request as httpRequest } from 'node:http';
import type { Browser } from 'playwright-core';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-transfer';
const s: { fx?: Fixture; server?: TestServer; browser?: Browser; user?: TestUser; removePam?: () => void; cookie?: string } = {};

/** Raw headers of a GET (node:http, which, unlike fetch, neither asks for nor undoes compression by itself). */
function head(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${s.server!.url}${path}`, { headers: { 'X-Requested-With': 'test', ...headers } }, (res) => {
      let bytes = 0;
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes });
      // An event stream never ends: its headers are enough.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) { res.destroy(); return done(); }
      res.on('data', (d: Buffer) => { bytes += d.length; });
      res.on('end', done);
    });
    req.on('error', reject);
    req.end();
  });
}

test.before(async () => {
  ensureUiBuilt();
  s.removePam = installPamService(SERVICE);
  s.user = createUser('ktr', ['sudo']);
  s.fx = writeFixture({ domains: 40 });
  s.server = await serve(s.fx.uri, { uiDir: UI_DIR, auth: pamProvider({ pamService: SERVICE }) });
  const login = await fetch(`${s.server.url}/api/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'test' },
    body: JSON.stringify({ username: s.user.name, password: s.user.password }),
  });
  assert.is(login.status, 200);
  s.cookie = login.headers.get('set-cookie')!.split(';')[0];
  s.browser = await launchChromium();
});

test.after(async () => {
  await s.browser?.close().catch(() => {});
  await s.server?.stop().catch(() => {});
  s.fx?.cleanup();
  removeUser(s.user);
  s.removePam?.();
});

test('index.html is never cached; hashed assets are immutable, brotli or gzip as the browser asks, Vary set', async () => {
  const index = await head('/', { 'Accept-Encoding': 'gzip, br' });
  assert.is(index.headers['cache-control'], 'no-cache');
  const html = await (await fetch(`${s.server!.url}/`)).text();
  const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(html)?.[1]; // relative (./assets/…) since the UI works under any prefix
  assert.ok(script, 'index.html names its script');
  const plain = await head(script!);
  const br = await head(script!, { 'Accept-Encoding': 'gzip, deflate, br' });
  const gz = await head(script!, { 'Accept-Encoding': 'gzip' });
  assert.is(plain.headers['content-encoding'], undefined);
  assert.is(br.headers['content-encoding'], 'br');
  assert.is(gz.headers['content-encoding'], 'gzip');
  for (const r of [plain, br, gz]) {
    assert.is(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(r.headers.vary), /Accept-Encoding/);
    assert.match(String(r.headers['content-type']), /javascript/);
  }
  assert.ok(br.bytes < plain.bytes / 2 && gz.bytes < plain.bytes / 2, `compressed: br ${br.bytes}, gzip ${gz.bytes}, plain ${plain.bytes}`);
});

test('API JSON is gzipped for a client that takes it; the event stream is not', async () => {
  const cookie = s.cookie!;
  const vms = await head('/api/vms', { cookie, 'Accept-Encoding': 'gzip, deflate, br' });
  assert.is(vms.status, 200);
  assert.is(vms.headers['content-encoding'], 'gzip');
  const raw = await head('/api/vms', { cookie });
  assert.is(raw.headers['content-encoding'], undefined);
  assert.ok(vms.bytes < raw.bytes / 3, `gzip ${vms.bytes} vs ${raw.bytes}`);
  const events = await head('/api/events', { cookie, 'Accept-Encoding': 'gzip, br' });
  assert.is(events.status, 200);
  assert.is(events.headers['content-encoding'], undefined, 'SSE must flush event by event, uncompressed');
});

test('a first visit (login page, then the Guests tab) loads at most 90 KB of JavaScript over the wire', async () => {
  const context = await s.browser!.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const scripts = new Set<string>();
    let bytes = 0;
    cdp.on('Network.responseReceived', (e) => { if (e.type === 'Script') scripts.add(e.requestId); });
    cdp.on('Network.loadingFinished', (e) => { if (scripts.has(e.requestId)) bytes += e.encodedDataLength; });
    await page.goto(s.server!.url, { waitUntil: 'domcontentloaded' });
    await page.locator('[data-testid=login-username]').fill(s.user!.name);
    await page.locator('[data-testid=login-password]').fill(s.user!.password);
    await page.locator('[data-testid=login-submit]').click();
    await page.waitForSelector('[data-testid=guests-page][data-state=ready]', { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    assert.ok(scripts.size > 0 && bytes > 0, 'scripts were seen');
    assert.ok(bytes <= 90_000, `first load took ${bytes} bytes of JavaScript`);
  } finally {
    await context.close();
  }
});

test.run();
