// User story at scale: an admin with 1000 guests searches, filters and sorts the Guests table, starts and deletes
// several at once, and keeps keyboard focus on row 500 while the guests change outside the UI — desktop, tablet, pt-BR.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../runtime/server.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeGuestsFixture } from '../helpers/guests-fixture.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { assertAccessible } from '../helpers/axe.ts';

const COUNT = 1000;
const LONG = `a-guest-with-a-very-long-name-that-would-wrap-to-six-lines-in-the-old-cards-${'x'.repeat(40)}`;
const DESKTOP = { width: 1366, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };

const s: { fixture?: ReturnType<typeof writeGuestsFixture>; dir?: string; server?: RunningServer; browser?: Browser; page?: Page; errors: string[] } = { errors: [] };

const row = (page: Page, name: string) => page.locator(`[data-testid=vm-row][data-name="${name}"]`);
const id = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`);
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `guests-table-${name}.png`), animations: 'disabled' });
const hash = (page: Page) => new URL(page.url()).hash;
const names = (page: Page) => page.locator('[data-testid=vm-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')!));

function api(path: string, method = 'GET'): Promise<Response> {
  return fetch(`${s.server!.url}/api${path}`, { method, headers: { Accept: 'application/json' } });
}

async function open(page: Page, hashPart = '#/guests'): Promise<void> {
  await page.goto(`${s.server!.url}/${hashPart}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=guests-page][data-state=ready]', { timeout: 20_000 });
  await page.waitForSelector('[data-testid=vm-row]', { timeout: 10_000 });
}

test.before(async () => {
  ensureUiBuilt();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.fixture = writeGuestsFixture({ count: COUNT, extra: [LONG] });
  s.dir = mkdtempSync(join(tmpdir(), 'kimchi-e2e-guests-table-'));
  s.server = await startServer({
    host: '127.0.0.1', port: 0, libvirtUri: s.fixture.uri, dataDir: s.dir, uiDir: UI_DIR, logger: pino({ level: 'silent' }),
  });
  s.browser = await launchChromium();
  const context = await s.browser.newContext({ locale: 'en-US', viewport: DESKTOP });
  s.page = await context.newPage();
  s.page.on('pageerror', (e) => s.errors.push(String(e)));
});

test.after(() => cleanUp([
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.close()],
  ['fixture', () => s.fixture?.cleanup()],
  ['temp dir', () => { if (s.dir) rmSync(s.dir, { recursive: true, force: true }); }],
]));

