// User story, first five minutes (issue 11): from the Guests tab to a running guest with its VNC console connected, in
// at most 5 clicks plus the name keystrokes — real server, real libvirtd (qemu:///system), Chromium, a real ISO in a
// pool of our own; the guest has no NIC and its disk lands in our pool (never the host's default pool or network).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { connect, DomainXMLFlags, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';
import { assertAccessible } from '../helpers/axe.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { makeIso } from '../helpers/iso.ts';
import { createPool, QEMU_URI, sweep, testName } from '../helpers/qemu.ts';
import { serve, type TestServer } from '../helpers/server.ts';

const PREFIX = 'kimchi-test-t11c-';
const ISO = `${PREFIX}Fedora-Workstation-37.iso`;

const s: { c?: Connection; pool?: StoragePool; isoPath?: string; server?: TestServer; browser?: Browser; errors: string[] } = { errors: [] };

test.before(async () => {
  ensureUiBuilt();
  s.c = await connect(QEMU_URI);
  await sweep(s.c, PREFIX);
  s.pool = await createPool(s.c, testName(PREFIX));
  const iso = await makeIso({ volumeId: 'Fedora-WS-Live-37-1-7' });
  try {
    s.isoPath = join('/var/lib/libvirt/images', s.pool!.name, ISO);
    copyFileSync(iso.path, s.isoPath);
  } finally {
    await iso.cleanup();
  }
  await s.c.storagePoolRefresh(s.pool!);
  s.server = await serve(QEMU_URI, { uiDir: UI_DIR });
  s.browser = await launchChromium();
});

test.after(() => cleanUp([
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.stop()],
  ['guest, its disk, the pool and the ISO', async () => { if (s.c) { await sweep(s.c, PREFIX); await s.c.close(); } }],
]));

async function open(locale: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await s.browser!.newContext({ locale, viewport, hasTouch: viewport.width < 1000 });
  const page = await context.newPage();
  page.on('pageerror', (e) => s.errors.push(String(e)));
  await page.goto(`${s.server!.url}/#/guests`);
  await page.locator('[data-testid=guests-page][data-state=ready]').waitFor({ timeout: 15_000 });
  return page;
}

const isoOption = (page: Page) => page.locator(`[data-testid=iso-option][data-path="${s.isoPath}"]`);

