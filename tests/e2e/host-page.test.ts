// User stories in Chromium on a test-driver host: the Host page names devices that libvirt knows only by hex ids,
// lists debug reports (generate, download, delete — each toasted, a refused delete too), speaks pt-BR's dates,
// plurals and clock, and fits a 768x1024 portrait tablet without sideways scrolling.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { OUTPUT_DIR, assertAccessible } from '../helpers/browser.ts';
import { DESKTOP, PORTRAIT, shot, sidewaysScroll, smallTargets } from '../helpers/layout.ts';
import { writePagesFixture } from '../helpers/pages-fixture.ts';
import { byId, pageSuite, toast } from '../helpers/page-suite.ts';

const fx = writePagesFixture({ network: 'kimchi-t11p-hnet', guests: 2, prefix: 'kimchi-t11p-h' });

const { s, open } = pageSuite(fx, '#/host', async (page) => {
  await byId(page, 'host-info').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid=host-device][data-name=pci_0000_00_1f_6]').waitFor();
  await page.locator('[data-testid=debug-reports][data-state=ready]').waitFor();
  // Wait for the charts' first points so screenshots and the clock check see them.
  await page.waitForFunction(() => Number((document.querySelector('[data-testid=chart-cpu]') as HTMLElement)?.dataset.points) >= 1, null, { timeout: 15_000 });
}, { acceptDownloads: true });

test('devices show product, vendor and kind names, not hex ids', async () => {
  const page = await open('en-US', DESKTOP);
  const pci = page.locator('[data-testid=host-device][data-name=pci_0000_00_1f_6]');
  assert.is(await pci.locator('[data-testid=host-device-product]').innerText(), 'Ethernet Connection (7) I219-V');
  assert.is(await pci.locator('[data-testid=host-device-vendor]').innerText(), 'Intel Corporation');
  assert.is(await pci.locator('[data-testid=host-device-kind]').innerText(), 'Ethernet controller');
  const usb = page.locator('[data-testid=host-device][data-name=usb_1_2]');
  assert.is(await usb.locator('[data-testid=host-device-product]').innerText(), 'Unifying Receiver');
  assert.is(await usb.locator('[data-testid=host-device-vendor]').innerText(), 'Logitech, Inc.');
  await page.context().close();
});

test('debug reports: generate (a task toast), listed with its date, download, delete; a refused delete toasts why', async () => {
  const page = await open('en-US', DESKTOP);
  await byId(page, 'debug-reports-empty').waitFor();
  await byId(page, 'debug-report-generate').click();
  await toast(page, 'success', 'Generating a debug report').waitFor({ timeout: 120_000 });
  const item = byId(page, 'debug-report').first();
  await item.waitFor();
  const name = (await item.getAttribute('data-name'))!;
  assert.is(await byId(page, 'debug-reports-count').innerText(), '1 report');
  assert.match(await item.locator('[data-testid=debug-report-time]').innerText(), /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M · (now|\d+ seconds? ago)$/);
  const [download] = await Promise.all([page.waitForEvent('download'), item.locator('[data-testid=debug-report-download]').click()]);
  assert.is(download.suggestedFilename(), `${name}.tar.gz`);
  await shot(page, 'host-desktop');
  await assertAccessible(page, 'Host page', { include: '[data-testid=host-page]' });

  // Someone else deletes it first: our delete is refused with the server's reason, then the list catches up.
  assert.is((await fetch(`${s.server!.url}/api/debugreports/${encodeURIComponent(name)}`, { method: 'DELETE' })).status, 204);
  await item.locator('[data-testid=debug-report-delete]').click();
  const dialog = byId(page, 'debug-report-delete-dialog');
  await dialog.waitFor();
  await assertAccessible(page, 'Delete report dialog', { include: '[data-testid=debug-report-delete-dialog]' });
  await byId(dialog, 'debug-report-delete-dialog-confirm').click();
  const refused = toast(page, 'error', `Could not delete the report ${name}`);
  await refused.waitFor();
  assert.match(await refused.innerText(), /KCHDR0001E|not found|does not exist/i);
  await byId(dialog, 'debug-report-delete-dialog-cancel').click();

  // A fresh one, deleted for real.
  await byId(page, 'debug-report-generate').click();
  await page.locator('[data-testid=debug-report]').filter({ hasNotText: name }).first().waitFor({ timeout: 120_000 });
  const second = byId(page, 'debug-report').first();
  const secondName = (await second.getAttribute('data-name'))!;
  await second.locator('[data-testid=debug-report-delete]').click();
  await byId(page, 'debug-report-delete-dialog-confirm').click();
  await toast(page, 'success', `Report ${secondName} deleted`).waitFor();
  await byId(page, 'debug-reports-empty').waitFor();
  await page.context().close();
});

