// Shared scaffolding of the guest-page browser suites: a tiny QEMU guest under a prefix, the real server, Chromium,
// and the few steps every story repeats (run an action from the header, wait for its toast).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connect, type Connection, type Domain, type StoragePool } from '../../libvirt/index.ts';
import { buildDomainXML, buildStorageVolXML } from '../../libvirt/xml/index.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { makeIso } from '../helpers/iso.ts';
import { IMAGES, createPool, QEMU_URI, removePool, sweep, testName, tinyVM } from '../helpers/qemu.ts';
import { serve, type TestServer } from '../helpers/server.ts';

/** Every object these suites make starts with this (sweep() insists on kimchi-test-). */
export const PREFIX = 'kimchi-test-t11v-';
/** The page's testing hook (ui/vm/lifecycle.ts): offer "Power off instead" after 3 s instead of 30 s. */
export const SHUTDOWN_WAIT_MS = 3000;

export interface Kit {
  c: Connection; pool: StoragePool; dom: Domain; iso: string; server: TestServer; browser: Browser; errors: string[];
  open(viewport: { width: number; height: number }, locale?: string, touch?: boolean): Promise<{ context: BrowserContext; page: Page }>;
  pageUrl(query?: string): string;
  close(): Promise<void>;
}

/**
 * A shut-off tiny guest (SeaBIOS only, so it ignores ACPI shutdown as a real hung guest would; no NIC) with an empty
 * IDE CD-ROM drive, an ISO in its pool, the server on qemu:///system and Chromium.
 */
export async function setUp(suffix: string, base: string = PREFIX): Promise<Kit> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const prefix = `${base}${suffix}-`;
  const c = await connect(QEMU_URI);
  const kit: Partial<Kit> = { c, errors: [] };
  const contexts: BrowserContext[] = [];
  kit.close = () => cleanUp([
    ['contexts', async () => { for (const x of contexts) await x.close(); }],
    ['browser', () => kit.browser?.close()],
    ['server', () => kit.server?.stop()],
    ['guests and pool', async () => { await sweep(c, prefix); if (kit.pool) await removePool(c, kit.pool); await c.close(); }],
  ]);
  try {
    await sweep(c, prefix);
    const pool = kit.pool = await createPool(c, testName(prefix));
    const vol = await c.storageVolCreateXML(pool, buildStorageVolXML({ name: 'disk.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
    const iso = await makeIso({ volumeId: 'T11V' });
    kit.iso = join(IMAGES, pool.name, 'install.iso');
    copyFileSync(iso.path, kit.iso);
    await iso.cleanup();
    await c.storagePoolRefresh(pool);
    const model = tinyVM(testName(prefix), pool.name, vol.name);
    model.devices.disks.push({ type: 'file', device: 'cdrom', driver: { name: 'qemu', type: 'raw' }, target: { dev: 'hdc', bus: 'ide' }, readonly: true });
    kit.dom = await c.domainDefineXML(buildDomainXML(model));
    ensureUiBuilt();
    kit.server = await serve(QEMU_URI, { uiDir: UI_DIR });
    kit.browser = await launchChromium();
  } catch (e) {
    await kit.close();
    throw e;
  }
  kit.pageUrl = (query = '') => `${kit.server!.url}/#/vms/${encodeURIComponent(kit.dom!.name)}${query}`;
  kit.open = async (viewport, locale = 'en-US', touch = false) => {
    const context = await kit.browser!.newContext({ locale, viewport, hasTouch: touch });
    contexts.push(context);
    await context.addInitScript((ms) => { (window as unknown as { __kimchiShutdownWaitMs: number }).__kimchiShutdownWaitMs = ms; }, SHUTDOWN_WAIT_MS);
    const page = await context.newPage();
    page.on('pageerror', (e) => kit.errors!.push(String(e)));
    return { context, page };
  };
  return kit as Kit;
}

/** Run a header action: its button when it is one, else through the "More actions" menu. */
export async function act(page: Page, action: string): Promise<void> {
  const button = page.locator(`[data-testid=vm-page-actions] > [data-testid=vm-page-action-${action}]`);
  if (await button.count()) return button.click();
  await page.locator('[data-testid=vm-page-more]').click();
  await page.locator(`[data-testid=vm-page-more-list] [data-testid=vm-page-action-${action}]`).click();
}

/** The toast of `kind` whose text matches, once it shows; returns its text. */
export async function toast(page: Page, kind: 'success' | 'error', text: RegExp, timeout = 30_000): Promise<string> {
  const one = page.locator(`[data-testid=toast][data-kind=${kind}]`).filter({ hasText: text }).last();
  await one.waitFor({ timeout });
  return one.innerText();
}

export const state = (page: Page, s: string, timeout = 20_000) => page.locator(`[data-testid=vm-page][data-state=${s}]`).waitFor({ timeout });
