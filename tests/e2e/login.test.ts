// User stories with authentication on (real PAM, real host users): the login page first, a wrong password and the
// throttle explained, the shell with the user's name, what a non-administrator sees, Logout back to the login page.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { OUTPUT_DIR, UI_DIR, assertAccessible, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-login-ui';
const VIEWPORT = { width: 1280, height: 800 };
const TABS = ['guests', 'templates', 'storage', 'network', 'host'];

const s: { fx?: Fixture; server?: TestServer; browser?: Browser; admin?: TestUser; user?: TestUser; removePam?: () => void; contexts: BrowserContext[] } = { contexts: [] };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid=${id}]`);
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `login-${name}.png`), animations: 'disabled' });

async function open(locale = 'en-US', viewport = VIEWPORT): Promise<Page> {
  const context = await s.browser!.newContext({ locale, viewport });
  s.contexts.push(context);
  const page = await context.newPage();
  await page.goto(s.server!.url, { waitUntil: 'domcontentloaded' });
  return page;
}

async function submit(page: Page, user: string, password: string): Promise<void> {
  await byTestId(page, 'login-username').fill(user);
  await byTestId(page, 'login-password').fill(password);
  await byTestId(page, 'login-submit').click();
}

/** A wrong password straight at the API from this host (the same address the browser's logins count against). */
const wrongLogin = (user: TestUser) => fetch(`${s.server!.url}/api/login`, {
  method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'test' },
  body: JSON.stringify({ username: user.name, password: 'not-the-password' }),
});

test.before(async () => {
  ensureUiBuilt();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.removePam = installPamService(SERVICE);
  s.admin = createUser('kla', ['sudo']);
  s.user = createUser('klu');
  s.fx = writeFixture();
  s.server = await serve(s.fx.uri, { uiDir: UI_DIR, auth: pamProvider({ pamService: SERVICE }) });
  s.browser = await launchChromium();
});

test.after(async () => {
  for (const c of s.contexts) await c.close().catch(() => {});
  await s.browser?.close().catch(() => {});
  await s.server?.stop().catch(() => {});
  s.fx?.cleanup();
  removeUser(s.admin);
  removeUser(s.user);
  s.removePam?.();
});

test('not logged in: the login page, with no browser password dialog and no shell', async () => {
  const page = await open();
  let dialog = false;
  page.on('dialog', () => { dialog = true; });
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  assert.is(await byTestId(page, 'shell').count(), 0);
  assert.is(await byTestId(page, 'login-username').getAttribute('autocomplete'), 'username');
  assert.is(await byTestId(page, 'login-password').getAttribute('autocomplete'), 'current-password');
  assert.ok(await byTestId(page, 'login-submit').isDisabled(), 'submit is disabled while the fields are empty');
  await byTestId(page, 'login-username').fill('someone');
  assert.ok(await byTestId(page, 'login-submit').isDisabled(), 'still disabled without a password');
  const box = await byTestId(page, 'login-submit').boundingBox();
  assert.ok(box && box.height >= 44, `touch-sized submit: ${JSON.stringify(box)}`);
  assert.not.ok(dialog);
  await shot(page, 'page');
  await assertAccessible(page, 'the login page');
});

test('a wrong password shows the server reason, clears the password and keeps the name', async () => {
  const page = await open();
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  await submit(page, s.admin!.name, 'not-the-password');
  const error = byTestId(page, 'login-error');
  await error.waitFor();
  assert.is(await error.getAttribute('data-code'), 'KCHAUTH0001E');
  assert.match(await error.innerText(), /Wrong user name or password/);
  assert.is(await byTestId(page, 'login-password').inputValue(), '');
  assert.is(await byTestId(page, 'login-username').inputValue(), s.admin!.name);
  assert.is(await byTestId(page, 'shell').count(), 0);
  await shot(page, 'error');
  await assertAccessible(page, 'the login page with an error');
});

test('pt-BR: the wrong-password reason comes back in Portuguese', async () => {
  const page = await open('pt-BR');
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  assert.match(await byTestId(page, 'login-submit').innerText(), /Entrar/);
  await submit(page, s.admin!.name, 'errada');
  assert.match(await byTestId(page, 'login-error').innerText(), /Usuário ou senha incorretos/);
});

test('the right password shows the shell with the user name; the name opens a VM page; Logout returns to the login page', async () => {
  const page = await open();
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  await submit(page, s.admin!.name, s.admin!.password);
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
  assert.is(await byTestId(page, 'login-page').count(), 0);
  assert.is((await byTestId(page, 'user-name').innerText()).trim(), s.admin!.name);
  for (const tab of TABS) assert.ok(await byTestId(page, `tab-${tab}`).isEnabled(), `tab-${tab} is there for an administrator`);
  await byTestId(page, 'vm-row').first().waitFor({ timeout: 15_000 });
  assert.ok(await byTestId(page, 'new-guest').isVisible());
  await shot(page, 'shell');
  await assertAccessible(page, 'the shell after login');

  // A reload keeps the session (the HttpOnly cookie); the header still names the user.
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
  assert.is((await byTestId(page, 'user-name').innerText()).trim(), s.admin!.name);

  const name = await byTestId(page, 'vm-row').first().getAttribute('data-name');
  await byTestId(page, 'vm-row').first().locator('[data-testid=vm-name]').click();
  await page.waitForSelector(`[data-testid=vm-page][data-name="${name}"]`, { timeout: 15_000 });
  assert.match(page.url(), /#\/vms\//);
  await byTestId(page, 'vm-page-back').click();
  await byTestId(page, 'vm-row').first().waitFor({ timeout: 15_000 });

  await byTestId(page, 'logout').click();
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  assert.is(await byTestId(page, 'shell').count(), 0);
  // The cookie is gone: a reload lands on the login page again, and the API says 401.
  await page.reload({ waitUntil: 'domcontentloaded' });
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  const status = await page.evaluate(() => fetch('/api/vms', { headers: { 'X-Requested-With': 'kimchi-ui' } }).then((r) => r.status));
  assert.is(status, 401);
  await shot(page, 'logged-out');
});

test('a user who is not an administrator sees only Guests, without New guest, Clone or Delete', async () => {
  const page = await open('en-US', { width: 390, height: 844 });
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  await submit(page, s.user!.name, s.user!.password);
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
  assert.is((await byTestId(page, 'user-name').innerText()).trim(), s.user!.name);
  assert.ok(await byTestId(page, 'tab-guests').isVisible());
  for (const tab of ['templates', 'storage', 'network', 'host']) assert.is(await byTestId(page, `tab-${tab}`).count(), 0, `no ${tab} tab`);
  await page.waitForSelector('[data-testid=guests-page][data-state=ready]', { timeout: 15_000 });
  assert.is(await byTestId(page, 'new-guest').count(), 0);
  assert.is(await byTestId(page, 'vm-delete').count(), 0);
  assert.is(await byTestId(page, 'vm-clone').count(), 0);
  await shot(page, 'user');
  await assertAccessible(page, 'the Guests tab of a user who is not an administrator, phone-sized');
  await byTestId(page, 'logout').click();
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
});

test('an administrator on a portrait tablet in pt-BR: the header (tabs, Tasks, user, Logout) fits without sideways scrolling', async () => {
  const page = await open('pt-BR', { width: 768, height: 1024 });
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  await shot(page, 'tablet-pt-BR');
  await assertAccessible(page, 'the login page on a tablet in pt-BR');
  await submit(page, s.admin!.name, s.admin!.password);
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
  await page.waitForSelector('[data-testid=guests-page][data-state=ready]', { timeout: 15_000 });
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: innerWidth }));
  assert.ok(scroll <= inner, `the page is ${scroll} px wide in a ${inner} px window`);
  for (const id of ['logout', 'task-drawer-toggle', 'tab-guests', 'tab-host']) {
    const box = await byTestId(page, id).boundingBox();
    assert.ok(box && box.height >= 44 && box.width >= 44, `${id} is finger-sized: ${JSON.stringify(box)}`);
    assert.ok(box!.x >= 0 && box!.x + box!.width <= inner, `${id} is inside the window`);
  }
  assert.match(await byTestId(page, 'logout').innerText(), /Sair/);
  await shot(page, 'tablet-pt-BR-shell');
  await assertAccessible(page, 'the shell of an administrator on a tablet in pt-BR');
  await byTestId(page, 'logout').click();
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
});

test('after repeated wrong passwords the page shows the wait (429) and the right password works once it is over', async () => {
  // Three failures start the lock (1 s); one more after it doubles it (2 s): time enough for the browser's try.
  for (let i = 0; i < 3; i++) assert.is((await wrongLogin(s.user!)).status, 401);
  await new Promise((r) => setTimeout(r, 1100));
  assert.is((await wrongLogin(s.user!)).status, 401);
  const page = await open();
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  await submit(page, s.user!.name, s.user!.password);
  const error = byTestId(page, 'login-error');
  await error.waitFor();
  assert.is(await error.getAttribute('data-code'), 'KCHAUTH0002E');
  assert.match(await error.innerText(), /Too many failed logins\. Try again in \d+ seconds/);
  assert.ok(await byTestId(page, 'login-submit').isDisabled(), 'submit waits out Retry-After');
  assert.is(await byTestId(page, 'login-password').inputValue(), '');
  await shot(page, 'throttled');
  await byTestId(page, 'login-password').fill(s.user!.password);
  await page.waitForSelector('[data-testid=login-submit]:not([disabled])', { timeout: 10_000 });
  await byTestId(page, 'login-submit').click();
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
});

test('a session lost while working (cookie gone) sends the next request to the login page', async () => {
  const page = await open();
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  await submit(page, s.admin!.name, s.admin!.password);
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
  await page.context().clearCookies();
  // GET /api/networks answers 401. A background request (the vm list refresh, the event stream) may meet the 401
  // first and replace the shell while the click waits: then the login page must already be there.
  try {
    await byTestId(page, 'tab-network').click({ timeout: 5_000 });
  } catch (err) {
    if ((await byTestId(page, 'login-page').count()) === 0) throw err;
  }
  await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
  assert.is(await byTestId(page, 'shell').count(), 0);
});

test('global error mode with auth: the login page first, then the banner with the debug report for an administrator', async () => {
  const fx = writeFixture();
  const broken = await serve(`${fx.uri}?socket=/nonexistent/kimchi-login-${process.pid}.sock`, { uiDir: UI_DIR, auth: pamProvider({ pamService: SERVICE }) });
  try {
    const context = await s.browser!.newContext({ viewport: VIEWPORT });
    s.contexts.push(context);
    const page = await context.newPage();
    await page.goto(broken.url, { waitUntil: 'domcontentloaded' });
    await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
    assert.is(await byTestId(page, 'error-banner').count(), 0, 'no banner before login: /api/config needs a user');
    await submit(page, s.admin!.name, s.admin!.password);
    await page.waitForSelector('[data-testid=shell][data-state=error]', { timeout: 15_000 });
    assert.match(await byTestId(page, 'error-code').innerText(), /KCHCONF0001E/);
    assert.ok(await byTestId(page, 'debug-report').isVisible(), 'administrators can ask for a debug report');
    assert.ok(await byTestId(page, 'logout').isEnabled(), 'Logout stays usable in error mode');
    await shot(page, 'error-mode');
    await byTestId(page, 'logout').click();
    await byTestId(page, 'login-page').waitFor({ timeout: 15_000 });
    await submit(page, s.user!.name, s.user!.password);
    await page.waitForSelector('[data-testid=shell][data-state=error]', { timeout: 15_000 });
    assert.is(await byTestId(page, 'debug-report').count(), 0, 'no debug report for a user who is not an administrator');
  } finally {
    await broken.stop();
    fx.cleanup();
  }
});

test.run();
