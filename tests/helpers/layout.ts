// Layout checks for browser tests: what scrolls sideways (the page, or a box inside it), touch target sizes, screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { OUTPUT_DIR } from './browser.ts';

export const DESKTOP = { width: 1366, height: 768 };
export const PORTRAIT = { width: 768, height: 1024 };

/**
 * Everything that scrolls sideways now: the page itself, and any element inside `root` whose content is wider than
 * its box while it lets it scroll or spill (a table frame with overflow-x: auto counts: the user still scrolls it).
 */
export function sidewaysScroll(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>(`${sel} *`)) {
      const style = getComputedStyle(el);
      if (!['auto', 'scroll'].includes(style.overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  }, root);
}

/** Visible buttons, links styled as buttons, checkboxes' labels and selects inside `root` smaller than 44 px high. */
export function smallTargets(page: Page, root: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(`${sel} button, ${sel} a.button, ${sel} select, ${sel} input:not([type=checkbox]):not([type=file])`)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.height < 43.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return out;
  }, root);
}

/** A full-page PNG in tests/output/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), animations: 'disabled', fullPage: true });
}
