// One browser suite on one page of the UI: the real server on a test-driver fixture, one Chromium, pages opened at an
// address in a locale and viewport (touch below 1000 px) and made ready, and everything closed after the suite.
import { test } from 'uvu';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { UI_DIR, ensureUiBuilt, launchChromium } from './browser.ts';
import { cleanUp } from './cleanup.ts';
import { serve, type TestServer } from './server.ts';

export const byId = (scope: Page | Locator, id: string) => scope.locator(`[data-testid=${id}]`);
export const toast = (page: Page, kind: string, text: string | RegExp) =>
  page.locator(`[data-testid=toast][data-kind=${kind}]`).filter({ hasText: text });

export interface PageSuite {
  /** The running server, the browser, and every uncaught page error seen (a suite ends by asserting none). */
  s: { server?: TestServer; browser?: Browser; errors: string[] };
  open: (locale: string, viewport: { width: number; height: number }) => Promise<Page>;
}

/** Registers the suite's before/after hooks; `ready` waits until the page at `hash` has loaded what the tests need. */
export function pageSuite(
  fx: { uri: string; cleanup(): void }, hash: string, ready: (page: Page) => Promise<unknown>, context: BrowserContextOptions = {},
): PageSuite {
  const s: PageSuite['s'] = { errors: [] };
  test.before(async () => {
    ensureUiBuilt();
    s.server = await serve(fx.uri, { uiDir: UI_DIR });
    s.browser = await launchChromium();
  });
  test.after(() => cleanUp([
    ['browser', () => s.browser?.close()],
    ['server', () => s.server?.stop()],
    ['fixture', () => fx.cleanup()],
  ]));
  async function open(locale: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await s.browser!.newContext({ locale, viewport, hasTouch: viewport.width < 1000, ...context })).newPage();
    page.on('pageerror', (e) => s.errors.push(String(e)));
    await page.goto(`${s.server!.url}/${hash}`);
    await ready(page);
    return page;
  }
  return { s, open };
}
