// User story (issue 14): a second host added through the Hosts page (Test connection first), its guests in the
// All-hosts list beside the local ones, then a guest migrated to it from its page with the progress bar on screen
// (aborted once, then for real). Our own two-libvirtd testbed (tests/helpers/two-hosts.ts), real server, Chromium.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { connect, DomainState, DomainUndefineFlags, type Connection } from '../../libvirt/index.ts';
import { buildDomainXML, buildNetworkXML, buildStoragePoolXML, buildStorageVolXML, type DomainModel } from '../../libvirt/xml/index.ts';
import { assertAccessible } from '../helpers/axe.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { byId } from '../helpers/page-suite.ts';
import { serve, until, type TestServer } from '../helpers/server.ts';
import { twoHosts, type Testbed } from '../helpers/two-hosts.ts';
import { bootSector, readBytes } from '../migrate/bed.ts';

const PREFIX = 'kimchi-test-hostsui-';
const DIR = '/var/tmp/kimchi-test-hostsui';
const POOL = `${PREFIX}shared`;
const MOVER = `${PREFIX}mover`;
const TWIN = `${PREFIX}twin`;
const ON_B = `${PREFIX}on-b`;
const MiB = 1024 * 1024;

const s: { tb?: Testbed; a?: Connection; b?: Connection; server?: TestServer; browser?: Browser; errors: string[] } = { errors: [] };

/** A 64 MiB KVM guest with no NIC; `disk`: a raw disk it boots from. */
function guestXml(name: string, disk?: string): string {
  const model: DomainModel = {
    type: 'kvm', name, memory: 64 * 1024, currentMemory: 64 * 1024, vcpu: 1,
    os: { type: 'hvm', arch: 'x86_64', boot: ['hd'] }, features: ['acpi'], metadata: [],
    devices: {
      disks: disk ? [{ type: 'file', device: 'disk', driver: { name: 'qemu', type: 'raw' }, source: { file: disk }, target: { dev: 'vda', bus: 'virtio' } }] : [],
      interfaces: [], graphics: [], consoles: [], serials: [],
    },
  };
  return buildDomainXML(model);
}

/** Our guests on one host and our volume, gone (the pool and network are transient: they end with the testbed). */
async function sweep(c: Connection): Promise<void> {
  for (const dom of await c.connectListAllDomains()) {
    if (!dom.name.startsWith(PREFIX)) continue;
    await c.domainDestroy(dom).catch(() => undefined);
    await c.domainUndefine(dom, DomainUndefineFlags.NVRAM).catch(() => undefined);
  }
  const pool = await c.storagePoolLookupByName(POOL).catch(() => null);
  if (pool) {
    await c.storagePoolRefresh(pool).catch(() => undefined);
    await c.storageVolLookupByName(pool, `${MOVER}.img`).then((v) => c.storageVolDelete(v)).catch(() => undefined);
  }
}