test('a first guest from an ISO in a pool: ≤ 5 clicks plus the name, then its page with the VNC console connected', async () => {
  const page = await open('en-US', { width: 1366, height: 768 });
  let clicks = 0;
  const click = async (l: Locator) => { clicks++; await l.click(); };
  // A dropdown change is one press-drag-release gesture on a native select (and one tap + pick on a tablet).
  const choose = async (l: Locator, value: string) => { clicks++; await l.selectOption(value); };
  const name = testName(PREFIX);

  await click(page.locator('[data-testid=new-guest]'));
  const dialog = page.locator('[data-testid=vm-create-dialog]');
  await isoOption(page).waitFor({ timeout: 15_000 });
  assert.is(await isoOption(page).locator('[data-testid=iso-option-os]').innerText(), 'Fedora Linux 37', 'the OS is shown beside the ISO');
  assert.ok(await page.locator('[data-testid=vm-create-submit]').isDisabled(), 'nothing chosen yet: Create is disabled');
  assert.match(await page.locator('[data-testid=vm-create-why]').innerText(), /Choose what to install from/);

  await click(isoOption(page));
  const nameInput = page.locator('[data-testid=vm-create-name]');
  assert.match(await nameInput.inputValue(), /^fedora37-\d+$/, 'the name comes from the OS');
  assert.is(await page.locator('[data-testid=vm-create-memory]').inputValue(), '2048', "osinfo-db's recommended memory");
  assert.is(await page.locator('[data-testid=vm-create-cpus]').inputValue(), '1');
  assert.is(await page.locator('[data-testid=vm-create-disk]').inputValue(), '20', "osinfo-db's recommended disk");
  assert.ok(await page.locator('[data-testid=vm-create-start]').isChecked(), 'Start after creating is on');
  assert.ok(await nameInput.evaluate((el) => el === document.activeElement), 'the name is focused after picking the ISO');
  await page.keyboard.type(name); // replaces the selected suggestion: only the name keystrokes
  assert.is(await nameInput.inputValue(), name);

  // Our pool and no network instead of the host's default ones (a real first user keeps both defaults: 3 clicks).
  await choose(page.locator('[data-testid=vm-create-pool]'), s.pool!.name);
  await choose(page.locator('[data-testid=vm-create-network]'), '');
  await dialog.screenshot({ path: join(OUTPUT_DIR, 'first-guest-dialog.png') });
  await assertAccessible(page, 'New guest dialog', { include: '[data-testid=vm-create-dialog]' });

  await click(page.locator('[data-testid=vm-create-submit]'));
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  // The Task's toast names the guest (running, then done); a failure toast would be data-kind=error.
  await page.locator('[data-testid=toast]:is([data-kind=task], [data-kind=success])', { hasText: name }).first().waitFor({ timeout: 10_000 });
  await page.locator('[data-testid=vm-page][data-state=running]').waitFor({ timeout: 60_000 });
  assert.is(await page.locator('[data-testid=toast][data-kind=error]').count(), 0, 'no failure reported');
  assert.is(decodeURIComponent(new URL(page.url()).hash), `#/vms/${name}`);
  await page.locator('[data-testid=vnc-console][data-phase=connected]').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(OUTPUT_DIR, 'first-guest-console.png') });
  console.log(`first guest: ${clicks} clicks + ${name.length} name keystrokes`);
  assert.ok(clicks <= 5, `${clicks} clicks`);

  const c = s.c!;
  const dom = await c.domainLookupByName(name);
  assert.ok(await c.domainIsActive(dom), 'libvirt runs it');
  const m = parseDomainXML(await c.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE));
  assert.equal(m.devices.interfaces, [], 'no network interface');
  assert.equal(m.devices.disks.map((d) => [d.device, d.source?.file]), [
    ['disk', join('/var/lib/libvirt/images', s.pool!.name, `${name}-0.qcow2`)], ['cdrom', s.isoPath],
  ]);
  await page.context().close();
});

test('the dialog on a portrait tablet and in pt-BR: validation as you type, server errors translated', async () => {
  const tablet = await open('en-US', { width: 768, height: 1024 });
  await tablet.locator('[data-testid=new-guest]').click();
  await isoOption(tablet).click();
  await tablet.locator('[data-testid=vm-create-name]').fill(' bad/name');
  await tablet.locator('[data-testid=vm-create-name-error]').waitFor();
  assert.ok(await tablet.locator('[data-testid=vm-create-submit]').isDisabled());
  await tablet.locator('[data-testid=vm-create-name]').fill('ok-name');
  await tablet.locator('[data-testid=vm-create-memory]').fill('12');
  await tablet.locator('[data-testid=vm-create-memory-error]').waitFor();
  await tablet.locator('[data-testid=vm-create-save-template]').check();
  assert.is(await tablet.locator('[data-testid=vm-create-template-name]').inputValue(), 'ok-name', 'the template is named after the guest');
  const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.is(overflow, 0, 'no horizontal scrolling at 768 px');
  await tablet.locator('[data-testid=vm-create-dialog]').screenshot({ path: join(OUTPUT_DIR, 'first-guest-dialog-tablet.png') });
  await assertAccessible(tablet, 'New guest dialog (tablet)', { include: '[data-testid=vm-create-dialog]' });
  await tablet.context().close();

  const pt = await open('pt-BR', { width: 1366, height: 768 });
  await pt.locator('[data-testid=new-guest]').click();
  await pt.locator('[data-testid=vm-create-kind-path]').click();
  await pt.locator('[data-testid=vm-create-path]').fill(join('/var/lib/libvirt/images', s.pool!.name, 'nada.iso'));
  const error = pt.locator('[data-testid=vm-create-path-error]');
  await error.waitFor({ timeout: 10_000 });
  assert.match(await error.innerText(), /não é uma imagem ISO/, 'the server\'s reason, in Portuguese');
  await pt.locator('[data-testid=vm-create-kind-iso]').click();
  await isoOption(pt).click();
  assert.is(await pt.locator('[data-testid=vm-create-dialog] h2').innerText(), 'Novo convidado');
  await pt.locator('[data-testid=vm-create-dialog]').screenshot({ path: join(OUTPUT_DIR, 'first-guest-dialog-pt-BR.png') });
  await pt.context().close();
});

