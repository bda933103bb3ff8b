// User story on a tablet: the admin makes a template in the Templates tab, a guest from it in the Guests tab, watches
// the creation task, starts the guest and sees its state follow libvirt live, then deletes it after reading which disk goes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../runtime/server.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { OUTPUT_DIR, ROOT, TABLET, UI_DIR, assertAccessible, ensureUiBuilt, openTablet } from '../helpers/browser.ts';

const TEMPLATE = 'e2e-tpl';
const VM = 'e2e-vm';

const s: { fixture?: Fixture; dirs: string[]; server?: RunningServer; browser?: Browser; context?: BrowserContext; page?: Page; errors: string[] } = {
  dirs: [], errors: [],
};

const byTestId = (scope: Page | Locator, id: string) => scope.locator(`[data-testid=${id}]`);
const card = (page: Page, name: string, state?: string) =>
  page.locator(`[data-testid=vm-row][data-name="${name}"]${state ? `[data-state=${state}]` : ''}`);
/** The row's "⋯" menu items (opened, read, closed with Escape). */
async function menuItems(page: Page, row: Locator): Promise<string[]> {
  await byTestId(row, 'vm-more').click();
  const menu = byTestId(page, 'vm-menu');
  await menu.waitFor();
  const items = await menu.locator('[role=menuitem]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('vm-menu-', '')));
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  return items;
}
async function fromMenu(page: Page, row: Locator, item: string): Promise<void> {
  await byTestId(row, 'vm-more').click();
  await byTestId(page, `vm-menu-${item}`).click();
}
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `guests-${name}.png`), animations: 'disabled' });

function api(path: string, method = 'GET'): Promise<Response> {
  return fetch(`${s.server!.url}/api${path}`, { method, headers: { Accept: 'application/json' } });
}

test.before(async () => {
  ensureUiBuilt();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.fixture = writeFixture();
  const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-e2e-guests-'));
  s.dirs.push(dataDir);
  s.server = await startServer({
    host: '127.0.0.1', port: 0, libvirtUri: s.fixture.uri, dataDir, uiDir: UI_DIR, logger: pino({ level: 'silent' }),
  });
  ({ browser: s.browser, context: s.context, page: s.page } = await openTablet(s.errors));
});

test.after(() => cleanUp([
  ['context', () => s.context?.close()],
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.close()],
  ['fixture', () => s.fixture?.cleanup()],
  ['temp dirs', () => { for (const d of s.dirs) rmSync(d, { recursive: true, force: true }); }],
]));

test('the Guests tab lists the running fixture VM with its state, vCPUs, memory and live stats', async () => {
  const page = s.page!;
  await page.goto(s.server!.url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 15_000 });
  await page.waitForSelector('[data-testid=guests-page][data-state=ready]', { timeout: 10_000 });
  const vm = card(page, 'test-vm', 'running');
  await vm.waitFor({ timeout: 5_000 });
  assert.is(await byTestId(vm, 'vm-state').innerText(), 'Running');
  assert.match(await byTestId(vm, 'vm-memory').innerText(), /1 GiB/);
  assert.match(await byTestId(vm, 'vm-cpu').innerText(), /%/, 'stats are shown for a running VM');
  // Actions follow the state: a running VM opens its page up front (this one has no graphics, so no console link);
  // it can be shut down, not started or resumed.
  assert.is(await byTestId(vm, 'vm-action-start').count(), 0);
  assert.ok(await byTestId(vm, 'vm-open').isVisible());
  const items = await menuItems(page, vm);
  assert.ok(items.includes('shutdown') && items.includes('poweroff'), items.join());
  assert.not.ok(items.includes('start') || items.includes('resume') || items.includes('clone'), `clone needs a shut-off VM: ${items}`);
  const box = await byTestId(vm, 'vm-more').boundingBox();
  assert.ok(box && box.height >= 44 && box.width >= 44, `touch-sized buttons: ${JSON.stringify(box)}`);
  await shot(page, 'list');
});

