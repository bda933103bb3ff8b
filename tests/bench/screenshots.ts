// npm run screenshots — regenerates the README's pictures: the Guests tab (docs/screenshot.png) and the New guest dialog
// (docs/new-guest.png), from the real server on a test-driver host with a few dozen guests and three real ISOs in
// its pool (made by xorriso, so the dialog shows the OS osinfo-db detects). Not a test: run it after UI changes.
// It also writes the review set tests/output/ux-*.png: every tab, the New guest dialog before and after a Create with
// nothing chosen, and a guest's page — at 1366×768 in en-US, 768×1024 (portrait tablet) and in pt-BR — plus the Guests
// tab with 1000 guests, so a UX review can look at each screen a user sees.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_DIR, ROOT, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { makeIso, tempDir } from '../helpers/iso.ts';
import { serve } from '../helpers/server.ts';

const GUESTS = [
  'web-frontend-01', 'web-frontend-02', 'web-frontend-03', 'api-gateway', 'postgres-primary', 'postgres-replica',
  'redis-cache', 'build-runner-01', 'build-runner-02', 'grafana', 'prometheus', 'mail-relay', 'ldap-directory',
  'backup-vault', 'windows-2022-ad', 'fedora-workstation', 'debian-12-template-test', 'kafka-broker-1', 'kafka-broker-2',
  'minio-storage', 'vpn-gateway', 'dns-resolver', 'ci-cache', 'staging-app-with-a-rather-long-name-for-the-table',
];
const ISOS = [
  { file: 'Fedora-Workstation-Live-x86_64-37-1.7.iso', volumeId: 'Fedora-WS-Live-37-1-7' },
  { file: 'debian-12.5.0-amd64-netinst.iso', volumeId: 'Debian 12.5.0 amd64 n' },
  { file: 'ubuntu-22.04.4-live-server-amd64.iso', volumeId: 'Ubuntu-Server 22.04.4 LTS amd64' },
];

