// User story with two hosts (local and a registered host b, each a test-driver hypervisor): the admin reads a guest's
// page on a laptop and a portrait tablet in pt-BR, moves between the list and guests of either host, migrates from the
// list's "⋯" menu and makes a new guest on b from All hosts. Real server, real Chromium.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { assertAccessible } from '../helpers/axe.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { byId } from '../helpers/page-suite.ts';
import { serve, until, type TestServer } from '../helpers/server.ts';

const PREFIX = 'kimchi-test-uip-';
const A1 = `${PREFIX}a1`;
const B1 = `${PREFIX}b1`;
const TEMPLATE = `${PREFIX}tpl`;
const MADE = `${PREFIX}made-on-b`;
const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 768, height: 1024 };

const s: { a?: Fixture; b?: Fixture; server?: TestServer; browser?: Browser; errors: string[] } = { errors: [] };

/** A test-driver host whose one running guest has a virtio NIC on `default` (the test driver keeps it as written). */
function host(guest: string, mac: string): Fixture {
  const fx = writeFixture({ domains: [guest] });
  const nic = `<interface type='network'><mac address='${mac}'/><source network='default'/><model type='virtio'/></interface>`;
  writeFileSync(fx.path, readFileSync(fx.path, 'utf8').replace('</devices>', `${nic}</devices>`));
  return fx;
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${s.server!.url}/api${path}`, { ...init, headers: { 'content-type': 'application/json', accept: 'application/json' } });

async function open(viewport: { width: number; height: number }, hash: string, locale = 'en-US'): Promise<Page> {
  const page = await (await s.browser!.newContext({ locale, viewport, hasTouch: viewport.width < 1000 })).newPage();
  page.on('pageerror', (e) => s.errors.push(String(e)));
  await page.goto(`${s.server!.url}/${hash}`);
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `guest-hosts-${name}.png`), animations: 'disabled', fullPage: true });
const guestPage = (page: Page, name: string) => page.locator(`[data-testid=vm-page][data-name="${name}"][data-state=running]`).waitFor({ timeout: 15_000 });
const row = (page: Page, name: string) => page.locator(`[data-testid=vm-row][data-name="${name}"]`);
const switcher = (page: Page) => byId(page, 'host-switch');

test.before(async () => {
  ensureUiBuilt();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.a = host(A1, '52:54:00:0a:00:01');
  s.b = host(B1, '52:54:00:0b:00:01');
  s.server = await serve(s.a.uri, { uiDir: UI_DIR });
  assert.is((await api('/hosts', { method: 'POST', body: JSON.stringify({ name: 'b', uri: s.b.uri }) })).status, 201);
  await until(async () => (await (await api('/hosts')).json() as Array<{ name: string; state: string }>).some((h) => h.name === 'b' && h.state === 'connected'), 10_000, 'host b');
  const tpl = await api('/templates', { method: 'POST', body: JSON.stringify({ name: TEMPLATE, memory: { current: 256 }, disks: [{ size: 1 }] }) });
  assert.is(tpl.status, 201, await tpl.text());
  s.browser = await launchChromium();
});

test.after(() => cleanUp([
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.stop()],
  ['fixtures', () => { s.a?.cleanup(); s.b?.cleanup(); }],
]));

test('the guest page shows Firmware once: in "Firmware and devices", beside its edit button, not in Overview', async () => {
  const page = await open(DESKTOP, `#/vms/${B1}?host=b`);
  await guestPage(page, B1);
  await byId(page, 'vm-machine-fact-firmware').waitFor();
  const labels = await page.locator('[data-testid=vm-page] dt').allInnerTexts();
  assert.equal(labels.filter((l) => /firmware/i.test(l)), ['Firmware'], 'one Firmware row on the page');
  assert.is(await byId(page, 'vm-overview').getByText('Firmware', { exact: true }).count(), 0, 'not in Overview');
  assert.is(await byId(page, 'vm-machine-fact-firmware').innerText(), 'BIOS (SeaBIOS)');
  assert.ok(await byId(page, 'vm-machine-edit').isVisible(), 'the section that shows it edits it');
  // Every device table fits its section (two columns of sections on a laptop).
  await page.locator('[data-testid=vm-iface]').waitFor();
  for (const id of ['vm-storages', 'vm-ifaces', 'vm-folders']) {
    const fits = await byId(page, id).evaluate((table) => table.getBoundingClientRect().right <= table.closest('section')!.getBoundingClientRect().right);
    assert.ok(fits, `${id} stays inside its section`);
  }
  await shot(page, 'vm-desktop');
  await page.context().close();
});

