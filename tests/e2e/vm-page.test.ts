// User story on a laptop: the admin opens a running guest's page and sees its screen over VNC, live charts, and takes a snapshot.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { connect, type Connection, type Domain, type StoragePool } from '../../libvirt/index.ts';
import { buildDomainXML, buildStorageVolXML, child, el, updateDomainXML } from '../../libvirt/xml/index.ts';
import { OUTPUT_DIR, ROOT, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { createPool, QEMU_URI, removePool, sweep, testName, tinyVM } from '../helpers/qemu.ts';
import { serve, type TestServer } from '../helpers/server.ts';

const PREFIX = 'kimchi-test-vmpage-';

const s: { c?: Connection; pool?: StoragePool; dom?: Domain; server?: TestServer; browser?: Browser; page?: Page; dirs: string[]; errors: string[] } = {
  dirs: [], errors: [],
};

test.before(async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.c = await connect(QEMU_URI);
  await sweep(s.c, PREFIX);
  s.pool = await createPool(s.c, testName(PREFIX));
  const vol = await s.c.storageVolCreateXML(s.pool, buildStorageVolXML({ name: 'disk.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
  // The tiny guest plus a pty serial console that SeaBIOS also writes to (<bios useserial>).
  const model = tinyVM(testName(PREFIX), s.pool.name, vol.name);
  model.devices.serials = [{ type: 'pty', target: { port: 0 } }];
  model.devices.consoles = [{ type: 'pty', target: { type: 'serial', port: 0 } }];
  const xml = updateDomainXML(buildDomainXML(model), (_m, root) => { child(root, 'os')!.children.push(el('bios', { useserial: 'yes', rebootTimeout: -1 })); });
  s.dom = await s.c.domainCreate(await s.c.domainDefineXML(xml));
  ensureUiBuilt();
  s.server = await serve(QEMU_URI, { uiDir: UI_DIR });
  s.browser = await launchChromium();
  const context = await s.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
  s.page = await context.newPage();
  s.page.on('pageerror', (e) => s.errors.push(String(e)));
});

test.after(() => cleanUp([
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.stop()],
  ['guest and pool', async () => {
    if (!s.c) return;
    await sweep(s.c, PREFIX);
    if (s.pool) await removePool(s.c, s.pool);
    await s.c.close();
  }],
  ['temp dirs', () => { for (const d of s.dirs) rmSync(d, { recursive: true, force: true }); }],
]));

test('the VM page shows the running guest\'s screen through noVNC', async () => {
  const page = s.page!;
  await page.goto(`${s.server!.url}/#/vms/${encodeURIComponent(s.dom!.name)}`);
  await page.locator('[data-testid=vm-page][data-state=running]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid=vm-machine-fact-firmware]').waitFor();
  assert.is(await page.locator('[data-testid=vm-machine-fact-firmware]').innerText(), 'BIOS (SeaBIOS)', 'the guest boots SeaBIOS (no UEFI loader)');
  await page.locator('[data-testid=vnc-console][data-phase=connected]').waitFor({ timeout: 15_000 });
  const canvas = page.locator('[data-testid=vnc-screen] canvas');
  await canvas.waitFor();
  // SeaBIOS draws its banner within a second or two; sample until something other than one flat colour shows.
  let distinct = 0;
  for (let i = 0; i < 40 && distinct < 2; i++) {
    distinct = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || !c.width || !c.height) return 0;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let p = 0; p < d.length && seen.size < 8; p += 4 * 97) seen.add((d[p]! << 16) | (d[p + 1]! << 8) | d[p + 2]!);
      return seen.size;
    });
    if (distinct < 2) await page.waitForTimeout(250);
  }
  await page.locator('[data-testid=vm-section-console]').screenshot({ path: join(OUTPUT_DIR, 'vm-console.png') });
  assert.ok(distinct >= 2, `the console canvas shows more than one colour (saw ${distinct})`);
  const box = await canvas.boundingBox();
  assert.ok(box && box.width > 100 && box.height > 50, `canvas is laid out: ${JSON.stringify(box)}`);
  assert.ok(await page.locator('[data-testid=vnc-ctrl-alt-del]').isEnabled(), 'Ctrl+Alt+Del is available');
});