test('the charts\' time labels stand apart on a portrait tablet (pt-BR and en-US) and on a laptop', async () => {
  for (const [locale, viewport] of [['pt-BR', PORTRAIT], ['en-US', PORTRAIT], ['en-US', { width: 1440, height: 900 }]] as const) {
    const page = await open(locale, viewport);
    // Enough points for a span of several seconds, drawn at this width.
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=chart-cpu]') as HTMLElement)?.dataset.points) >= 3, null, { timeout: 20_000 });
    for (const id of ['chart-cpu', 'chart-memory', 'chart-disk', 'chart-net']) {
      const ticks = JSON.parse(await byId(page, id).evaluate((el) => (el as HTMLElement).dataset.timeTicks ?? '[]')) as Array<[number, number]>;
      assert.ok(ticks.length >= 1, `${id} (${locale}, ${viewport.width} px) has time labels`);
      for (let i = 1; i < ticks.length; i++) {
        const gap = ticks[i]![0] - ticks[i - 1]![0] - (ticks[i]![1] + ticks[i - 1]![1]) / 2;
        assert.ok(gap >= 8, `${id} (${locale}, ${viewport.width} px): labels ${i - 1} and ${i} are ${gap} px apart (${JSON.stringify(ticks)})`);
      }
    }
    await page.locator('.host-charts').screenshot({ path: join(OUTPUT_DIR, `host-charts-${viewport.width}-${locale}.png`) });
    await page.context().close();
  }
});

test('pt-BR on a 768x1024 tablet: report dates, plurals and the chart clock in Portuguese; nothing scrolls sideways', async () => {
  const r = await fetch(`${s.server!.url}/api/debugreports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.is(r.status, 202);
  const en = await open('en-US', DESKTOP);
  const pt = await open('pt-BR', PORTRAIT);
  await pt.reload();
  await byId(pt, 'debug-report').first().waitFor({ timeout: 120_000 });
  await byId(en, 'debug-report').first().waitFor({ timeout: 120_000 }).catch(async () => { await en.reload(); await byId(en, 'debug-report').first().waitFor(); });
  assert.is(await byId(pt, 'debug-reports-count').innerText(), '1 relatório');
  assert.match(await byId(pt, 'debug-report-time').first().innerText(), /^\d{1,2} de [a-zç]{3}\. de \d{4}, \d{2}:\d{2} · (agora|há \d+ segundos?)$/);
  const clock = (p: Page) => p.locator('[data-testid=chart-cpu]').evaluate((el) => (el as HTMLElement).dataset.lastLabel ?? '');
  assert.match(await clock(pt), /^\d{2}:\d{2}:\d{2}$/);
  assert.match(await clock(en), /^\d{2}:\d{2}:\d{2}\s[AP]M$/);
  await en.context().close();
  await shot(pt, 'host-tablet-pt-BR');
  assert.equal(await sidewaysScroll(pt), []);
  assert.equal(await smallTargets(pt, '[data-testid=host-page]'), []);
  await assertAccessible(pt, 'Host page (pt-BR, tablet)', { include: '[data-testid=host-page]' });
  assert.equal(s.errors, []);
  await pt.context().close();
});

test.run();