test('portrait tablet, pt-BR: the NIC table headings stand apart and line up with their cells; Disks and Shared folders share one table shape', async () => {
  const page = await open(TABLET, `#/vms/${A1}`, 'pt-BR');
  await guestPage(page, A1);
  await page.locator('[data-testid=vm-iface]').waitFor();
  const heads = await byId(page, 'vm-ifaces').locator('thead th').evaluateAll((ths) => ths.map((th) => {
    const range = document.createRange();
    range.selectNodeContents(th);
    const text = range.getBoundingClientRect();
    return { label: th.textContent!.trim(), left: text.left, right: text.right, overflow: th.scrollWidth > th.clientWidth, visible: !th.querySelector('.visually-hidden') };
  }));
  const shown = heads.filter((h) => h.visible);
  assert.equal(shown.map((h) => h.label), ['Endereço MAC', 'Conectada\u00a0a', 'Modelo', 'Endereços']);
  for (let i = 1; i < shown.length; i++) {
    const gap = shown[i].left - shown[i - 1].right;
    assert.ok(gap >= 11, `"${shown[i - 1].label}" and "${shown[i].label}" are ${gap.toFixed(1)} px apart`);
  }
  assert.ok(heads.every((h) => !h.overflow), 'no heading overflows its cell');
  const cellLeft = await byId(page, 'vm-iface').locator('td').nth(2).evaluate((td) => {
    const r = document.createRange(); r.selectNodeContents(td); return r.getBoundingClientRect().left;
  });
  assert.ok(Math.abs(cellLeft - shown[2].left) < 1, 'the Model heading starts where its cells do');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= TABLET.width, `the page scrolls sideways (${width} px)`);

  // One component draws both sections: the same table, heading style and admin toolbar.
  const shape = (id: string) => byId(page, id).evaluate((table) => {
    const th = getComputedStyle(table.querySelector('th')!);
    return { cls: table.className, th: `${th.padding} ${th.fontSize} ${th.whiteSpace}`, toolbar: table.nextElementSibling?.classList.contains('vm-section__toolbar') || table.parentElement!.querySelector('.vm-section__toolbar') !== null };
  });
  const disks = await shape('vm-storages');
  assert.equal(await shape('vm-folders'), disks);
  assert.is(disks.cls, 'vm-dtable');
  assert.ok(disks.toolbar);
  await byId(page, 'vm-section-ifaces').screenshot({ path: join(OUTPUT_DIR, 'guest-hosts-nics-tablet-pt-BR.png') });
  await shot(page, 'vm-tablet-pt-BR');
  await assertAccessible(page, 'guest page, tablet, pt-BR');
  await page.context().close();
});