ensureUiBuilt();
mkdirSync(OUTPUT_DIR, { recursive: true });
const pool = await tempDir('kimchi-shots-pool-');
const fx = writeFixture({ domains: GUESTS });
const browser = await launchChromium();
let server: Awaited<ReturnType<typeof serve>> | undefined;
try {
  // The fixture's default pool points at a real folder holding real ISOs, listed as its volumes.
  const volumes: string[] = [];
  for (const iso of ISOS) {
    const made = await makeIso({ volumeId: iso.volumeId });
    copyFileSync(made.path, join(pool.dir, iso.file));
    await made.cleanup();
    volumes.push(`<volume><name>${iso.file}</name><capacity unit='bytes'>${readFileSync(join(pool.dir, iso.file)).length}</capacity>`
      + `<target><path>${join(pool.dir, iso.file)}</path><format type='iso'/></target></volume>`);
  }
  const xml = readFileSync(fx.path, 'utf8').replace('<path>/default-pool</path>', `<path>${pool.dir}</path>`)
    .replace(/<\/pool>/, `${volumes.join('')}</pool>`);
  writeFileSync(fx.path, xml);
  server = await serve(fx.uri, { uiDir: UI_DIR });
  const api = (method: string, path: string) => fetch(`${server!.url}/api${path}`, { method, headers: { 'X-Requested-With': 'shots' } });
  // A realistic mix of states.
  for (const name of ['build-runner-02', 'backup-vault', 'windows-2022-ad', 'debian-12-template-test', 'ci-cache', 'kafka-broker-2']) {
    await api('POST', `/vms/${name}/poweroff`);
  }
  await api('POST', '/vms/staging-app-with-a-rather-long-name-for-the-table/suspend');

  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/#/guests`);
  await page.locator('[data-testid=guests-page][data-state=ready]').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid=vm-row], [data-testid=vm-card]').first().waitFor();
  await page.waitForTimeout(1500); // a stats sample or two
  await page.screenshot({ path: join(OUTPUT_DIR, 'readme-guests.png'), animations: 'disabled' });

  await page.locator('[data-testid=new-guest]').click();
  await page.locator('[data-testid=vm-create-dialog]').waitFor();
  await page.locator('[data-testid=iso-option]').first().waitFor({ timeout: 20_000 }).catch(() => {});
  const fedora = page.locator('[data-testid=iso-option]', { hasText: 'Fedora' }).first();
  if (await fedora.count()) await fedora.click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(OUTPUT_DIR, 'readme-new-guest.png'), animations: 'disabled' });
  await context.close();

  // The review set: each view in each of the three ways users meet it.
  const views: Array<{ tag: string; locale: string; width: number; height: number }> = [
    { tag: 'desktop', locale: 'en-US', width: 1366, height: 768 },
    { tag: 'tablet', locale: 'en-US', width: 768, height: 1024 },
    { tag: 'ptbr', locale: 'pt-BR', width: 1366, height: 768 },
  ];
  for (const v of views) {
    const ctx = await browser.newContext({ locale: v.locale, viewport: { width: v.width, height: v.height } });
    const p = await ctx.newPage();
    const shot = async (what: string) => { await p.waitForTimeout(700); await p.screenshot({ path: join(OUTPUT_DIR, `ux-${v.tag}-${what}.png`), animations: 'disabled' }); };
    for (const tab of ['guests', 'templates', 'storage', 'network', 'host', 'hosts']) {
      await p.goto(`${server.url}/#/${tab}`);
      await p.locator('[role=tabpanel]:not([hidden])').first().waitFor({ timeout: 20_000 }).catch(() => {});
      await shot(tab);
    }
    await p.goto(`${server.url}/#/guests`);
    await p.locator('[data-testid=new-guest]').click();
    await p.locator('[data-testid=vm-create-dialog]').waitFor();
    await shot('new-guest-empty');
    await p.locator('[data-testid=vm-create-submit]').click({ force: true });
    await shot('new-guest-create-clicked');
    await p.locator('[data-testid=iso-option]').first().click();
    await p.locator('[data-testid=vm-create-dialog] .dialog__body').evaluate((el) => { el.scrollTop = 10_000; });
    await shot('new-guest-bottom');
    await p.keyboard.press('Escape');
    // Each other create dialog, and the task drawer.
    for (const [tab, button] of [['templates', 'new-template'], ['storage', 'new-pool'], ['network', 'new-network'], ['hosts', 'add-host']]) {
      await p.goto(`${server.url}/#/${tab}`);
      await p.locator(`[data-testid=${button}]`).click({ timeout: 20_000 }).catch(() => {});
      await shot(`${button}-dialog`);
      await p.keyboard.press('Escape');
    }
    await p.locator('[data-testid=task-drawer-toggle]').click();
    await shot('tasks');
    await p.keyboard.press('Escape');
    await p.goto(`${server.url}/#/vms/grafana`);
    await p.locator('[data-testid=vm-page]').waitFor({ timeout: 20_000 }).catch(() => {});
    await p.waitForTimeout(700);
    await p.screenshot({ path: join(OUTPUT_DIR, `ux-${v.tag}-guest-page.png`), animations: 'disabled', fullPage: true });
    await ctx.close();
  }

  copyFileSync(join(OUTPUT_DIR, 'readme-guests.png'), join(ROOT, 'docs', 'screenshot.png'));
  copyFileSync(join(OUTPUT_DIR, 'readme-new-guest.png'), join(ROOT, 'docs', 'new-guest.png'));
  console.log('wrote docs/screenshot.png and docs/new-guest.png (copies in tests/output/readme-*.png)');

  // 1000 guests, on a laptop and a portrait tablet.
  const many = writeFixture({ domains: 1000 });
  const big = await serve(many.uri, { uiDir: UI_DIR });
  try {
    for (const v of [{ tag: 'desktop', width: 1366, height: 768 }, { tag: 'tablet', width: 768, height: 1024 }]) {
      const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: v.width, height: v.height } });
      const p = await ctx.newPage();
      await p.goto(`${big.url}/#/guests`);
      await p.locator('[data-testid=guests-page][data-state=ready]').waitFor({ timeout: 60_000 });
      await p.waitForTimeout(1500);
      await p.screenshot({ path: join(OUTPUT_DIR, `ux-1000-${v.tag}-guests.png`), animations: 'disabled' });
      await ctx.close();
    }
  } finally {
    await big.stop().catch(() => {});
    many.cleanup();
  }
  console.log('wrote the review set tests/output/ux-*.png');
} finally {
  await browser.close().catch(() => {});
  await server?.stop().catch(() => {});
  fx.cleanup();
  await pool.cleanup();
}