test('the charts draw samples of the guest', async () => {
  const page = s.page!;
  await page.locator('[data-testid=vm-chart-cpu]').waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=vm-chart-cpu]')?.getAttribute('data-points')) >= 2, null, { timeout: 20_000 });
  // Each series is stroked in its own colour (ui/vm/charts.tsx): find pixels of it, not just the axes.
  const colours: Record<string, [number, number, number]> = { cpu: [0xc0, 0x39, 0x2b], memory: [0x2d, 0x6c, 0xdf], disk: [0x8e, 0x44, 0xad], net: [0x16, 0xa0, 0x85] };
  for (const [key, rgb] of Object.entries(colours)) {
    // The first samples can sit on top of each other (the page's first read and an event-driven re-read within
    // milliseconds): wait, as a user would, until the series shows, up to a few sampling rounds.
    const drawn = await page.waitForFunction(([sel, [r, g, b]]) => {
      const c = document.querySelector<HTMLCanvasElement>(sel);
      const d = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      if (!d) return 0;
      let hits = 0;
      for (let p = 0; p < d.length; p += 4) {
        if (d[p + 3]! > 200 && Math.abs(d[p]! - r) < 40 && Math.abs(d[p + 1]! - g) < 40 && Math.abs(d[p + 2]! - b) < 40) hits++;
      }
      return hits;
    }, [`[data-testid=vm-chart-${key}] canvas`, rgb] as const, { timeout: 20_000 }).then((h) => h.jsonValue()).catch(() => 0);
    assert.ok(drawn > 0, `chart ${key} has its series drawn`);
  }
  await page.screenshot({ path: join(OUTPUT_DIR, 'vm-page.png'), fullPage: true });
  if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(join(OUTPUT_DIR, 'vm-page.png'), join(ROOT, 'docs', 'vm-page.png'));
});

test('a snapshot is taken from the page and listed', async () => {
  const page = s.page!;
  const list = page.locator('[data-testid=vm-snapshots]');
  await list.and(page.locator(':not([data-state=loading])')).waitFor({ timeout: 10_000 });
  assert.is(await list.getAttribute('data-state'), 'ready', 'the snapshot list loaded');
  const before = await page.locator('[data-testid=vm-snapshot]').count();
  await page.locator('[data-testid=vm-snapshot-take]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=vm-snapshot]').length > n, before, { timeout: 60_000 });
  assert.is(await page.locator('[data-testid=vm-snapshot-error]').count(), 0);
  await page.screenshot({ path: join(OUTPUT_DIR, 'vm-snapshots.png'), fullPage: true });
});

test('the serial console shows the firmware after a reset', async () => {
  const page = s.page!;
  await page.locator('[data-testid=vm-console-serial]').click();
  await page.locator('[data-testid=serial-console][data-phase=connected]').waitFor({ timeout: 15_000 });
  // SeaBIOS printed before we attached; a reset makes it print again, now to us.
  const reset = await fetch(`${s.server!.url}/api/vms/${encodeURIComponent(s.dom!.name)}/reset`, { method: 'POST' });
  assert.is(reset.status, 200);
  await page.waitForFunction(() => /SeaBIOS[\s\S]*Machine UUID/.test(document.querySelector('[data-testid=serial-console] .xterm-rows')?.textContent ?? ''), null, { timeout: 20_000 });
  await page.locator('[data-testid=vm-section-console]').screenshot({ path: join(OUTPUT_DIR, 'vm-serial.png') });
  // Disconnect says so and offers to reconnect; reconnecting works.
  const serial = page.locator('[data-testid=serial-console]');
  await page.locator('[data-testid=serial-disconnect]').click();
  await page.locator('[data-testid=serial-console][data-phase=closed]').waitFor({ timeout: 5_000 });
  assert.is(await serial.locator('[role=status]').innerText(), 'Disconnected');
  await page.locator('[data-testid=serial-connect]').click();
  await page.locator('[data-testid=serial-console][data-phase=connected]').waitFor({ timeout: 15_000 });
  assert.is(await serial.locator('[role=status]').innerText(), 'Connected');
});

test('no script errors on the page', () => {
  assert.equal(s.errors, []);
});

test.run();
