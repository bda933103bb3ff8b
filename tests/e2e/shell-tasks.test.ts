// User story: the admin starts long work (an upload, a debug report) — from the UI or a script — and follows it in the
// task drawer: the header's badge counts what runs, the drawer lists each Task live with its outcome and its times.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OUTPUT_DIR, UI_DIR, assertAccessible, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';

const DESKTOP = { width: 1366, height: 768 };
const s: { fx?: Fixture; server?: TestServer; browser?: Browser; contexts: BrowserContext[] } = { contexts: [] };
const byTestId = (page: Page, id: string) => page.locator(`[data-testid=${id}]`);
const api = (method: string, path: string, body?: unknown) => fetch(`${s.server!.url}/api${path}`, {
  method, headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'test' }, body: body === undefined ? undefined : JSON.stringify(body),
});

async function open(locale: string, viewport = DESKTOP): Promise<Page> {
  const context = await s.browser!.newContext({ locale, viewport });
  s.contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${s.server!.url}/#/guests`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
  return page;
}

test.before(async () => {
  ensureUiBuilt();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.fx = writeFixture();
  s.server = await serve(s.fx.uri, { uiDir: UI_DIR });
  s.browser = await launchChromium();
});

test.after(async () => {
  for (const c of s.contexts) await c.close().catch(() => {});
  await s.browser?.close().catch(() => {});
  await s.server?.stop().catch(() => {});
  s.fx?.cleanup();
});

test('no task yet: the drawer opens empty, passes axe, and Escape gives focus back to its button', async () => {
  const page = await open('en-US');
  const toggle = byTestId(page, 'task-drawer-toggle');
  assert.is(await toggle.getAttribute('aria-expanded'), 'false');
  assert.is(await byTestId(page, 'task-running-count').count(), 0);
  const box = await toggle.boundingBox();
  assert.ok(box && box.height >= 44 && box.width >= 44, `touch-sized button: ${JSON.stringify(box)}`);
  await toggle.click();
  await byTestId(page, 'task-drawer').waitFor({ state: 'visible' });
  assert.is(await toggle.getAttribute('aria-expanded'), 'true');
  await byTestId(page, 'task-drawer-empty').waitFor();
  await assertAccessible(page, 'the empty task drawer');
  await page.keyboard.press('Escape');
  await byTestId(page, 'task-drawer').waitFor({ state: 'hidden' });
  assert.ok(await toggle.evaluate((el) => el === document.activeElement), 'focus is back on the Tasks button');
});

test('an upload started elsewhere: the badge counts it, the drawer shows it running, then failed when cancelled', async () => {
  const page = await open('en-US');
  const started = await api('POST', '/storagepools/default/storagevolumes', { name: 'drawer-up.iso', capacity: 4096, upload: true });
  assert.is(started.status, 202);
  const task = await started.json() as { id: string };
  await page.waitForSelector('[data-testid=task-running-count]', { timeout: 5_000 });
  assert.is((await byTestId(page, 'task-running-count').innerText()).trim(), '1');
  assert.match(await byTestId(page, 'task-drawer-toggle').textContent() ?? '', /^Tasks1 running$/, 'read out as "Tasks 1 running"');

  await byTestId(page, 'task-drawer-toggle').click();
  const row = page.locator(`[data-testid=task-row][data-task-id="${task.id}"]`);
  await row.waitFor();
  assert.is(await row.getAttribute('data-state'), 'running');
  assert.match(await row.innerText(), /Volume drawer-up\.iso in pool default/);
  assert.match(await row.innerText(), /In progress/);
  assert.match(await row.innerText(), /0%/);
  assert.match(await row.locator('time').first().getAttribute('datetime') ?? '', /^\d{4}-\d\d-\d\dT/);
  await assertAccessible(page, 'the task drawer with a running upload');
  await page.screenshot({ path: join(OUTPUT_DIR, 'shell-tasks-running.png'), animations: 'disabled' });

  // Deleting the volume cancels the upload: the same row turns failed with the server's reason, the badge goes.
  assert.is((await api('DELETE', '/storagepools/default/storagevolumes/drawer-up.iso')).status, 204);
  await page.waitForSelector(`[data-testid=task-row][data-task-id="${task.id}"][data-state=failed]`, { timeout: 5_000 });
  assert.match(await row.innerText(), /Failed/);
  assert.match(await row.locator('[data-testid=task-row-message]').innerText(), /drawer-up\.iso/);
  assert.match(await row.innerText(), /ended/);
  await byTestId(page, 'task-running-count').waitFor({ state: 'detached', timeout: 5_000 });

  // A debug report made by a script lands on top, running then finished, without reopening the drawer.
  const report = await (await api('POST', '/debugreports', { name: 'drawer-report' })).json() as { id: string };
  await page.waitForSelector(`[data-testid=task-row][data-task-id="${report.id}"][data-state=finished]`, { timeout: 30_000 });
  assert.is(await byTestId(page, 'task-row').first().getAttribute('data-task-id'), report.id, 'newest first');
  assert.match(await byTestId(page, 'task-row').first().innerText(), /Debug report drawer-report/);
  await page.screenshot({ path: join(OUTPUT_DIR, 'shell-tasks-done.png'), animations: 'disabled' });

  // A press outside closes it.
  await page.mouse.click(100, 400);
  await byTestId(page, 'task-drawer').waitFor({ state: 'hidden' });
  await api('DELETE', '/debugreports/drawer-report');
});

test("a Task's toast (a debug report made on the Host tab) opens the drawer at that task", async () => {
  const page = await open('en-US');
  await byTestId(page, 'tab-host').click();
  await byTestId(page, 'debug-report-generate').click();
  const toast = page.locator('[data-testid=toast]', { has: page.locator('[data-testid=toast-show-tasks]') }).first();
  await toast.waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(OUTPUT_DIR, 'shell-tasks-toast.png'), animations: 'disabled' });
  await toast.locator('[data-testid=toast-show-tasks]').click();
  await byTestId(page, 'task-drawer').waitFor({ state: 'visible' });
  assert.ok(await byTestId(page, 'task-drawer').evaluate((d) => d.contains(document.activeElement)), 'focus moves into the drawer');
  const top = byTestId(page, 'task-row').first();
  assert.match(await top.innerText(), /Debug report/);
  await page.waitForSelector('[data-testid=task-row]:first-child[data-state=finished]', { timeout: 30_000 });
  await assertAccessible(page, 'the task drawer opened from a toast');
  await byTestId(page, 'task-drawer-close').click();
  assert.ok(await byTestId(page, 'task-drawer-toggle').evaluate((el) => el === document.activeElement), 'Close gives focus to the Tasks button');
});

test('pt-BR: the drawer speaks Portuguese and shows times the Brazilian way', async () => {
  const page = await open('pt-BR', { width: 768, height: 1024 });
  await byTestId(page, 'task-drawer-toggle').click();
  await byTestId(page, 'task-row').first().waitFor();
  assert.match(await page.locator('#task-drawer-title').innerText(), /Tarefas recentes/);
  const text = await byTestId(page, 'task-log').innerText();
  assert.match(text, /Volume drawer-up\.iso no pool default/);
  assert.match(text, /Falhou/);
  // pt-BR clocks are 24-hour with no AM/PM.
  assert.match(text, /Iniciada \d{2}:\d{2}:\d{2}/);
  assert.not.match(text, /\b[AP]M\b/);
  await assertAccessible(page, 'the task drawer in pt-BR on a tablet');
  await page.screenshot({ path: join(OUTPUT_DIR, 'shell-tasks-pt-BR-tablet.png'), animations: 'disabled' });
});

test.run();