test.before(async () => {
  ensureUiBuilt();
  s.tb = twoHosts({ prefix: 'ksu', dir: DIR, net: '10.250.15' });
  s.a = await connect(s.tb.aUri);
  s.b = await connect(s.tb.bUri);
  for (const [c, h] of [[s.a, 'a'], [s.b, 'b']] as const) {
    // Each testbed daemon is a host of its own: the server's sanity check wants its default network (an isolated
    // bridge inside the testbed's namespace, no DHCP) and a pool both daemons see at the same path.
    await c.networkLookupByName('default').catch(() => c.networkCreateXML(buildNetworkXML({ name: 'default', forward: 'isolated', bridge: `ksu-${h}-br0` })));
    await c.storagePoolLookupByName(POOL).catch(() => c.storagePoolCreateXML(buildStoragePoolXML({ type: 'dir', name: POOL, targetPath: `${DIR}/shared` })));
    await sweep(c); // what a crashed run left
  }
  // On B, made outside Kimchi: a guest of its own, and one named like a guest of A (shut off, no disk).
  await s.b.domainDefineXML(guestXml(ON_B));
  await s.b.domainDefineXML(guestXml(TWIN));
  await s.a.domainDefineXML(guestXml(TWIN));
  // On A: a running guest whose boot sector rewrites 512 KiB of memory forever (tests/migrate/bed.ts), so a
  // migration capped at 1 MiB/s and 10 ms of pause never converges: its progress bar stays up until aborted.
  const pool = await s.a.storagePoolLookupByName(POOL);
  const vol = await s.a.storageVolCreateXML(pool, buildStorageVolXML({ name: `${MOVER}.img`, capacityBytes: MiB, format: 'raw' }));
  const w = await s.a.storageVolUpload(vol, 0, 512);
  await new Promise<void>((ok, ko) => { w.on('error', ko); w.end(bootSector(), () => ok()); });
  await s.a.domainCreate(await s.a.domainDefineXML(guestXml(MOVER, await s.a.storageVolGetPath(vol))));
  await until(async () => (await readBytes(s.a!, vol, 512, 512)).equals(bootSector()), 60_000, 'the guest to run its boot sector');
  for (const c of [s.a, s.b]) await c.storagePoolRefresh(await c.storagePoolLookupByName(POOL));

  s.server = await serve(s.tb.aUri, { uiDir: UI_DIR });
  s.browser = await launchChromium();
});

test.after(() => cleanUp([
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.stop()],
  ['guests and volume', async () => {
    for (const c of [s.a, s.b]) {
      if (!c) continue;
      await sweep(c);
      await c.close();
    }
  }],
  ['testbed', () => s.tb?.down()],
]));

async function open(locale: string, viewport: { width: number; height: number }, hash = '#/guests'): Promise<Page> {
  const page = await (await s.browser!.newContext({ locale, viewport, hasTouch: viewport.width < 1000 })).newPage();
  page.on('pageerror', (e) => s.errors.push(String(e)));
  await page.goto(`${s.server!.url}/${hash}`);
  await page.locator('[data-testid=shell][data-state=ok]').waitFor({ timeout: 20_000 });
  return page;
}

const shot = (name: string) => join(OUTPUT_DIR, `hosts-${name}.png`);
const row = (page: Page, host: string, name: string) => page.locator(`[data-testid=vm-row][data-host="${host}"][data-name="${name}"]`);

test('a host added on the Hosts page: a wrong URI reports libvirt\'s reason, the right one connects, its guests join All hosts', async () => {
  const page = await open('en-US', { width: 1366, height: 768 }, '#/hosts');
  await page.locator('[data-testid=hosts-page][data-state=ready]').waitFor();
  assert.equal(await page.locator('[data-testid=host-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name'))), ['local']);

  await byId(page, 'add-host').click();
  const dialog = byId(page, 'host-dialog');
  await byId(page, 'host-name').fill('b');
  await byId(page, 'host-uri').fill(`qemu+unix:///system?socket=${DIR}/nowhere/libvirt-sock`);
  await byId(page, 'host-test').click();
  const result = page.locator('[data-testid=host-test-result][data-ok=false]');
  await result.waitFor({ timeout: 20_000 });
  const why = await result.innerText();
  assert.match(why, /^Could not connect: .*\S/, why);
  assert.ok(/ENOENT|No such file|not found|connect/i.test(why), `the transport's or libvirt's reason: ${why}`);

  await byId(page, 'host-uri').fill(s.tb!.bUri);
  await byId(page, 'host-migration-uri').fill(s.tb!.bTcp);
  await byId(page, 'host-description').fill('Testbed host B');
  await byId(page, 'host-test').click();
  await page.locator('[data-testid=host-test-result][data-ok=true]').waitFor({ timeout: 20_000 });
  assert.match(await byId(page, 'host-test-result').innerText(), /^Connected to \S+ \(libvirt \d+\.\d+\.\d+\)\.$/);
  await dialog.screenshot({ path: shot('add-dialog') });
  await assertAccessible(page, 'Add a host dialog', { include: '[data-testid=host-dialog]' });

  await byId(page, 'host-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('[data-testid=host-row][data-name=b][data-state=connected]').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid=host-switch] option[value=b]').waitFor({ state: 'attached' });
  await page.screenshot({ path: shot('page') });
  await assertAccessible(page, 'Hosts page', { include: '[data-testid=hosts-page]' });

  // The default view: every host's guests in one list, each row naming its host; the twins are two rows.
  await byId(page, 'host-switch-select').selectOption('all');
  await byId(page, 'tab-guests').click();
  await page.locator('[data-testid=guests-page][data-state=ready]').waitFor();
  await row(page, 'b', ON_B).waitFor({ timeout: 20_000 });
  await row(page, 'local', MOVER).waitFor();
  assert.is(await row(page, 'b', TWIN).count(), 1, 'B\'s twin');
  assert.is(await row(page, 'local', TWIN).count(), 1, 'A\'s twin');
  assert.is(await row(page, 'b', ON_B).locator('[data-testid=vm-host]').innerText(), 'b', 'the Host column names it');
  await page.screenshot({ path: shot('all-guests') });

  // Choosing one host shows only its guests, and the choice is in the address (reload keeps it).
  await byId(page, 'host-switch-select').selectOption('b');
  await page.waitForFunction(() => new URLSearchParams(location.hash.split('?')[1]).get('host') === 'b');
  await row(page, 'b', ON_B).waitFor();
  await row(page, 'local', MOVER).waitFor({ state: 'detached' });
  assert.is(await page.locator('[data-testid=vm-host]').count(), 0, 'one host: no Host column');
  await page.reload();
  await row(page, 'b', ON_B).waitFor({ timeout: 20_000 });
  assert.is(await byId(page, 'host-switch-select').inputValue(), 'b');
  await page.context().close();
});

