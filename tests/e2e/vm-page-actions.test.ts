// User story: from a guest's page alone the admin starts it, sees its console without scrolling, pauses, resets,
// shuts it down (a firmware-only guest ignores that, so "Power off instead" is offered), adds a serial port; every
// action answers in a toast. Also: reload on the deep link, tablet portrait and pt-BR.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../helpers/axe.ts';
import { OUTPUT_DIR } from '../helpers/browser.ts';
import { act, setUp, SHUTDOWN_WAIT_MS, state, toast, type Kit } from './vm-page-kit.ts';

const DESKTOP = { width: 1366, height: 768 };
/** axe scope of page checks: the guest page (the shell around it and the toaster are checked by their own suites). */
const PAGE = '[data-testid=vm-page]';
let k: Kit;
let page: Page;

test.before(async () => {
  k = await setUp('act');
  page = (await k.open(DESKTOP)).page;
});
test.after(() => k?.close());

test('a deep link opens the guest\'s page and survives a reload; a shut-off guest offers Start first', async () => {
  await page.goto(k.pageUrl());
  await state(page, 'shutoff');
  await page.reload();
  await state(page, 'shutoff');
  assert.is(await page.locator('[data-testid=vm-page]').getAttribute('data-name'), k.dom.name);
  const primary = page.locator('[data-testid=vm-page-actions] .button--primary');
  assert.is(await primary.getAttribute('data-testid'), 'vm-page-action-start', 'Start is the primary action');
  // Only what a shut-off guest can do is offered.
  for (const absent of ['shutdown', 'suspend', 'reset', 'resume']) assert.is(await page.locator(`[data-testid=vm-page-action-${absent}]`).count(), 0, absent);
  await page.locator('[data-testid=vm-section-console][data-serial=no]').waitFor();
  await assertAccessible(page, 'the page of a shut-off guest', { include: PAGE });
});

test('Start: a toast, the VNC console above the fold at 1366x768, no Serial tab without a serial port', async () => {
  await act(page, 'start');
  assert.match(await toast(page, 'success', /started/), k.dom.name);
  await state(page, 'running');
  await page.locator('[data-testid=vnc-console][data-phase=connected]').waitFor({ timeout: 15_000 });
  const canvas = page.locator('[data-testid=vnc-screen] canvas');
  await canvas.waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid=vnc-screen] canvas') as HTMLCanvasElement | null)?.width! > 100);
  const box = await canvas.boundingBox();
  assert.ok(box, 'the canvas is laid out');
  assert.is(await page.evaluate(() => window.scrollY), 0, 'the page is not scrolled');
  assert.ok(box!.y >= 0 && box!.x >= 0 && box!.y + box!.height <= DESKTOP.height && box!.x + box!.width <= DESKTOP.width,
    `the console canvas ${JSON.stringify(box)} is inside the 1366x768 viewport`);
  assert.ok(box!.height >= 300, `and big enough to use (${box!.height}px high)`);
  await page.locator('[data-testid=vm-section-console][data-serial=no]').waitFor();
  assert.is(await page.locator('[data-testid=vm-console-serial]').count(), 0, 'no Serial tab without a serial port');
  await page.screenshot({ path: join(OUTPUT_DIR, 'vm-page-desktop.png') });
  await assertAccessible(page, 'the page of a running guest', { include: PAGE });
});

test('Shut down shows "Shutting down…", then offers "Power off instead", which stops the guest', async () => {
  await act(page, 'shutdown');
  await toast(page, 'success', /Shutdown of .* requested/);
  await page.locator('[data-testid=vm-page-shutting-down]').waitFor();
  assert.is(await page.locator('[data-testid=vm-page-poweroff-instead]').count(), 0, 'not offered at once');
  await page.locator('[data-testid=vm-page-poweroff-instead]').waitFor({ timeout: SHUTDOWN_WAIT_MS + 5000 });
  assert.match(await page.locator('[data-testid=vm-page-shutdown-slow]').innerText(), /Still running after 3 s/);
  await page.locator('[data-testid=vm-page-head], [data-testid=vm-page-actions]').first().screenshot({ path: join(OUTPUT_DIR, 'vm-page-shutdown.png') });
  await page.screenshot({ path: join(OUTPUT_DIR, 'vm-page-shutdown-full.png') });
  await assertAccessible(page, 'the page while shutting down', { include: PAGE });
  await page.locator('[data-testid=vm-page-poweroff-instead]').click();
  await toast(page, 'success', /powered off/);
  await state(page, 'shutoff');
  assert.is(await page.locator('[data-testid=vm-page-shutting-down]').count(), 0);
  assert.is(await page.locator('[data-testid=vnc-console]').count(), 0, 'the console is gone with the guest');
});

