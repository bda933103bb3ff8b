// User stories on two test-driver hosts (local and a registered host b) after a UI review: the Tasks drawer opens a
// guest made on b on b's page; New guest does not open in red; a toast never covers an open dialog's buttons; the
// Templates tab under All hosts says (and lets the user pick) which host a template's validity is about.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible } from '../helpers/axe.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { byId, toast } from '../helpers/page-suite.ts';
import { serve, until, type TestServer } from '../helpers/server.ts';

const PREFIX = 'kimchi-test-uifix2-';
const TEMPLATE = `${PREFIX}tpl`;
const ON_B = `${PREFIX}made-on-b`;
const ON_LOCAL = `${PREFIX}made-on-local`;
const NET_B = `${PREFIX}net-b`;
const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 768, height: 1024 };

const s: { a?: Fixture; b?: Fixture; server?: TestServer; browser?: Browser; errors: string[]; tasks: Record<string, string> } = { errors: [], tasks: {} };

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${s.server!.url}/api${path}`, { ...init, headers: { 'content-type': 'application/json', accept: 'application/json' } });
const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });

async function open(viewport: { width: number; height: number }, hash: string, locale = 'en-US'): Promise<Page> {
  const page = await (await s.browser!.newContext({ locale, viewport, hasTouch: viewport.width < 1000 })).newPage();
  page.on('pageerror', (e) => s.errors.push(String(e)));
  await page.goto(`${s.server!.url}/${hash}`);
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `uifix2-${name}.png`), animations: 'disabled' });

/** Make a guest from the template on `host` through the API; its Task's id once it finished. */
async function made(host: string, name: string): Promise<string> {
  const r = await post(host === 'local' ? '/vms' : `/hosts/${host}/vms`, { name, template: `/plugins/kimchi/templates/${TEMPLATE}`, start: false });
  assert.is(r.status, 202, await r.clone().text());
  const task = await r.json() as { id: string; host?: string };
  assert.is(task.host, host, 'the Task names its host');
  await until(async () => (await (await api(`/tasks/${task.id}`)).json() as { status: string }).status === 'finished', 15_000, `${name} made`);
  return task.id;
}

test.before(async () => {
  ensureUiBuilt();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.a = writeFixture({ domains: [`${PREFIX}a1`] });
  s.b = writeFixture({ domains: [`${PREFIX}b1`] });
  s.server = await serve(s.a.uri, { uiDir: UI_DIR });
  assert.is((await post('/hosts', { name: 'b', uri: s.b.uri })).status, 201);
  await until(async () => (await (await api('/hosts')).json() as Array<{ name: string; state: string }>).some((h) => h.name === 'b' && h.state === 'connected'), 10_000, 'host b');
  assert.is((await post('/templates', { name: TEMPLATE, memory: { current: 256 }, disks: [{ size: 1 }] })).status, 201);
  s.tasks.b = await made('b', ON_B);
  s.tasks.local = await made('local', ON_LOCAL);
  s.browser = await launchChromium();
});

test.after(() => cleanUp([
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.stop()],
  ['fixtures', () => { s.a?.cleanup(); s.b?.cleanup(); }],
]));

const taskRow = (page: Page, id: string) => page.locator(`[data-testid=task-row][data-task-id="${id}"]`);

test('Tasks drawer: a guest made on b opens on b\'s page from All hosts; a local one opens on local\'s from b\'s list', async () => {
  const page = await open(DESKTOP, '#/guests');
  await byId(page, 'guests-page').waitFor({ timeout: 15_000 });
  await byId(page, 'task-drawer-toggle').click();
  const rowB = taskRow(page, s.tasks.b!);
  await rowB.waitFor();
  const link = rowB.locator('a.task-log__target');
  assert.match(await link.getAttribute('href') ?? '', /host=b\b/, 'the link names host b');
  assert.is(await link.getAttribute('aria-label'), `Open guest ${ON_B} on host b`);
  assert.is(await rowB.locator('[data-testid=task-row-host]').innerText(), 'on b');
  assert.is(await taskRow(page, s.tasks.local!).locator('[data-testid=task-row-host]').count(), 0, 'local goes without saying');
  await shot(page, 'tasks-drawer-desktop');
  await assertAccessible(page, 'task drawer with a host b task', { include: '[data-testid=task-drawer]' });
  await link.click();
  await page.locator(`[data-testid=vm-page][data-name="${ON_B}"]`).waitFor({ timeout: 15_000 });
  assert.is(await byId(page, 'host-switch-select').inputValue(), 'b', "b's guest page, not local's");

  // From b's list, a local task's guest opens on local.
  await page.goto(`${s.server!.url}/#/guests?host=b`);
  await byId(page, 'guests-page').waitFor();
  await byId(page, 'task-drawer-toggle').click();
  const local = taskRow(page, s.tasks.local!).locator('a.task-log__target');
  assert.match(await local.getAttribute('href') ?? '', /host=local\b/);
  await local.click();
  await page.locator(`[data-testid=vm-page][data-name="${ON_LOCAL}"]`).waitFor({ timeout: 15_000 });
  assert.is(await byId(page, 'host-switch-select').inputValue(), 'local');
  await page.context().close();

  const tablet = await open(TABLET, '#/guests', 'pt-BR');
  await byId(tablet, 'task-drawer-toggle').click();
  await taskRow(tablet, s.tasks.b!).waitFor();
  assert.is(await taskRow(tablet, s.tasks.b!).locator('[data-testid=task-row-host]').innerText(), 'em b');
  await shot(tablet, 'tasks-drawer-tablet-pt-BR');
  await tablet.context().close();
});