test('1001 guests: only the rows on screen are in the DOM, state counts are on the chips, each row fits its state', async () => {
  const page = s.page!;
  await open(page);
  const rendered = await page.locator('[data-testid=vm-row]').count();
  assert.ok(rendered > 5 && rendered < 40, `virtualised: ${rendered} rows in the DOM`);
  assert.is(await id(page, 'vm-shown').innerText(), `${COUNT + 1} of ${COUNT + 1} guests`);
  assert.is(await id(page, 'vm-filter-running').innerText(), 'Running 700');
  assert.is(await id(page, 'vm-filter-shutoff').innerText(), 'Shut off 251');
  assert.is(await id(page, 'vm-filter-paused').innerText(), 'Paused 50');

  // Running: the console link is the one primary action (a guest with no graphics opens its page instead: it has no
  // screen to show); shut off: Start; never a disabled primary button.
  const running = row(page, 'vm-0002');
  assert.is(await running.getAttribute('data-state'), 'running');
  assert.is(await running.locator('[data-testid=vm-console]').getAttribute('href'), '#/vms/vm-0002?tab=console');
  assert.is(await running.locator('[data-testid=vm-action-start]').count(), 0);
  const headless = row(page, 'vm-0001');
  assert.is(await headless.locator('[data-testid=vm-graphics]').innerText(), '—');
  assert.is(await headless.locator('[data-testid=vm-console]').count(), 0);
  assert.is(await headless.locator('[data-testid=vm-open]').getAttribute('href'), '#/vms/vm-0001');
  const off = row(page, 'vm-0015');
  assert.is(await off.getAttribute('data-state'), 'shutoff');
  assert.ok(await off.locator('[data-testid=vm-action-start]').isEnabled());
  assert.is(await page.locator('.button--primary:disabled').count(), 0, 'no disabled primary button');
  const box = await off.locator('[data-testid=vm-action-start]').boundingBox();
  assert.ok(box && box.height >= 44, `touch-sized: ${JSON.stringify(box)}`);
  const sideways = await id(page, 'vm-table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
  assert.is(sideways, 0, 'no sideways scrolling at 1366x768');
  await page.waitForSelector('[data-testid=vm-thumb]', { timeout: 5_000 });
  await shot(page, 'desktop');
  await assertAccessible(page, 'guests table, 1001 guests');
});

test('the ⋯ menu opens by keyboard, lists only what the state allows, Escape closes it and focus returns', async () => {
  const page = s.page!;
  const more = row(page, 'vm-0015').locator('[data-testid=vm-more]');
  await more.focus();
  await page.keyboard.press('Enter');
  const menu = id(page, 'vm-menu');
  await menu.waitFor();
  const items = await menu.locator('[role=menuitem]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.equal(items, ['vm-menu-open', 'vm-menu-clone', 'vm-menu-delete'], 'a shut-off guest: no Shut down, no Pause');
  assert.is(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'vm-menu-open');
  await page.keyboard.press('ArrowDown');
  assert.is(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'vm-menu-clone');
  await shot(page, 'menu');
  await assertAccessible(page, 'guests table with a row menu open');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.is(await page.evaluate(() => document.activeElement?.closest('[data-testid=vm-row]')?.getAttribute('data-name')), 'vm-0015');
  assert.is(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'vm-more');
});

test('search as you type, kept in the URL and through a reload', async () => {
  const page = s.page!;
  await id(page, 'vm-search').pressSequentially('vm-05', { delay: 20 });
  await page.waitForFunction(() => document.querySelector('[data-testid=vm-shown]')?.textContent === '100 of 1001 guests');
  assert.ok((await names(page)).every((n) => n.startsWith('vm-05')));
  assert.match(hash(page), /q=vm-05/);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=guests-page][data-state=ready]', { timeout: 20_000 });
  assert.is(await id(page, 'vm-search').inputValue(), 'vm-05');
  assert.is(await id(page, 'vm-shown').innerText(), '100 of 1001 guests');
  assert.is(await id(page, 'vm-filter-running').innerText(), 'Running 70', 'the counts follow the search');
});

test('filter by state and sort by any column, both in the URL', async () => {
  const page = s.page!;
  await id(page, 'vm-filter-shutoff').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=vm-shown]')?.textContent === '25 of 1001 guests');
  assert.ok((await page.locator('[data-testid=vm-row]').evaluateAll((r) => r.map((x) => x.getAttribute('data-state')))).every((st) => st === 'shutoff'));
  assert.match(hash(page), /state=shutoff/);
  assert.is(await id(page, 'vm-filter-shutoff').getAttribute('aria-pressed'), 'true');

  await id(page, 'vm-sort-name').click(); // name is the default ascending sort: a click flips it
  await page.waitForFunction(() => document.querySelector('[data-testid=vm-row]')?.getAttribute('data-name') === 'vm-0599');
  assert.match(hash(page), /dir=desc/);
  await id(page, 'vm-sort-memory').click();
  await page.waitForFunction(() => /sort=memory/.test(location.hash));
  const mem = await page.locator('[data-testid=vm-row] [data-testid=vm-memory]').evaluateAll((c) => c.map((x) => x.textContent));
  assert.is(mem[0], '512 MiB', 'ascending memory starts with the smallest');
  assert.is(await page.locator('th[aria-sort=ascending]').innerText(), 'Memory▲');
  await page.goto(`${s.server!.url}/#/guests`);
  await page.waitForFunction(() => document.querySelector('[data-testid=vm-shown]')?.textContent === '1001 of 1001 guests');
  assert.is(await id(page, 'vm-search').inputValue(), '', 'the search box follows the URL');
});

test('bulk start: select all shown, one toast says how many started, the API agrees', async () => {
  const page = s.page!;
  await open(page, '#/guests?q=vm-00&state=shutoff');
  await page.waitForFunction(() => document.querySelector('[data-testid=vm-shown]')?.textContent === '25 of 1001 guests');
  const chosen = await page.locator('[data-testid=vm-row]').count();
  await id(page, 'vm-select-all').check();
  assert.is(await id(page, 'vm-bulk-count').innerText(), '25 selected', 'select-all takes every filtered guest, not only the rendered rows');
  assert.ok(chosen <= 25);
  await id(page, 'vm-bulk-start').click();
  const toast = page.locator('[data-testid=toast][data-kind=success]', { hasText: '25 guests started' });
  await toast.waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=vm-shown]')?.textContent === '0 of 1001 guests');
  const list = (await (await api('/vms')).json()) as Array<{ name: string; state: string }>;
  const started = list.filter((v) => /^vm-00\d\d$/.test(v.name) && v.state === 'shutoff');
  assert.is(started.length, 0, 'every shut-off vm-00xx guest now runs');
});

