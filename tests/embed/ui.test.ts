// The built UI mounted by each embedding example at /virt/ in Chromium, logged in by the host: it lists the guests,
// a guest page's deep link survives a reload, and every request it makes stays under /virt/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { OUTPUT_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { EXAMPLES, ensureLibBuilt, startExample, type Example, type RunningHost } from './host.ts';

const rows = (page: Page) => page.locator('[data-testid=vm-row]');

function uiSuite(example: Example): void {
  const test = suite(`${example.dir} UI`);
  const s: { fx?: Fixture; host?: RunningHost; browser?: Browser; page?: Page; errors: string[]; requests: string[] } = { errors: [], requests: [] };

  test.before(async () => {
    ensureUiBuilt();
    ensureLibBuilt();
    mkdirSync(OUTPUT_DIR, { recursive: true });
    s.fx = writeFixture({ domains: ['web-1', 'db-2'] });
    s.host = await startExample(example, s.fx.uri);
    s.browser = await launchChromium();
    // The host's login, as its own pages would have established it: sent with every request of the page.
    const context = await s.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, extraHTTPHeaders: example.admin });
    s.page = await context.newPage();
    s.page.on('pageerror', (e) => s.errors.push(String(e)));
    s.page.on('request', (r) => s.requests.push(r.url()));
  });
  test.after(() => cleanUp([
    ['browser', () => s.browser?.close()],
    ['host', () => s.host?.stop()],
    ['fixture', () => s.fx?.cleanup()],
  ]));

  test('the UI loads at /virt/ and lists the fixture\'s guests', async () => {
    const page = s.page!;
    await page.goto(`${s.host!.url}/virt/`);
    await rows(page).nth(1).waitFor({ timeout: 30_000 });
    assert.equal((await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-name')))).sort(), ['db-2', 'web-1']);
    await page.screenshot({ path: join(OUTPUT_DIR, `${example.dir}-guests.png`) });
    // The host logged the user in: the header names them, and logging out is the host's business (no button here).
    assert.is(await page.locator('[data-testid=user-name]').innerText(), 'alice');
    assert.is(await page.locator('[data-testid=logout]').count(), 0);
  });

  test('a guest page\'s deep link under /virt/ survives a reload', async () => {
    const page = s.page!;
    const link = `${s.host!.url}/virt/#/vms/web-1`;
    await page.goto(link);
    await page.locator('[data-testid=vm-page]').waitFor({ timeout: 30_000 });
    await page.reload();
    await page.locator('[data-testid=vm-page]').waitFor({ timeout: 30_000 });
    assert.is(page.url(), link);
    assert.is(await page.locator('.vm-page__name').innerText(), 'web-1');
    await page.screenshot({ path: join(OUTPUT_DIR, `${example.dir}-guest-page.png`) });
  });

  test('an address below /virt/ that is no page still gets the app, its assets and its API', async () => {
    const page = s.page!;
    await page.goto(`${s.host!.url}/virt/not/a/page#/guests`);
    await rows(page).nth(1).waitFor({ timeout: 30_000 });
  });

  test('every request of the UI stayed under /virt/, and no script failed', () => {
    const outside = s.requests.filter((u) => u.startsWith(s.host!.url) && !u.startsWith(`${s.host!.url}/virt/`));
    assert.equal(outside, []);
    assert.ok(s.requests.some((u) => u.startsWith(`${s.host!.url}/virt/api/events`)), 'the event stream was opened under /virt/');
    assert.ok(s.requests.some((u) => /\/virt\/assets\/index-[\w-]+\.js$/.test(u)), 'the app script came from /virt/assets/');
    assert.equal(s.errors, []);
  });

  test.run();
}

for (const example of EXAMPLES) uiSuite(example);