/** The New guest dialog's error lines and invalid controls that are showing. */
const shownErrors = (page: Page) => page.locator('[data-testid=vm-create-dialog] .field__error:visible, [data-testid=vm-create-dialog] [aria-invalid=true]');

for (const [locale, viewport, label] of [['en-US', DESKTOP, 'desktop'], ['pt-BR', TABLET, 'tablet-pt-BR']] as const) {
  test(`New guest (${label}): no red before the user did anything; a field's error after leaving it, all of them on Enter`, async () => {
    const page = await open(viewport, '#/guests', locale);
    await byId(page, 'new-guest').click();
    await byId(page, 'vm-create-dialog').waitFor();
    await page.locator('[data-testid=vm-create-pool] option[value=default]').waitFor({ state: 'attached' });
    assert.is(await shownErrors(page).count(), 0, `nothing red on opening: ${await shownErrors(page).allInnerTexts()}`);
    assert.ok(await byId(page, 'vm-create-submit').isDisabled(), 'Create waits for a complete form');
    await byId(page, 'vm-create-dialog').screenshot({ path: join(OUTPUT_DIR, `uifix2-new-guest-untouched-${label}.png`) });

    await byId(page, 'vm-create-name').focus();
    await page.keyboard.press('Tab');
    await byId(page, 'vm-create-name-error').waitFor();
    assert.is(await byId(page, 'vm-create-name').getAttribute('aria-invalid'), 'true');
    assert.is(await byId(page, 'vm-create-memory-error').count(), 0, 'memory not left yet');
    await byId(page, 'vm-create-memory').press('Enter');
    await byId(page, 'vm-create-memory-error').waitFor();
    await byId(page, 'vm-create-cpus-error').waitFor();
    await byId(page, 'vm-create-dialog').screenshot({ path: join(OUTPUT_DIR, `uifix2-new-guest-submitted-${label}.png`) });
    await page.context().close();
  });
}

/** Whether any toast's box meets any of `selector`'s boxes (the dialog's buttons and fields). */
const covered = (page: Page, selector: string) => page.evaluate((sel) => {
  const boxes = [...document.querySelectorAll(sel)].map((el) => el.getBoundingClientRect()).filter((b) => b.width > 0);
  const toasts = [...document.querySelectorAll('[data-testid=toast]')].map((el) => el.getBoundingClientRect());
  const hits: string[] = [];
  for (const t of toasts) {
    for (const b of boxes) if (t.left < b.right && b.left < t.right && t.top < b.bottom && b.top < t.bottom) hits.push(`${Math.round(b.left)},${Math.round(b.top)}`);
  }
  return { toasts: toasts.length, hits };
}, selector);

/**
 * A delete someone else did first, on the Templates tab (reached in the page, so earlier toasts stay): its error toast
 * stays a while, with the confirmation still open.
 */
async function refusedDelete(page: Page, name: string): Promise<void> {
  assert.is((await post('/templates', { name, memory: { current: 256 }, disks: [{ size: 1 }] })).status, 201);
  await page.evaluate(() => { location.hash = '#/templates'; });
  const card = page.locator(`[data-testid=template-card][data-name="${name}"]`);
  await card.waitFor({ timeout: 15_000 });
  assert.is((await api(`/templates/${name}`, { method: 'DELETE' })).status, 204);
  await byId(card, 'template-delete').click();
  await byId(page, 'template-delete-dialog-confirm').click();
  await toast(page, 'error', name).waitFor();
}

