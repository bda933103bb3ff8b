// Browser tests: Debian's Chromium driven by playwright-core, and the built UI they load.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { newestMtime } from './build.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const UI_DIR = join(ROOT, 'dist', 'ui');
export const OUTPUT_DIR = join(ROOT, 'tests', 'output');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when dist/ui/index.html is missing or older than a source file under ui/. */
export function uiBuildStale(): boolean {
  const index = join(UI_DIR, 'index.html');
  if (!existsSync(index)) return true;
  return newestMtime(join(ROOT, 'ui')) > statSync(index).mtimeMs;
}

/** Builds the UI (`npm run build`) when dist/ui/index.html is missing or older than the ui/ sources. */
export function ensureUiBuilt(): void {
  if (!uiBuildStale()) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(join(UI_DIR, 'index.html'))) {
    throw new Error(`npm run build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** Headless Chromium with the flags that keep it quiet and offline (works as root with --no-sandbox). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export const TABLET = { width: 820, height: 1180 };

/** Chromium with one touch-enabled tablet-sized page whose script errors land in `errors`. */
export async function openTablet(errors: string[]): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium();
  const context = await browser.newContext({ locale: 'en-US', viewport: TABLET, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  return { browser, context, page };
}

export { assertAccessible } from './axe.ts';