test('the host switcher names the guest\'s host on its page; back to the list it says All hosts again', async () => {
  const page = await open(DESKTOP, '#/guests');
  await row(page, B1).waitFor({ timeout: 15_000 });
  assert.is(await switcher(page).getAttribute('data-host'), 'all');
  await row(page, B1).locator('[data-testid=vm-name]').click();
  await guestPage(page, B1);
  assert.is(await switcher(page).getAttribute('data-host'), 'b');
  assert.is(await byId(page, 'host-switch-select').inputValue(), 'b');
  await byId(page, 'vm-page-back').click();
  await row(page, A1).waitFor();
  assert.is(await switcher(page).getAttribute('data-host'), 'all', 'the list is All hosts again');
  assert.ok(await row(page, B1).isVisible(), "b's guest is listed with local's");

  // A local guest opened from All hosts: its page is local's.
  await row(page, A1).locator('[data-testid=vm-name]').click();
  await guestPage(page, A1);
  assert.is(await byId(page, 'host-switch-select').inputValue(), 'local');
  await byId(page, 'tab-guests').click();
  await row(page, B1).waitFor();
  assert.is(await switcher(page).getAttribute('data-host'), 'all', 'the Guests tab goes back to the list as it was');
  // Storage is one host's too: under All hosts it is local's, and the switcher says so.
  await byId(page, 'tab-storage').click();
  await until(async () => (await switcher(page).getAttribute('data-host')) === 'local', 5000, 'the switcher to name local');
  await byId(page, 'tab-guests').click();
  await row(page, B1).waitFor();
  assert.is(await switcher(page).getAttribute('data-host'), 'all');
  await page.context().close();
});

