// User story on a tablet, on qemu:///system: the admin makes a folder pool in the Storage tab, uploads an ISO into it
// watching the progress bar, finds it with a deep scan, offers it for a new template, then deletes the pool.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import { connect, type Connection } from '../../libvirt/index.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, openTablet } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { makeIso, type TempIso } from '../helpers/iso.ts';
import { QEMU_URI, sweep, testName } from '../helpers/qemu.ts';
import { serve, type TestServer } from '../helpers/server.ts';

const PREFIX = 'kimchi-test-storage-ui-';
const LABEL = 'KIMCHI_UI_TEST';
const ISO_NAME = 'kimchi-ui-test.iso';

const s: {
  c?: Connection; server?: TestServer; browser?: Browser; context?: BrowserContext; page?: Page; iso?: TempIso; cdp?: CDPSession;
  dirs: string[]; errors: string[]; pool: string; poolPath: string; upload: string;
} = { dirs: [], errors: [], pool: testName(PREFIX), poolPath: '', upload: '' };

const byTestId = (scope: Page | Locator, id: string) => scope.locator(`[data-testid=${id}]`);
const poolRow = (page: Page, state?: string) => page.locator(`[data-testid=pool-row][data-name="${s.pool}"]${state ? `[data-state=${state}]` : ''}`);
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `storage-${name}.png`), animations: 'disabled', fullPage: true });

test.before(async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.c = await connect(QEMU_URI);
  await sweep(s.c, PREFIX);
  const work = mkdtempSync(join(tmpdir(), PREFIX));
  s.dirs.push(work);
  s.poolPath = join(work, 'pool'); // made by the pool's build
  // A few MiB so the upload takes long enough (throttled below) for the bar to move visibly.
  s.iso = await makeIso({ volumeId: LABEL, files: { 'README.TXT': 'storage page test\n', 'PAD.BIN': 'k'.repeat(6 << 20) } });
  s.upload = join(work, ISO_NAME);
  copyFileSync(s.iso.path, s.upload);
  ensureUiBuilt();
  s.server = await serve(QEMU_URI, { uiDir: UI_DIR });
  ({ browser: s.browser, context: s.context, page: s.page } = await openTablet(s.errors));
});

test.after(() => cleanUp([
  ['context', () => s.context?.close()],
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.stop()],
  ['pools and volumes', async () => {
    if (!s.c) return;
    await sweep(s.c, PREFIX);
    await s.c.close();
  }],
  ['iso', () => s.iso?.cleanup()],
  ['temp dirs', () => { for (const d of s.dirs) rmSync(d, { recursive: true, force: true }); }],
]));

test('a folder pool is made through the dialog, checked as it is typed', async () => {
  const page = s.page!;
  await page.goto(s.server!.url);
  await byTestId(page, 'tab-storage').click();
  await page.locator('[data-testid=storage-page][data-state=ready]').waitFor({ timeout: 15_000 });

  await byTestId(page, 'new-pool').click();
  const dialog = byTestId(page, 'pool-create-dialog');
  await dialog.waitFor();
  const submit = byTestId(dialog, 'pool-create-submit');
  assert.ok(await submit.isDisabled(), 'create is disabled while the form is empty');
  await byTestId(dialog, 'pool-name').fill('bad/name');
  await byTestId(dialog, 'pool-name-error').waitFor();
  await byTestId(dialog, 'pool-path').fill('relative/path');
  await byTestId(dialog, 'pool-path-error').waitFor();
  assert.ok(await submit.isDisabled(), 'create is disabled while a field is wrong');
  // NFS asks for a server and an export, and offers discovery once the server name is valid.
  await byTestId(dialog, 'pool-type').selectOption('netfs');
  await byTestId(dialog, 'pool-host').fill('not a host');
  assert.ok(await byTestId(dialog, 'pool-discover').isDisabled(), 'discovery waits for a valid server name');
  await shot(page, 'create-invalid');
  await byTestId(dialog, 'pool-type').selectOption('dir');

  await byTestId(dialog, 'pool-name').fill(s.pool);
  await byTestId(dialog, 'pool-path').fill(s.poolPath);
  assert.is(await byTestId(dialog, 'pool-name-error').count(), 0);
  assert.is(await byTestId(dialog, 'pool-path-error').count(), 0);
  assert.ok(await submit.isEnabled(), 'create is enabled once the form is valid');
  await submit.click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  await poolRow(page, 'active').waitFor({ timeout: 15_000 });
  assert.ok(existsSync(s.poolPath), 'the pool build made the folder');
  await byTestId(page, 'volume-section').and(page.locator(`[data-pool="${s.pool}"]`)).waitFor();
  await shot(page, 'pools');
});