test('a shut-off guest without a serial port offers one; once added and started, the Serial tab works', async () => {
  await page.locator('[data-testid=vm-serial-add]').click();
  await toast(page, 'success', /Added a serial port/);
  await page.locator('[data-testid=vm-section-console][data-serial=yes]').waitFor();
  assert.is(await page.locator('[data-testid=vm-serial-offer]').count(), 0, 'no more offer');
  await act(page, 'start');
  await state(page, 'running');
  await page.locator('[data-testid=vm-console-serial]').click();
  await page.locator('[data-testid=serial-console][data-phase=connected]').waitFor({ timeout: 15_000 });
  assert.match(page.url(), /tab=serial/, 'the tab is in the address');
  await assertAccessible(page, 'the serial console', { include: PAGE });
  await page.reload();
  await page.locator('[data-testid=serial-console][data-phase=connected]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid=vm-console-vnc]').click();
  await page.locator('[data-testid=vnc-console][data-phase=connected]').waitFor({ timeout: 15_000 });
});

test('Pause, Resume and Reset each answer in a toast and the header follows the state', async () => {
  await act(page, 'suspend');
  await toast(page, 'success', /paused/);
  await state(page, 'paused');
  assert.is(await page.locator('[data-testid=vm-page-actions] .button--primary').getAttribute('data-testid'), 'vm-page-action-resume');
  await act(page, 'resume');
  await toast(page, 'success', /resumed/);
  await state(page, 'running');
  await act(page, 'reset');
  await toast(page, 'success', /reset/);
});

test('the "More actions" menu works by keyboard and holds Power off and Delete', async () => {
  const more = page.locator('[data-testid=vm-page-more]');
  await more.focus();
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  assert.is(focused, 'vm-page-action-poweroff', 'the first item takes focus');
  await page.screenshot({ path: join(OUTPUT_DIR, 'vm-page-menu.png') });
  await assertAccessible(page, 'the open actions menu', { include: PAGE });
  await page.keyboard.press('Escape');
  assert.is(await page.locator('[data-testid=vm-page-more-list]').count(), 0, 'Escape closes it');
  assert.is(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'vm-page-more', 'focus returns to the button');
});

test('tablet portrait 768x1024: no sideways scrolling, touch-sized controls', async () => {
  const { page: tablet } = await k.open({ width: 768, height: 1024 }, 'en-US', true);
  await tablet.goto(k.pageUrl('?tab=console'));
  await tablet.locator('[data-testid=vnc-console][data-phase=connected]').waitFor({ timeout: 15_000 });
  await tablet.waitForTimeout(500);
  const wide = await tablet.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `no horizontal scrolling (${wide}px too wide)`);
  const small = await tablet.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=vm-page] button, [data-testid=vm-page] a.button')]
    .filter((b) => b.offsetParent !== null)
    .map((b) => ({ id: b.dataset.testid ?? b.textContent, ...b.getBoundingClientRect().toJSON() }))
    .filter((r) => r.height < 44 || r.width < 44));
  assert.equal(small, [], 'every button is at least 44x44 px');
  const box = await tablet.locator('[data-testid=vnc-screen] canvas').boundingBox();
  assert.ok(box && box.y + box.height <= 1024, `console above the fold on the tablet too: ${JSON.stringify(box)}`);
  await tablet.screenshot({ path: join(OUTPUT_DIR, 'vm-page-tablet.png'), fullPage: true });
  await assertAccessible(tablet, 'the guest page on a tablet', { include: PAGE });
});

test('pt-BR: the header and its actions speak Portuguese', async () => {
  const { page: pt } = await k.open(DESKTOP, 'pt-BR');
  await pt.goto(k.pageUrl());
  await pt.locator('[data-testid=vm-page][data-state=running]').waitFor({ timeout: 15_000 });
  assert.is(await pt.locator('[data-testid=vm-page-state]').innerText(), 'Em execução');
  assert.is(await pt.locator('[data-testid=vm-page-action-shutdown]').innerText(), 'Desligar');
  await pt.locator('[data-testid=vnc-console][data-phase=connected]').waitFor({ timeout: 15_000 });
  await pt.screenshot({ path: join(OUTPUT_DIR, 'vm-page-pt-BR.png'), fullPage: true });
  await assertAccessible(pt, 'the guest page in pt-BR', { include: PAGE });
});

test('Power off from the menu, with a toast', async () => {
  await act(page, 'poweroff');
  await toast(page, 'success', /powered off/);
  await state(page, 'shutoff');
});

test('no script errors on the pages', () => {
  assert.equal(k.errors, []);
});

test.run();