test('New template: the name is checked as you type, Create waits for a valid form, the template appears', async () => {
  const page = s.page!;
  await byTestId(page, 'tab-templates').click();
  await page.waitForSelector('[data-testid=templates-page][data-state=ready]', { timeout: 10_000 });
  await byTestId(page, 'new-template').click();
  const dialog = byTestId(page, 'template-create-dialog');
  await dialog.waitFor();
  const submit = byTestId(page, 'template-create-submit');
  assert.ok(await submit.isDisabled(), 'disabled while the form is empty');

  await byTestId(page, 'template-name').fill('bad/name');
  await byTestId(page, 'template-name-error').waitFor();
  assert.ok(await submit.isDisabled(), 'disabled with an invalid name');
  await byTestId(page, 'template-name').fill(TEMPLATE);
  await byTestId(page, 'template-memory').fill('12');
  await byTestId(page, 'template-memory-error').waitFor();
  assert.ok(await submit.isDisabled(), 'disabled with too little memory');
  await byTestId(page, 'template-memory').fill('256');
  await byTestId(page, 'template-vcpus').fill('1');
  await byTestId(page, 'template-disk').fill('1');
  assert.is(await byTestId(page, 'template-name-error').count(), 0);
  assert.ok(await submit.isEnabled(), 'enabled once the form is valid');
  await shot(page, 'template-dialog');

  await submit.click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  const tpl = page.locator(`[data-testid=template-card][data-name="${TEMPLATE}"]`);
  await tpl.waitFor({ timeout: 5_000 });
  assert.is(await tpl.getAttribute('data-valid'), 'true');
  assert.match(await byTestId(tpl, 'template-memory').innerText(), /256 MiB/);
  assert.match(await byTestId(tpl, 'template-disk').innerText(), /1 GiB/);
  await shot(page, 'templates');
});