test('a toast never covers an open dialog: a confirmation sheet on a narrow screen, New guest and Add interface on laptops', async () => {
  const page = await open({ width: 600, height: 900 }, '#/guests');
  await refusedDelete(page, `${TEMPLATE}-gone`);
  const sheet = await covered(page, '[data-testid=template-delete-dialog] :is(button, input, select, textarea)');
  assert.is(sheet.toasts, 1);
  assert.equal(sheet.hits, [], 'the toast covers the confirmation\'s buttons');
  await shot(page, 'toast-over-sheet-600');

  // The same toast, then New guest on a laptop: the dialog's Create and Cancel stay clear.
  await page.setViewportSize(DESKTOP);
  await byId(page, 'template-delete-dialog-cancel').click();
  await byId(page, 'tab-guests').click();
  await byId(page, 'new-guest').click();
  await byId(page, 'vm-create-dialog').waitFor();
  const dialog = await covered(page, '[data-testid=vm-create-dialog] :is(button, input, select, textarea, .segmented__option)');
  assert.is(dialog.toasts, 1, 'the toast is still showing');
  assert.equal(dialog.hits, [], 'the toast covers New guest\'s controls');
  await shot(page, 'toast-beside-new-guest-desktop');
  await page.setViewportSize({ width: 1280, height: 800 });
  await until(async () => (await covered(page, '[data-testid=vm-create-dialog] :is(button, input, select, textarea)')).hits.length === 0, 2000, 'placed again');
  await shot(page, 'toast-new-guest-1280');
  await byId(page, 'vm-create-cancel').click();

  // The guest page's Add interface dialog on a 1366 px laptop, with a fresh toast.
  await page.setViewportSize({ width: 1366, height: 768 });
  await refusedDelete(page, `${TEMPLATE}-gone2`);
  await byId(page, 'template-delete-dialog-cancel').click();
  await page.evaluate((name) => { location.hash = `#/vms/${name}?host=b`; }, `${PREFIX}b1`);
  await byId(page, 'vm-nic-add').click();
  await byId(page, 'vm-nic-dialog').waitFor();
  const nic = await covered(page, '[data-testid=vm-nic-dialog] :is(button, input, select, textarea)');
  assert.ok(nic.toasts >= 1, 'the toasts are showing');
  assert.equal(nic.hits, [], 'the toast covers Add interface\'s controls');
  await shot(page, 'toast-add-interface-1366');
  await page.context().close();
});

test('Templates under All hosts: the user picks the host validity is checked on (local first); on b\'s view it says b', async () => {
  // Its network on both hosts when it is made, then gone from local.
  for (const at of ['', '/hosts/b']) {
    const net = await post(`${at}/networks`, { name: NET_B, connection: 'isolated' });
    assert.is(net.status, 201, await net.text());
  }
  assert.is((await post('/templates', { name: `${TEMPLATE}-netb`, memory: { current: 256 }, disks: [{ size: 1 }], networks: [NET_B] })).status, 201);
  const gone = await api(`/networks/${NET_B}`, { method: 'DELETE', body: JSON.stringify({ confirm: NET_B }) });
  assert.is(gone.status, 204, await gone.text());
  const page = await open(DESKTOP, '#/templates');
  const card = page.locator(`[data-testid=template-card][data-name="${TEMPLATE}-netb"]`);
  await card.waitFor({ timeout: 15_000 });
  const pick = byId(page, 'template-check-host');
  assert.is(await pick.inputValue(), 'local');
  assert.is(await card.getAttribute('data-valid'), 'false', 'its network is not on local');
  assert.is(await byId(card, 'template-invalid').innerText(), 'Invalid on local');
  await shot(page, 'templates-all-hosts-local');
  await pick.selectOption('b');
  await page.locator(`[data-testid=template-card][data-name="${TEMPLATE}-netb"][data-valid=true]`).waitFor();
  await assertAccessible(page, 'Templates with the host pick', { include: '[data-testid=templates-page]' });
  await page.context().close();

  const pt = await open(TABLET, '#/templates?host=b', 'pt-BR');
  await pt.locator(`[data-testid=template-card][data-name="${TEMPLATE}-netb"][data-valid=true]`).waitFor({ timeout: 15_000 });
  assert.is(await byId(pt, 'template-check-host').count(), 0);
  assert.match(await byId(pt, 'template-check-note').innerText(), /^Verificados no host b/);
  await shot(pt, 'templates-b-tablet-pt-BR');
  await pt.context().close();
  assert.equal(s.errors, []);
});

test.run();