test('the Guests row "⋯" menu (All hosts, portrait tablet, names in full) offers Migrate… for a running guest and opens the migrate dialog for that guest on its host', async () => {
  const page = await open(TABLET, '#/guests', 'pt-BR');
  await row(page, B1).waitFor({ timeout: 15_000 });
  // All hosts on a portrait tablet: beside the Host column the names still read in full.
  const name = row(page, B1).locator('[data-testid=vm-name]');
  const widths = await name.evaluate((a) => [a.scrollWidth, a.clientWidth]);
  assert.ok(widths[0] <= widths[1], `${B1} is cut short (${widths})`);
  await shot(page, 'all-hosts-tablet-pt-BR');
  const asked: string[] = [];
  page.on('request', (r: Request) => { if (r.url().includes('/migrat')) asked.push(new URL(r.url()).pathname); });
  await row(page, B1).locator('[data-testid=vm-more]').click();
  await byId(page, 'vm-menu-migrate').click();
  const dialog = byId(page, 'migrate-dialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), B1);
  await page.locator('[data-testid=migrate-destinations][data-state=ready]').waitFor({ timeout: 10_000 });
  // The test driver cannot migrate, so local is listed as refused with libvirt's reason: still the guest's own dialog.
  assert.match(await dialog.innerText(), `${B1} executa em b.`);
  assert.match(await byId(page, 'migrate-destinations').innerText(), /local/);
  assert.ok(asked.some((p) => p.startsWith(`/api/hosts/b/vms/${B1}/`)), `asked b about its guest: ${asked.join(', ')}`);
  await shot(page, 'migrate-from-list-tablet-pt-BR');
  await byId(page, 'migrate-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  await page.context().close();
});

test('New guest from All hosts: the Host field starts on local; on b it lists b\'s things and creates the guest there', async () => {
  const page = await open(TABLET, '#/guests', 'pt-BR');
  await row(page, B1).waitFor({ timeout: 15_000 });
  const asked: string[] = [];
  page.on('request', (r: Request) => { if (r.url().includes('/api/')) asked.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  await byId(page, 'new-guest').click();
  await byId(page, 'vm-create-dialog').waitFor();
  assert.is(await byId(page, 'vm-create-host').inputValue(), 'local', 'All hosts: local first');
  await byId(page, 'vm-create-host').selectOption('b');
  await byId(page, 'vm-create-kind-template').click();
  await page.waitForSelector(`[data-testid=vm-create-template] option[value="${TEMPLATE}"]`, { state: 'attached', timeout: 10_000 });
  for (const path of ['isos', 'storagepools', 'networks', 'templates']) {
    assert.ok(asked.includes(`GET /api/hosts/b/${path}`), `GET /api/hosts/b/${path} in ${asked.join(', ')}`);
  }
  assert.is(await byId(page, 'vm-create-host').inputValue(), 'b');
  await byId(page, 'vm-create-template').selectOption(TEMPLATE);
  await byId(page, 'vm-create-name').fill(MADE);
  await byId(page, 'vm-create-start').uncheck();
  await shot(page, 'new-guest-host-tablet-pt-BR');
  await assertAccessible(page, 'New guest with its Host field', { include: '[data-testid=vm-create-dialog]' });
  await byId(page, 'vm-create-submit').click();
  await byId(page, 'vm-create-dialog').waitFor({ state: 'detached', timeout: 10_000 });
  assert.ok(asked.includes('POST /api/hosts/b/vms'));
  await until(async () => (await api(`/hosts/b/vms/${MADE}`)).status === 200, 15_000, 'the guest on b');
  assert.is((await api(`/vms/${MADE}`)).status, 404, 'nothing made on local');
  await page.locator(`[data-testid=vm-page][data-name="${MADE}"]`).waitFor({ timeout: 15_000 });
  assert.is(await byId(page, 'host-switch-select').inputValue(), 'b', 'its page is on b');

  // Shut off, it can still move (offline): its row menu offers Migrate…, and the dialog offers Offline only, chosen.
  await page.goto(`${s.server!.url}/#/guests?host=b`);
  await row(page, MADE).waitFor({ timeout: 15_000 });
  await row(page, MADE).locator('[data-testid=vm-more]').click();
  await byId(page, 'vm-menu-migrate').click();
  await byId(page, 'migrate-dialog').waitFor();
  assert.is(await byId(page, 'migrate-mode-live').count(), 0, 'no live choice for a shut-off guest');
  assert.ok(await byId(page, 'migrate-mode-offline').isChecked(), 'Offline, chosen');
  await byId(page, 'migrate-cancel').click();
  await byId(page, 'migrate-dialog').waitFor({ state: 'detached' });

  // Switched to b, the dialog starts on b.
  await page.goto(`${s.server!.url}/#/guests?host=b`);
  await row(page, B1).waitFor({ timeout: 15_000 });
  await byId(page, 'new-guest').click();
  assert.is(await byId(page, 'vm-create-host').inputValue(), 'b');
  await page.context().close();
});

test('Hosts page: local is edited for how peers reach it (its own connection stays), and nothing else', async () => {
  const page = await open(DESKTOP, '#/hosts');
  const localRow = page.locator('[data-testid=host-row][data-name=local]');
  await localRow.waitFor({ timeout: 15_000 });
  assert.is(await localRow.locator('[data-testid=host-remove]').count(), 0, 'local cannot be removed');
  await localRow.locator('[data-testid=host-edit]').click();
  await byId(page, 'host-dialog').waitFor();
  assert.ok(await byId(page, 'host-uri').isDisabled(), 'its connection URI is the server\'s own');
  assert.is(await byId(page, 'host-test').count(), 0, 'nothing to test');
  await byId(page, 'host-migration-uri').fill('qemu+tcp://10.250.99.1/system');
  await shot(page, 'hosts-edit-local');
  await byId(page, 'host-submit').click();
  await byId(page, 'host-dialog').waitFor({ state: 'detached' });
  const local = (await (await api('/hosts')).json() as Array<{ name: string; migration_uri: string | null }>).find((h) => h.name === 'local');
  assert.is(local?.migration_uri, 'qemu+tcp://10.250.99.1/system');
  assert.is((await api('/hosts/local', { method: 'PUT', body: JSON.stringify({ migration_uri: null }) })).status, 200);
  await page.context().close();
});

test('with one host left, the "⋯" menu has no Migrate…', async () => {
  assert.is((await api('/hosts/b', { method: 'DELETE' })).status, 204);
  const page = await open(DESKTOP, '#/guests');
  await row(page, A1).waitFor({ timeout: 15_000 });
  await row(page, A1).locator('[data-testid=vm-more]').click();
  await byId(page, 'vm-menu-delete').waitFor();
  assert.is(await byId(page, 'vm-menu-migrate').count(), 0);
  await page.context().close();
  assert.equal(s.errors, []);
});

test.run();