test('an ISO uploads into the pool with a moving progress bar', async () => {
  const page = s.page!;
  await byTestId(poolRow(page), 'pool-select').click();
  const section = page.locator(`[data-testid=volume-section][data-pool="${s.pool}"][data-state=ready]`);
  await section.waitFor();
  // Every value the bar shows, recorded in the page as it changes.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=upload-progress]');
      const v = Number(bar?.getAttribute('aria-valuenow'));
      if (bar && seen.at(-1) !== v) seen.push(v);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  // Loopback is too fast to watch: throttle the upload to ~2 MiB/s for this step.
  s.cdp = await s.context!.newCDPSession(page);
  await s.cdp.send('Network.enable');
  await s.cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2 * 1024 * 1024 });

  await byTestId(section, 'volume-upload-input').setInputFiles(s.upload);
  const bar = byTestId(page, 'upload-progress');
  await bar.waitFor();
  await page.locator('[data-testid=upload-progress][data-state=uploading]').waitFor();
  await page.waitForFunction(() => {
    const v = Number(document.querySelector('[data-testid=upload-progress]')?.getAttribute('aria-valuenow'));
    return v > 0 && v < 100;
  }, null, { timeout: 20_000 });
  await shot(page, 'upload-progress');
  await page.locator('[data-testid=upload-progress][data-state=done]').waitFor({ timeout: 60_000 });
  await s.cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  assert.is(await bar.getAttribute('aria-valuenow'), '100');
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  assert.ok(seen.some((v) => v > 0 && v < 100), `the bar moved through intermediate values: ${seen.join(', ')}`);
  await page.locator(`[data-testid=volume-row][data-name="${ISO_NAME}"]`).waitFor({ timeout: 10_000 });
  await page.locator('[data-testid=toast][data-kind=success]').filter({ hasText: new RegExp(`${ISO_NAME} uploaded \\(\\d`) }).waitFor();
  assert.is(await byTestId(page, 'upload-error').count(), 0);
  assert.equal(readFileSync(join(s.poolPath, ISO_NAME)), readFileSync(s.upload), 'the volume holds the file byte for byte');
  const href = await page.locator(`[data-testid=volume-row][data-name="${ISO_NAME}"] [data-testid=volume-download]`).getAttribute('href');
  assert.is(href, `/api/storagepools/${encodeURIComponent(s.pool)}/storagevolumes/${ISO_NAME}/content`);
  await shot(page, 'upload');
});

test('a deep scan of the pool folder finds the ISO, which can be offered for a new template', async () => {
  const page = s.page!;
  const scan = byTestId(page, 'iso-scan');
  assert.ok(await byTestId(scan, 'scan-stop').isDisabled(), 'Stop is disabled while no scan runs');
  assert.is(await byTestId(scan, 'scan-path').inputValue(), s.poolPath, 'the deep scan path is the selected pool folder');
  await byTestId(scan, 'scan-deep').click();
  await page.locator('[data-testid=iso-scan][data-state=finished]').waitFor({ timeout: 30_000 });
  assert.ok(await byTestId(scan, 'scan-stop').isDisabled(), 'Stop is disabled once the scan ended');
  const result = page.locator(`[data-testid=iso-result][data-path="${join(s.poolPath, ISO_NAME)}"]`);
  await result.waitFor();
  assert.is((await byTestId(result, 'iso-label').textContent())?.trim(), LABEL);
  await shot(page, 'scan');
  await byTestId(result, 'iso-use').click();
  const dialog = byTestId(page, 'template-create-dialog');
  await dialog.waitFor();
  assert.is(await byTestId(page, 'tab-templates').getAttribute('aria-selected'), 'true', 'the Templates tab opened');
  assert.is(await byTestId(dialog, 'template-cdrom').inputValue(), join(s.poolPath, ISO_NAME), 'the dialog starts from the ISO');
  await shot(page, 'iso-to-template');
  await byTestId(dialog, 'template-create-cancel').click();
  await byTestId(page, 'tab-storage').click();
  await poolRow(page).waitFor();
});

test('every control is at least 44 px tall on a tablet', async () => {
  const small = await s.page!.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=storage-page] button, [data-testid=storage-page] .button, [data-testid=storage-page] input:not([type=file]):not([type=checkbox]), [data-testid=storage-page] select')]
    .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
    .map((e) => `${e.dataset.testid ?? e.tagName} ${e.getBoundingClientRect().height}px`));
  assert.equal(small, []);
});

test('the pool is deleted after a confirmation naming it; its files stay', async () => {
  const page = s.page!;
  await byTestId(poolRow(page), 'pool-delete').click();
  const dialog = byTestId(page, 'pool-delete-dialog');
  await dialog.waitFor();
  assert.ok((await dialog.textContent())?.includes(s.pool), 'the confirmation names the pool');
  await shot(page, 'delete');
  await byTestId(dialog, 'pool-delete-dialog-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  await poolRow(page).waitFor({ state: 'detached', timeout: 10_000 });
  const left = await s.c!.connectListAllStoragePools();
  assert.not.ok(left.some((p) => p.name === s.pool), 'libvirt no longer knows the pool');
  assert.ok(existsSync(join(s.poolPath, ISO_NAME)), 'the folder and the ISO stay on the host');
  await shot(page, 'deleted');
});

test('no script errors on the page', () => {
  assert.equal(s.errors, []);
});

test.run();