test('other sources: an uploaded ISO is detected and saved as a template, and that template makes the next guest', async () => {
  const page = await open('en-US', { width: 1366, height: 768 });
  const byId = (id: string) => page.locator(`[data-testid=${id}]`);
  const tpl = `${PREFIX}tpl`;
  await byId('new-guest').click();
  await byId('vm-create-pool').selectOption(s.pool!.name); // the upload goes to the chosen pool: ours
  await byId('vm-create-kind-upload').click();
  const iso = await makeIso({ volumeId: 'Fedora-WS-Live-37-1-7' });
  try {
    await byId('volume-upload-input').setInputFiles({ name: `${PREFIX}uploaded.iso`, mimeType: 'application/octet-stream', buffer: readFileSync(iso.path) });
  } finally {
    await iso.cleanup();
  }
  await page.locator('[data-testid=upload-status][data-state=done]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => /^fedora37-\d+$/.test((document.querySelector('[data-testid=vm-create-name]') as HTMLInputElement).value), null, { timeout: 10_000 });
  await byId('vm-create-name').fill(`${PREFIX}uploaded`);
  await byId('vm-create-network').selectOption('');
  await byId('vm-create-disk').fill('1');
  await byId('vm-create-start').uncheck();
  await byId('vm-create-save-template').check();
  await byId('vm-create-template-name').fill(tpl);
  await byId('vm-create-submit').click();
  await page.locator('[data-testid=vm-page]').waitFor({ timeout: 30_000 });

  await page.goto(`${s.server!.url}/#/guests`);
  await byId('new-guest').click();
  await byId('vm-create-kind-template').click();
  await page.locator(`[data-testid=vm-create-template] option[value="${tpl}"]`).waitFor({ state: 'attached', timeout: 10_000 });
  await byId('vm-create-template').selectOption(tpl);
  assert.equal([await byId('vm-create-name').inputValue(), await byId('vm-create-pool').inputValue(), await byId('vm-create-network').inputValue(),
    await byId('vm-create-memory').inputValue(), await byId('vm-create-disk').inputValue()], [`${tpl}-vm-1`, s.pool!.name, '', '2048', '1'],
    'the template\'s settings fill the form');
  await byId('vm-create-start').uncheck();
  await byId('vm-create-submit').click();
  await page.waitForFunction((n) => decodeURIComponent(location.hash) === `#/vms/${n}`, `${tpl}-vm-1`, { timeout: 30_000 });
  const c = s.c!;
  const made = parseDomainXML(await c.domainGetXMLDesc(await c.domainLookupByName(`${tpl}-vm-1`), DomainXMLFlags.INACTIVE));
  assert.equal(made.devices.disks.map((d) => d.source?.file), [
    join('/var/lib/libvirt/images', s.pool!.name, `${tpl}-vm-1-0.qcow2`), join('/var/lib/libvirt/images', s.pool!.name, `${PREFIX}uploaded.iso`),
  ]);
  await page.context().close();
});

test('the Storage tab\'s shallow scan finds the ISO our pool holds (it used to look only in the default pool)', async () => {
  const page = await open('en-US', { width: 1366, height: 768 });
  await page.goto(`${s.server!.url}/#/storage`);
  await page.locator('[data-testid=scan-shallow]').click();
  await page.locator('[data-testid=iso-scan][data-state=finished]').waitFor({ timeout: 60_000 });
  const row = page.locator(`[data-testid=iso-result][data-path="${s.isoPath}"]`);
  assert.is(await row.count(), 1, 'our ISO is listed');
  assert.match(await row.locator('[data-testid=iso-os]').innerText(), /fedora 37/i);
  await page.context().close();
});

test('no script errors', () => {
  assert.equal(s.errors, []);
});

test.run();
