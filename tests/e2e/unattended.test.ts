// Issue 15 in the browser: "Install automatically" in the New guest dialog — offered for an ISO osinfo-db has an install
// script for (Debian 11), not for one without (a Fedora live image); language and time zone default to the browser's;
// "Start after creating" shows checked and locked while it is on; Create starts the installer with preseed.cfg in its
// initrd. Real server on qemu:///system, Chromium; desktop and pt-BR screenshots.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { connect, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { child, parseXml, text } from '../../libvirt/xml/index.ts';
import { assertAccessible } from '../helpers/axe.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { makeIso } from '../helpers/iso.ts';
import { createPool, IMAGES, QEMU_URI, sweep, testName } from '../helpers/qemu.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { cpioFiles, ORIGINAL_INITRD, spinningKernel } from '../unattended/kit.ts';

const PREFIX = 'kimchi-test-unattended-e2e-';
const s: { c?: Connection; pool?: StoragePool; debian?: string; live?: string; dir?: string; server?: TestServer; browser?: Browser; errors: string[] } = { errors: [] };

test.before(async () => {
  ensureUiBuilt();
  s.c = await connect(QEMU_URI);
  await sweep(s.c, PREFIX);
  s.pool = await createPool(s.c, testName(PREFIX));
  s.dir = mkdtempSync(join(tmpdir(), 'kimchi-unattended-e2e-'));
  const put = async (file: string, spec: Parameters<typeof makeIso>[0]) => {
    const iso = await makeIso(spec);
    const path = join(IMAGES, s.pool!.name, file);
    copyFileSync(iso.path, path);
    await iso.cleanup();
    return path;
  };
  s.debian = await put('debian-11.5.0-amd64-netinst.iso', { volumeId: 'Debian 11.5.0 amd64 n', files: { 'install.amd/vmlinuz': spinningKernel(), 'install.amd/initrd.gz': ORIGINAL_INITRD } });
  s.live = await put('Fedora-Workstation-Live-x86_64-36.iso', { volumeId: 'Fedora-WS-Live-36-1-5', files: { 'isolinux/README.TXT': 'live\n' } });
  await s.c.storagePoolRefresh(s.pool);
  s.server = await serve(QEMU_URI, { uiDir: UI_DIR });
  s.browser = await launchChromium();
});

test.after(() => cleanUp([
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.stop()],
  ['guests, install volumes, ISOs and the pool', async () => { if (s.c) { await sweep(s.c, PREFIX); await s.c.close(); } }],
  ['temp dir', () => { if (s.dir) rmSync(s.dir, { recursive: true, force: true }); }],
]));