test('bulk delete: ONE confirmation lists every disk of every selected guest, then one toast and the rows go', async () => {
  const page = s.page!;
  await open(page, '#/guests?q=vm-099');
  const victims = ['vm-0991', 'vm-0992', 'vm-0995'];
  // The 25 still selected from the bulk start are filtered out: a bulk action only ever takes guests on the list.
  assert.is(await id(page, 'vm-bulk').count(), 0, 'no hidden selection is offered');
  for (const n of victims) await row(page, n).locator('[data-testid=vm-select]').check();
  assert.is(await id(page, 'vm-bulk-count').innerText(), '3 selected');
  await id(page, 'vm-bulk-delete').click();
  const dialog = id(page, 'vm-bulk-delete-dialog');
  await page.waitForSelector('[data-testid=vm-bulk-delete-dialog][data-state=ready]', { timeout: 10_000 });
  const listed = await dialog.locator('[data-testid=vm-bulk-delete-guest]').evaluateAll((g) => g.map((x) => x.getAttribute('data-name')));
  assert.equal(listed, victims);
  const paths = await dialog.locator('[data-testid=deletion-delete-item]').evaluateAll((d) => d.map((x) => x.getAttribute('data-path')));
  assert.equal(paths, victims.map((n) => `/default-pool/${n}.img`));
  assert.match(await id(page, 'vm-bulk-delete-summary').innerText(), /3 guests, 3 disks deleted/);
  await shot(page, 'bulk-delete');
  await assertAccessible(page, 'bulk delete dialog', { include: '[data-testid=vm-bulk-delete-dialog]' });
  assert.is((await api('/vms/vm-0991')).status, 200, 'nothing deleted before confirming');
  await id(page, 'vm-bulk-delete-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: 20_000 });
  await page.locator('[data-testid=toast][data-kind=success]', { hasText: '3 guests deleted' }).waitFor({ timeout: 5_000 })
    .catch(async (e) => { throw new Error(`${e}\ntoasts: ${await page.locator('[data-testid=toast]').allInnerTexts()}`); });
  for (const n of victims) {
    await row(page, n).waitFor({ state: 'detached', timeout: 5_000 });
    assert.is((await api(`/vms/${n}`)).status, 404);
  }
  assert.is(await row(page, 'vm-0993').count(), 1, 'the unselected stay');
});

test('keyboard focus on row 500, scrolled to, survives three live updates made outside the UI', async () => {
  const page = s.page!;
  await open(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await id(page, 'vm-table-scroll').evaluate((el) => { el.scrollTop = 499 * 57; });
  const link = row(page, 'vm-0500').locator('[data-testid=vm-name]');
  await link.waitFor();
  await link.focus();
  await page.evaluate(() => { (document.activeElement as HTMLElement & { marked?: boolean }).marked = true; });
  const scrollTop = await id(page, 'vm-table-scroll').evaluate((el) => el.scrollTop);
  const stillFocused = () => page.evaluate(() => {
    const a = document.activeElement as (HTMLElement & { marked?: boolean }) | null;
    return a?.marked === true && a.closest('[data-testid=vm-row]')?.getAttribute('data-name') === 'vm-0500';
  });

  // Outside the UI: the API, as a script or another admin would. Row 500 itself, then its neighbours.
  const updates: Array<[string, string, string]> = [['vm-0500', 'resume', 'running'], ['vm-0500', 'suspend', 'paused'], ['vm-0501', 'poweroff', 'shutoff']];
  for (const [name, action, state] of updates) {
    assert.is((await api(`/vms/${name}/${action}`, 'POST')).status, 200);
    await page.waitForSelector(`[data-testid=vm-row][data-name=${name}][data-state=${state}]`, { timeout: 2_000 });
    assert.ok(await stillFocused(), `focus is still on row 500's link after ${action} ${name}`);
  }
  assert.is(await id(page, 'vm-table-scroll').evaluate((el) => el.scrollTop), scrollTop, 'the scroll position stays');

  // An open menu, with focus on one of its items, survives an update of its own row.
  await row(page, 'vm-0500').locator('[data-testid=vm-more]').focus();
  await page.keyboard.press('Enter');
  await id(page, 'vm-menu').waitFor();
  await page.keyboard.press('End');
  assert.is(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'vm-menu-delete');
  assert.is((await api('/vms/vm-0500/resume', 'POST')).status, 200);
  await page.waitForSelector('[data-testid=vm-row][data-name=vm-0500][data-state=running]', { timeout: 2_000 });
  assert.ok(await id(page, 'vm-menu').isVisible(), 'the menu is still open');
  assert.is(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'vm-menu-delete', 'focus stays on its item');
  await shot(page, 'row-500');
  await page.keyboard.press('Escape');

  // Live means events, not polling: no full list read, and rates only for the rows on screen.
  await page.waitForTimeout(5_600);
  assert.is(requests.filter((r) => r.startsWith('/api/vms?') || r === '/api/vms').length, 0, `no list re-read: ${requests.join(' ')}`);
  const stats = requests.filter((r) => r.startsWith('/api/vmstats'));
  assert.ok(stats.length >= 1, 'stats were polled');
  const polled = decodeURIComponent(new URL(`http://x${stats.at(-1)}`).searchParams.get('names')!).split(',');
  assert.ok(polled.length > 0 && polled.length < 40 && polled.includes('vm-0500'), `only on-screen rows: ${polled.length}`);
});

test('a long name is cut with an ellipsis, the full name in its title and accessible name; the row keeps its height', async () => {
  const page = s.page!;
  await open(page, `#/guests?q=${LONG.slice(0, 20)}`);
  const link = row(page, LONG).locator('[data-testid=vm-name]');
  assert.is(await link.getAttribute('title'), LONG);
  assert.is((await link.textContent())?.trim(), LONG);
  assert.ok(await link.evaluate((el) => el.scrollWidth > el.clientWidth), 'truncated');
  const h = (await row(page, LONG).boundingBox())!.height;
  assert.ok(h < 60, `one line high: ${h}`);
});

test('tablet portrait 768x1024: no sideways scrolling, the table fits', async () => {
  const context = await s.browser!.newContext({ locale: 'en-US', viewport: PORTRAIT, hasTouch: true });
  try {
    const page = await context.newPage();
    await open(page);
    const overflow = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: (() => { const el = document.querySelector('[data-testid=vm-table-scroll]')!; return el.scrollWidth - el.clientWidth; })(),
    }));
    assert.equal(overflow, { doc: 0, table: 0 });
    assert.ok(await row(page, 'vm-0002').locator('[data-testid=vm-console]').isVisible());
    assert.ok(await row(page, 'vm-0001').locator('[data-testid=vm-more]').isVisible());
    await row(page, 'vm-0002').locator('[data-testid=vm-select]').check();
    await id(page, 'vm-bulk').waitFor();
    await shot(page, 'tablet');
    await assertAccessible(page, 'guests table, tablet portrait, with a selection');
  } finally {
    await context.close();
  }
});

test('pt-BR: chips, states and actions speak Portuguese', async () => {
  const context = await s.browser!.newContext({ locale: 'pt-BR', viewport: DESKTOP });
  try {
    const page = await context.newPage();
    await open(page);
    assert.match(await id(page, 'vm-filter-running').innerText(), /^Em execução \d+$/);
    assert.match(await id(page, 'vm-shown').innerText(), /de \d+ convidados/);
    assert.is(await row(page, 'vm-0001').locator('[data-testid=vm-state]').innerText(), 'Em execução');
    assert.is(await row(page, 'vm-0015').locator('[data-testid=vm-action-start]').count(), 0, 'vm-0015 was started in bulk');
    assert.is(await id(page, 'vm-sort-memory').innerText(), 'Memória');
    await page.waitForSelector('[data-testid=vm-thumb]', { timeout: 5_000 }); // thumbnails wait for the scroll to settle
    await shot(page, 'pt-BR');
    await assertAccessible(page, 'guests table, pt-BR');
  } finally {
    await context.close();
  }
  assert.equal(s.errors, [], 'no uncaught errors in the page');
});

test.run();
