// User stories in Chromium: the Host tab's charts fill from history and keep moving with `host` events; in global error
// mode the banner's "Generate debug report" downloads a .tar.gz.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { serve } from '../helpers/server.ts';


const chartState = (page: import('playwright-core').Page, id: string) => page.locator(`[data-testid=${id}]`)
  .evaluate((el) => ({ points: Number((el as HTMLElement).dataset.points), last: Number((el as HTMLElement).dataset.last) }));

test('the Host tab shows system facts and four charts that gain points as host samples arrive', async () => {
  ensureUiBuilt();
  const fx = writeFixture();
  const s = await serve(fx.uri, { uiDir: UI_DIR });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(s.url, { waitUntil: 'domcontentloaded' });
    await page.locator('[data-testid=tab-host]').click();
    await page.locator('[data-testid=host-info]').waitFor();
    assert.match(await page.locator('[data-testid=host-libvirt]').innerText(), /^\d+\.\d+\.\d+$/);
    for (const id of ['chart-cpu', 'chart-memory', 'chart-disk', 'chart-net']) await page.locator(`[data-testid=${id}] canvas`).first().waitFor();
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=chart-cpu]') as HTMLElement)?.dataset.points) >= 2, null, { timeout: 15_000 });
    const before = await chartState(page, 'chart-cpu');
    await page.waitForFunction((last) => Number((document.querySelector('[data-testid=chart-cpu]') as HTMLElement).dataset.last) > last, before.last, { timeout: 15_000 });
    const after = await chartState(page, 'chart-cpu');
    assert.ok(after.points > before.points, `${before.points} → ${after.points}`);
    assert.ok((await chartState(page, 'chart-net')).points === after.points);
  } finally { await browser.close(); await s.stop(); fx.cleanup(); }
});

test('in global error mode the banner generates a debug report and the browser downloads the .tar.gz', async () => {
  ensureUiBuilt();
  const fx = writeFixture();
  const s = await serve(`${fx.uri}?socket=/nonexistent/kimchi-e2e-${process.pid}.sock`, { uiDir: UI_DIR });
  const browser = await launchChromium();
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-e2e-dr-'));
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(s.url, { waitUntil: 'domcontentloaded' });
    await page.locator('[data-testid=error-banner]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('[data-testid=debug-report]').click()]);
    assert.match(download.suggestedFilename(), /^report-\d{8}-\d{6}.*\.tar\.gz$/);
    const file = join(dir, 'r.tar.gz');
    await download.saveAs(file);
    const listing = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).split('\n');
    assert.ok(listing.includes('kimchi-debugreport/manifest.json'), listing.join(' '));
    assert.ok(listing.includes('kimchi-debugreport/sanity.json'));
  } finally { await browser.close(); await s.stop(); fx.cleanup(); rmSync(dir, { recursive: true, force: true }); }
});


test.run();