test('Template clone and delete: the copy appears, and goes only after the confirmation', async () => {
  const page = s.page!;
  const original = page.locator(`[data-testid=template-card][data-name="${TEMPLATE}"]`);
  await byTestId(original, 'template-clone').click();
  const copy = page.locator(`[data-testid=template-card][data-name^="${TEMPLATE}-clone"]`);
  await copy.waitFor({ timeout: 5_000 });
  const name = (await copy.getAttribute('data-name'))!;
  await byTestId(copy, 'template-delete').click();
  const dialog = byTestId(page, 'template-delete-dialog');
  await dialog.waitFor();
  assert.ok((await dialog.innerText()).includes(name), 'the dialog names the template');
  assert.is((await api(`/templates/${name}`)).status, 200, 'nothing deleted before confirming');
  await byTestId(page, 'template-delete-dialog-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: 5_000 });
  await copy.waitFor({ state: 'detached', timeout: 5_000 });
  assert.is((await api(`/templates/${name}`)).status, 404);
  assert.ok(await original.isVisible(), 'the original stays');
});

test('New guest: pick the template, name it, follow the task, and the shut-off guest appears', async () => {
  const page = s.page!;
  await byTestId(page, 'tab-guests').click();
  await page.waitForSelector('[data-testid=guests-page][data-state=ready]', { timeout: 10_000 });
  await byTestId(page, 'new-guest').click();
  // Create on an empty form is not a dead button: it says what is missing where the user looks.
  const submit = byTestId(page, 'vm-create-submit');
  assert.ok(await submit.isDisabled(), 'announced as not ready (aria-disabled)');
  assert.is(await byTestId(page, 'vm-create-name-error').count(), 0, 'no red before anyone did anything');
  await submit.click({ force: true }); // a real click: Playwright would wait for an aria-disabled button to enable
  const why = page.locator('[data-testid=vm-create-why][role=alert].is-tried');
  await why.waitFor({ timeout: 2_000 });
  assert.match(await why.innerText(), /Choose what to install from/);
  for (const f of ['name', 'memory', 'cpus']) assert.ok(await byTestId(page, `vm-create-${f}-error`).isVisible(), `${f} says what it lacks`);
  assert.ok(await page.evaluate(() => document.activeElement?.closest('.vm-create__source') != null), 'focus goes to the missing source');
  assert.ok(await byTestId(page, 'vm-create-dialog').isVisible(), 'the dialog stays open');
  // The one-dialog flow (issue 11): the template is one of the install sources.
  await byTestId(page, 'vm-create-kind-template').click();
  await page.waitForSelector(`[data-testid=vm-create-template] option[value="${TEMPLATE}"]`, { state: 'attached', timeout: 10_000 });
  await byTestId(page, 'vm-create-template').selectOption(TEMPLATE);

  await byTestId(page, 'vm-create-name').fill(' spaced');
  await byTestId(page, 'vm-create-name-error').waitFor();
  assert.ok(await submit.isDisabled(), 'disabled with a name that starts with a space');
  await byTestId(page, 'vm-create-name').fill(VM);
  await byTestId(page, 'vm-create-start').uncheck();
  assert.ok(await submit.isEnabled());

  await submit.click();
  await byTestId(page, 'vm-create-dialog').waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForSelector('[data-testid=toast][data-kind=success]', { timeout: 20_000 });
  await shot(page, 'create-task');
  // The new guest's page opens once it is made; back to the list.
  await page.waitForFunction((vm) => decodeURIComponent(location.hash) === `#/vms/${vm}`, VM, { timeout: 10_000 });
  await byTestId(page, 'tab-guests').click();

  const vm = card(page, VM, 'shutoff');
  await vm.waitFor({ timeout: 5_000 });
  assert.match(await byTestId(vm, 'vm-memory').innerText(), /256 MiB/);
  assert.ok(await byTestId(vm, 'vm-action-start').isEnabled(), 'a shut-off VM can be started');
  const items = await menuItems(page, vm);
  assert.not.ok(items.includes('shutdown'), 'no Shut down for a shut-off VM');
  assert.ok(items.includes('clone'), 'a shut-off VM can be cloned');
});

test('Start, then a power-off made outside the UI: the row follows libvirt live', async () => {
  const page = s.page!;
  await byTestId(card(page, VM), 'vm-action-start').click();
  await card(page, VM, 'running').waitFor({ timeout: 5_000 });
  await page.locator('[data-testid=toast][data-kind=success]', { hasText: `${VM} started` }).waitFor({ timeout: 5_000 });
  assert.ok(await byTestId(card(page, VM), 'vm-console').isVisible());
  await shot(page, 'running');
  // The README's picture: `UPDATE_SCREENSHOT=1 npm test -- tests/e2e/guests` refreshes it.
  if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(join(OUTPUT_DIR, 'guests-running.png'), join(ROOT, 'docs', 'screenshot.png'));

  // The list is never re-read on a timer any more: only the `vm` event can bring this change.
  const off = await api(`/vms/${VM}/poweroff`, 'POST');
  assert.is(off.status, 200);
  await card(page, VM, 'shutoff').waitFor({ timeout: 2_500 });
});

test('Clone a shut-off guest: a toast follows the task and the copy appears', async () => {
  const page = s.page!;
  await fromMenu(page, card(page, VM, 'shutoff'), 'clone');
  await page.locator('[data-testid=toast][data-kind=success]', { hasText: `Cloning ${VM}` }).waitFor({ timeout: 20_000 });
  const copy = card(page, `${VM}-clone-1`, 'shutoff');
  await copy.waitFor({ timeout: 5_000 });
  await shot(page, 'clone');
});

test('Delete: the dialog lists the disk that goes, nothing happens until confirmed, then the guest is gone', async () => {
  const page = s.page!;
  await fromMenu(page, card(page, VM), 'delete');
  await page.waitForSelector('[data-testid=vm-delete-dialog][data-state=ready]', { timeout: 10_000 });
  const items = byTestId(page, 'deletion-delete-item');
  assert.ok((await items.count()) >= 1, 'at least one disk will be deleted');
  const path = (await items.first().getAttribute('data-path')) ?? '';
  assert.ok(path.startsWith('/default-pool/'), `the disk lives in the default pool: ${path}`);
  assert.ok((await items.first().innerText()).includes(path), 'the dialog shows the path');
  await shot(page, 'delete-dialog');
  await assertAccessible(page, 'the delete-guest dialog', { include: '[role=dialog]' });

  // Cancel first: nothing is deleted.
  await byTestId(page, 'vm-delete-cancel').click();
  await byTestId(page, 'vm-delete-dialog').waitFor({ state: 'detached' });
  assert.is((await api(`/vms/${VM}`)).status, 200, 'still there after Cancel');

  await fromMenu(page, card(page, VM), 'delete');
  await page.waitForSelector('[data-testid=vm-delete-dialog][data-state=ready]', { timeout: 10_000 });
  await byTestId(page, 'vm-delete-confirm').click();
  await byTestId(page, 'vm-delete-dialog').waitFor({ state: 'detached', timeout: 10_000 });
  await card(page, VM).waitFor({ state: 'detached', timeout: 5_000 });
  assert.is((await api(`/vms/${VM}`)).status, 404, 'the API no longer knows it');
  assert.ok(await card(page, 'test-vm').isVisible(), 'the other guest is untouched');
  await shot(page, 'after-delete');
  assert.equal(s.errors, [], 'no uncaught errors in the page');
});

test('pt-BR browser: the Guests tab speaks Portuguese', async () => {
  const context = await s.browser!.newContext({ locale: 'pt-BR', viewport: TABLET });
  try {
    const page = await context.newPage();
    await page.goto(s.server!.url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid=guests-page][data-state=ready]', { timeout: 15_000 });
    assert.is(await byTestId(page, 'new-guest').innerText(), 'Novo convidado');
    assert.is(await byTestId(card(page, 'test-vm', 'running'), 'vm-state').innerText(), 'Em execução');
    await fromMenu(page, card(page, 'test-vm'), 'delete');
    await page.waitForSelector('[data-testid=vm-delete-dialog][data-state=ready]', { timeout: 10_000 });
    assert.match(await byTestId(page, 'vm-delete-dialog').innerText(), /Nada é excluído até você confirmar/);
    await byTestId(page, 'vm-delete-cancel').click();
  } finally {
    await context.close();
  }
});

test.run();
