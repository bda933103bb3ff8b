// npm run screenshots — regenerates the README's pictures: the Guests tab (docs/screenshot.png) and the New guest dialog
// (docs/new-guest.png), from the real server on a test-driver host with a few dozen guests and three real ISOs in
// its pool (made by xorriso, so the dialog shows the OS osinfo-db detects). Not a test: run it after UI changes.
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

  copyFileSync(join(OUTPUT_DIR, 'readme-guests.png'), join(ROOT, 'docs', 'screenshot.png'));
  copyFileSync(join(OUTPUT_DIR, 'readme-new-guest.png'), join(ROOT, 'docs', 'new-guest.png'));
  console.log('wrote docs/screenshot.png and docs/new-guest.png (copies in tests/output/readme-*.png)');
} finally {
  await browser.close().catch(() => {});
  await server?.stop().catch(() => {});
  fx.cleanup();
  await pool.cleanup();
}