test('Migrate…: the destination passes the checks, the progress bar moves, Abort leaves the guest on A; then it moves to B', async () => {
  const page = await open('en-US', { width: 1366, height: 768 }, `#/vms/${MOVER}`);
  await page.locator('[data-testid=vm-page][data-state=running]').waitFor({ timeout: 20_000 });
  await byId(page, 'vm-page-more').click();
  await byId(page, 'vm-page-action-migrate').click();
  const dialog = byId(page, 'migrate-dialog');
  await page.locator('[data-testid=migrate-target][data-host=b]').waitFor({ timeout: 20_000 });
  assert.ok(await page.locator('[data-testid=migrate-target][data-host=b] input').isChecked(), 'the one usable host is chosen');
  // Copying the disk is refused (B already sees that file): B is listed with the server's reason, nothing to pick.
  await byId(page, 'migrate-storage-copy').check();
  const refused = page.locator('[data-testid=migrate-refused-host][data-host=b]');
  await refused.waitFor({ timeout: 20_000 });
  assert.match(await refused.innerText(), /^b — Cannot take it: .*kimchi-test-hostsui-mover\.img/, 'the reason names the disk');
  assert.ok(await byId(page, 'migrate-submit').isDisabled(), 'nowhere to go: Migrate is disabled');
  await byId(page, 'migrate-storage-shared').check();
  await page.locator('[data-testid=migrate-target][data-host=b]').waitFor({ timeout: 20_000 });
  await page.locator('.migrate-advanced summary').click();
  await byId(page, 'migrate-bandwidth').fill('1');
  await byId(page, 'migrate-downtime').fill('10');
  await byId(page, 'migrate-unsafe').check();
  await dialog.screenshot({ path: shot('migrate-dialog') });
  await assertAccessible(page, 'Migrate dialog', { include: '[data-testid=migrate-dialog]' });

  await byId(page, 'migrate-submit').click();
  // The bar shows figures once the memory pass has started (64 MiB counted), and the guest still runs on A.
  await page.locator('[data-testid=migration-progress]:is([data-percent], :not([data-state=running]))').waitFor({ timeout: 60_000 })
    .catch(async (e) => { await dialog.screenshot({ path: shot('debug') }); throw new Error(`${e}\n${await dialog.innerText()}`); });
  const progress = byId(page, 'migration-progress');
  assert.is(await progress.getAttribute('data-state'), 'running', await progress.innerText());
  await page.waitForFunction(() => /of 6\d(\.\d)? MiB sent/.test(document.querySelector('[data-testid=migration-progress-details]')?.textContent ?? ''),
    null, { timeout: 60_000 });
  await dialog.screenshot({ path: shot('migrate-progress') });
  await assertAccessible(page, 'Migration progress', { include: '[data-testid=migrate-dialog]' });
  await byId(page, 'migration-abort').click();
  await page.locator('[data-testid=migration-progress][data-state=cancelled]').waitFor({ timeout: 60_000 });
  assert.match(await byId(page, 'migration-progress-message').innerText(), /still runs on local|still runs/);
  assert.is((await s.a!.domainGetState(await s.a!.domainLookupByName(MOVER))).state, DomainState.RUNNING, 'still running on A');
  await byId(page, 'migrate-close').click();

  // Now for real: no limits; the page follows the guest to B.
  await byId(page, 'vm-page-more').click();
  await byId(page, 'vm-page-action-migrate').click();
  await page.locator('[data-testid=migrate-target][data-host=b]').waitFor({ timeout: 20_000 });
  await page.locator('.migrate-advanced summary').click();
  await byId(page, 'migrate-unsafe').check();
  await byId(page, 'migrate-submit').click();
  await page.waitForFunction(() => new URLSearchParams(location.hash.split('?')[1]).get('host') === 'b', null, { timeout: 90_000 })
    .catch(async (e) => { throw new Error(`${e}\n${await dialog.innerText().catch(() => 'no dialog')}`); });
  await page.locator('[data-testid=vm-page][data-state=running]').waitFor({ timeout: 20_000 });
  assert.is(await byId(page, 'vm-page-host').innerText(), 'on b');
  assert.is((await s.b!.domainGetState(await s.b!.domainLookupByName(MOVER))).state, DomainState.RUNNING, 'running on B');
  assert.is(await s.a!.domainLookupByName(MOVER).then(() => true, () => false), false, 'gone from A');
  await page.screenshot({ path: shot('migrated') });
  await page.context().close();
});