async function open(locale: string, timezoneId: string): Promise<Page> {
  const context = await s.browser!.newContext({ locale, timezoneId, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => s.errors.push(String(e)));
  await page.goto(`${s.server!.url}/#/guests`);
  await page.locator('[data-testid=guests-page][data-state=ready]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid=new-guest]').click();
  return page;
}

const pick = async (page: Page, path: string) => {
  const option = page.locator(`[data-testid=iso-option][data-path="${path}"]`);
  await option.waitFor({ timeout: 15_000 });
  await option.click();
};

test('offered for Debian 11 and not for a live image; filled and created, the installer starts with preseed.cfg in its initrd', async () => {
  const page = await open('en-US', 'America/Sao_Paulo');
  const byId = (id: string) => page.locator(`[data-testid=${id}]`);
  await pick(page, s.live!);
  await byId('vm-create-name').waitFor();
  assert.is(await byId('vm-create-unattended').count(), 0, 'no offer for a live image');

  await pick(page, s.debian!);
  await byId('vm-create-unattended').waitFor({ timeout: 5_000 });
  assert.not.ok(await byId('vm-create-unattended-toggle').isChecked(), 'off until asked for');
  assert.match(await byId('vm-create-unattended').innerText(), /Install automatically/);
  // "Start after creating" unchecked first: an automatic install starts the installer anyway, and the box says so.
  await byId('vm-create-start').uncheck();
  assert.is(await byId('vm-create-start-hint').count(), 0, 'no hint while the user decides');
  await byId('vm-create-unattended-toggle').check();
  assert.ok(await byId('vm-create-start').isChecked(), 'shown checked: the installer starts at once');
  assert.ok(await byId('vm-create-start').isDisabled(), 'and cannot be unchecked');
  assert.is(await byId('vm-create-start-hint').innerText(), 'Install automatically starts the installer at once.');
  assert.is(await byId('vm-create-start').getAttribute('aria-describedby'), 'vm-create-start-hint');
  await byId('vm-create-unattended-toggle').uncheck();
  assert.equal([await byId('vm-create-start').isChecked(), await byId('vm-create-start').isDisabled()], [false, false], 'the user\'s own choice is back');
  await byId('vm-create-unattended-toggle').check();
  assert.is(await byId('vm-create-uaLocale').inputValue(), 'en-US', 'the browser\'s language');
  assert.is(await byId('vm-create-uaTimezone').inputValue(), 'America/Sao_Paulo', 'the browser\'s time zone');
  assert.is(await byId('vm-create-uaProductKey').count(), 0, 'no product key for Debian');

  const name = `${PREFIX}deb`;
  await byId('vm-create-name').fill(name);
  await byId('vm-create-pool').selectOption(s.pool!.name);
  await byId('vm-create-network').selectOption('');
  await byId('vm-create-memory').fill('128');
  await byId('vm-create-disk').fill('1');
  assert.ok(await byId('vm-create-submit').isDisabled(), 'user and password missing');
  assert.match(await byId('vm-create-why').innerText(), /^User name: /);
  await byId('vm-create-uaUser').fill('alice');
  await byId('vm-create-uaPassword').fill('e2e secret');
  assert.not.ok(await byId('vm-create-submit').isDisabled(), 'ready');
  await byId('vm-create-uaTimezone').scrollIntoViewIfNeeded();
  await byId('vm-create-dialog').screenshot({ path: join(OUTPUT_DIR, 'unattended-dialog.png') });
  await assertAccessible(page, 'New guest dialog, unattended install', { include: '[data-testid=vm-create-dialog]' });

  await byId('vm-create-submit').click();
  await byId('vm-create-dialog').waitFor({ state: 'detached', timeout: 10_000 });
  await page.locator('[data-testid=vm-page][data-state=running]').waitFor({ timeout: 60_000 });
  assert.is(await page.locator('[data-testid=toast][data-kind=error]').count(), 0, 'no failure reported');

  const live = parseXml(await s.c!.domainGetXMLDesc(await s.c!.domainLookupByName(name), 0)).root;
  const initrd = text(child(child(live, 'os'), 'initrd'))!;
  assert.is(initrd, join(IMAGES, s.pool!.name, `${name}-install-initrd.img`));
  const files = await cpioFiles(readFileSync(initrd).subarray(Math.ceil(ORIGINAL_INITRD.length / 4) * 4), s.dir!);
  assert.match(files['preseed.cfg'], /^d-i passwd\/username alice$/m);
  assert.match(files['preseed.cfg'], /^d-i time\/zone select America\/Sao_Paulo$/m);
  await page.screenshot({ path: join(OUTPUT_DIR, 'unattended-guest.png') });
  await page.context().close();
});

test('in pt-BR: the option and its fields in Portuguese, the time zone from the browser, a zone that does not exist named', async () => {
  const page = await open('pt-BR', 'Europe/Lisbon');
  const byId = (id: string) => page.locator(`[data-testid=${id}]`);
  await pick(page, s.debian!);
  await byId('vm-create-unattended-toggle').check();
  assert.match(await byId('vm-create-unattended').innerText(), /Instalar automaticamente/);
  assert.ok(await byId('vm-create-start').isDisabled() && await byId('vm-create-start').isChecked(), 'start on and locked');
  assert.is(await byId('vm-create-start-hint').innerText(), 'A instalação automática inicia o instalador imediatamente.');
  assert.equal([await byId('vm-create-uaLocale').inputValue(), await byId('vm-create-uaTimezone').inputValue()], ['pt-BR', 'Europe/Lisbon']);
  await byId('vm-create-uaUser').fill('ana');
  await byId('vm-create-uaPassword').fill('senha secreta');
  await byId('vm-create-uaTimezone').fill('Europe/Atlantida');
  assert.match(await byId('vm-create-uaTimezone-error').innerText(), /Um fuso horário da lista/);
  assert.ok(await byId('vm-create-submit').isDisabled());
  assert.match(await byId('vm-create-why').innerText(), /^Fuso horário: /);
  await byId('vm-create-uaTimezone-error').scrollIntoViewIfNeeded();
  await byId('vm-create-dialog').screenshot({ path: join(OUTPUT_DIR, 'unattended-dialog-pt-BR.png') });
  await page.context().close();
  assert.equal(s.errors, [], 'no page errors');
});

test.run();
