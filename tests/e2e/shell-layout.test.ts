// User stories about the shell itself: a tablet held upright (no sideways scrolling, finger-sized controls), every
// view at its own address (reload, Back/Forward, a bookmark), and a dialog that keeps the keyboard inside it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OUTPUT_DIR, UI_DIR, assertAccessible, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';

const DESKTOP = { width: 1366, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const TABS = ['guests', 'templates', 'storage', 'network', 'host'];
/** What each tab shows once it has loaded. */
const LOADED: Record<string, string> = {
  guests: '[data-testid=guests-page][data-state=ready]',
  templates: '[data-testid=new-template]',
  storage: '#panel-storage table, #panel-storage [data-testid*=pool]',
  network: '#panel-network table, #panel-network [data-testid*=network]',
  host: '#panel-host h3, #panel-host [data-testid*=host]',
};

const s: { fx?: Fixture; server?: TestServer; browser?: Browser; contexts: BrowserContext[] } = { contexts: [] };
const byTestId = (page: Page, id: string) => page.locator(`[data-testid=${id}]`);

async function open(locale: string, viewport: { width: number; height: number }, hash = '#/guests'): Promise<Page> {
  const context = await s.browser!.newContext({ locale, viewport, hasTouch: viewport.width < 1000 });
  s.contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${s.server!.url}/${hash}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
  return page;
}

async function showTab(page: Page, tab: string): Promise<void> {
  await byTestId(page, `tab-${tab}`).click();
  await page.waitForSelector(`#panel-${tab}:not([hidden])`);
  await page.locator(LOADED[tab]).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(200);
}

/** Controls a finger must hit that are smaller than 44x44 CSS px (visible ones only), as readable strings. */
function smallTargets(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((sel) => [...document.querySelectorAll<HTMLElement>(sel)]
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .map((el) => ({ el, r: el.getBoundingClientRect() }))
    .filter(({ r }) => r.height < 44 - 0.5 || r.width < 44 - 0.5)
    .map(({ el, r }) => `${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.className}] "${el.textContent?.trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`), scope);
}

const noSideways = (page: Page) => page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: innerWidth }));

test.before(async () => {
  ensureUiBuilt();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.fx = writeFixture({ domains: ['web-server-with-a-rather-long-name-for-testing', 'db1'] });
  s.server = await serve(s.fx.uri, { uiDir: UI_DIR });
  s.browser = await launchChromium();
});

test.after(async () => {
  for (const c of s.contexts) await c.close().catch(() => {});
  await s.browser?.close().catch(() => {});
  await s.server?.stop().catch(() => {});
  s.fx?.cleanup();
});

for (const [label, locale] of [['en-US', 'en-US'], ['pt-BR', 'pt-BR']] as const) {
  test(`tablet portrait 768x1024 (${label}): no tab scrolls sideways, header and page controls are finger-sized`, async () => {
    const page = await open(locale, PORTRAIT);
    for (const tab of TABS) {
      await showTab(page, tab);
      const { scroll, inner } = await noSideways(page);
      assert.ok(scroll <= inner, `${tab}: the page is ${scroll} px wide in a ${inner} px window`);
      const small = await smallTargets(page, 'header button, header a[href], header [role=tab], main button, main select, main input:not([type=checkbox]):not([type=radio]):not([type=file]), main a.button');
      assert.equal(small, [], `${tab}: controls under 44 px`);
      await page.screenshot({ path: join(OUTPUT_DIR, `shell-tablet-${label}-${tab}.png`), animations: 'disabled' });
      if (locale === 'en-US') await assertAccessible(page, `the ${tab} tab on a tablet`);
    }
  });
}

test('desktop 1366x768: each tab fits, shows its name in the window title, and has a screenshot', async () => {
  const page = await open('en-US', DESKTOP);
  for (const tab of TABS) {
    await showTab(page, tab);
    const { scroll, inner } = await noSideways(page);
    assert.ok(scroll <= inner, `${tab}: ${scroll} > ${inner}`);
    assert.match(await page.title(), new RegExp(`^${await byTestId(page, `tab-${tab}`).innerText()} — Kimchi$`));
    await page.screenshot({ path: join(OUTPUT_DIR, `shell-desktop-${tab}.png`), animations: 'disabled' });
  }
});

test('every view has an address: a bookmark opens it, reload keeps it, Back and Forward walk the history', async () => {
  const page = await open('en-US', DESKTOP, '#/storage');
  assert.is(await byTestId(page, 'tab-storage').getAttribute('aria-selected'), 'true', 'a bookmark of #/storage opens Storage');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=shell][data-state=ok]');
  assert.is(await byTestId(page, 'tab-storage').getAttribute('aria-selected'), 'true', 'reload stays on Storage');

  await byTestId(page, 'tab-network').click();
  assert.match(page.url(), /#\/network$/);
  await byTestId(page, 'tab-host').click();
  await page.goBack();
  await page.waitForSelector('[data-testid=tab-network][aria-selected=true]');
  // The tab bar keeps focus, on the tab now selected.
  assert.is(await page.evaluate(() => document.activeElement?.id), 'tab-network');
  // Focus inside a panel that Back hides lands on the new section's heading instead of the page's body.
  await page.locator('#panel-network button, #panel-network a[href]').first().focus();
  await page.goBack();
  await page.waitForSelector('[data-testid=tab-storage][aria-selected=true]');
  assert.is(await page.evaluate(() => document.activeElement?.id), 'panel-storage-title');
  await page.goForward();
  await page.waitForSelector('[data-testid=tab-network][aria-selected=true]');
  await page.goBack();
  await page.waitForSelector('[data-testid=tab-storage][aria-selected=true]');
  await page.goForward();
  await page.waitForSelector('[data-testid=tab-network][aria-selected=true]');

  // A guest's page is a deep link too: reload it directly.
  await page.goto(`${s.server!.url}/#/vms/db1`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=vm-page][data-name=db1]', { timeout: 15_000 });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=vm-page][data-name=db1]', { timeout: 15_000 });
  assert.is(await byTestId(page, 'tab-guests').getAttribute('aria-selected'), 'true');
  assert.match(await page.title(), /^db1 — Kimchi$/);
  await page.goBack();
  await page.waitForSelector('[data-testid=tab-network][aria-selected=true]');
});

test('a dialog keeps focus inside (Tab and Shift+Tab wrap), leaves the page inert, and Escape returns focus to its opener', async () => {
  const page = await open('en-US', DESKTOP, '#/templates');
  const opener = byTestId(page, 'new-template');
  await opener.click();
  const dialog = page.locator('[role=dialog][aria-modal=true]');
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus starts inside');
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), `Tab ${i + 1} stays inside`);
  }
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), `Shift+Tab ${i + 1} stays inside`);
  }
  assert.ok(await page.evaluate(() => document.getElementById('root')!.inert), 'the page under the dialog is inert');
  await assertAccessible(page, 'the New template dialog');
  const closeBox = await dialog.locator('.dialog__close').boundingBox();
  assert.ok(closeBox && closeBox.width >= 44 && closeBox.height >= 44, `close button is finger-sized: ${JSON.stringify(closeBox)}`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.ok(await opener.evaluate((el) => el === document.activeElement), 'focus is back on New template');
  assert.not.ok(await page.evaluate(() => document.getElementById('root')!.inert), 'the page is live again');
});

test.run();