test('a portrait tablet and pt-BR: the Hosts page and the Migrate dialog fit and read in Portuguese', async () => {
  const tablet = await open('en-US', { width: 768, height: 1024 }, '#/hosts');
  await tablet.locator('[data-testid=host-row][data-name=b]').waitFor({ timeout: 20_000 });
  const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.is(overflow, 0, 'no sideways scrolling at 768 px');
  await tablet.screenshot({ path: shot('page-tablet') });
  await tablet.goto(`${s.server!.url}/#/guests`);
  await row(tablet, 'b', ON_B).waitFor({ timeout: 20_000 });
  await tablet.screenshot({ path: shot('all-guests-tablet') });
  await tablet.context().close();

  const pt = await open('pt-BR', { width: 1366, height: 768 }, `#/vms/${MOVER}?host=b`);
  await pt.locator('[data-testid=vm-page][data-state=running]').waitFor({ timeout: 20_000 });
  await byId(pt, 'vm-page-more').click();
  assert.is(await byId(pt, 'vm-page-action-migrate').innerText(), 'Migrar…');
  await byId(pt, 'vm-page-action-migrate').click();
  await pt.locator('[data-testid=migrate-target][data-host=local]').waitFor({ timeout: 20_000 });
  assert.is(await pt.locator('[data-testid=migrate-dialog] h2').innerText(), `Migrar ${MOVER}`);
  await byId(pt, 'migrate-dialog').screenshot({ path: shot('migrate-dialog-pt-BR') });
  await byId(pt, 'migrate-cancel').click();
  await pt.goto(`${s.server!.url}/#/hosts`);
  await pt.locator('[data-testid=host-row][data-name=b]').waitFor({ timeout: 20_000 });
  assert.is(await pt.locator('[data-testid=host-row][data-name=b] [data-testid=host-state]').innerText(), 'Conectado');
  await pt.screenshot({ path: shot('page-pt-BR') });
  await pt.context().close();
});

test('no script errors', () => {
  assert.equal(s.errors, []);
});

test.run();
