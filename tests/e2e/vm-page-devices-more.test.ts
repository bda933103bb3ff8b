// User story (issue 15): on a shut-off guest's page the admin shares a host folder, adds a disk and grows it, adds a NIC
// on a network with a MAC of their choice and pulls its cable out and back in, then removes the folder and the disk with
// its volume, and on the running guest pulls the cable live and is told why folders and volumes wait — each dialog checked
// with axe, each change ending in a toast, screenshots on desktop, tablet and pt-BR.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Network } from '../../libvirt/index.ts';
import { buildNetworkXML } from '../../libvirt/xml/index.ts';
import { assertAccessible } from '../helpers/axe.ts';
import { DESKTOP, PORTRAIT, shot } from '../helpers/layout.ts';
import { IMAGES } from '../helpers/qemu.ts';
import { act, setUp, state, toast, type Kit } from './vm-page-kit.ts';

let k: Kit;
let page: Page;
/** An isolated network of our own (no address, no forwarding): never the host's default one. */
let net: Network | undefined;
let shareDir = '';
let added = '';
const MAC = '52:54:00:de:15:01';
const disk = (dev: string) => page.locator(`[data-testid=vm-storage][data-dev=${dev}]`);
const nic = () => page.locator(`[data-testid=vm-iface][data-mac="${MAC}"]`);

test.before(async () => {
  k = await setUp('more', 'kimchi-test-devui-');
  net = await k.c.networkCreateXML(buildNetworkXML({ name: `${k.dom.name}-net`, forward: 'isolated' }));
  shareDir = join(IMAGES, k.pool.name, 'share');
  mkdirSync(shareDir);
  page = (await k.open(DESKTOP)).page;
  await page.goto(k.pageUrl());
  await state(page, 'shutoff');
  await disk('hdc').waitFor();
});
test.after(async () => {
  if (net) await k.c.networkDestroy(net).catch((e: unknown) => console.error('network cleanup failed:', e));
  await k?.close(); // the pool and the share directory inside it go with it
});

test('share a host folder: the tag is proposed from the directory name, the row shows it', async () => {
  await page.locator('[data-testid=vm-folder-add]').click();
  await page.locator('[data-testid=vm-folder-dialog]').waitFor();
  await page.locator('[data-testid=vm-folder-source]').fill('share');
  assert.match(await page.locator('[data-testid=vm-folder-source-error]').innerText(), /full path/);
  assert.ok(await page.locator('[data-testid=vm-folder-submit]').isDisabled(), 'a relative path is not sent');
  await page.locator('[data-testid=vm-folder-source]').fill(shareDir);
  assert.is(await page.locator('[data-testid=vm-folder-tag]').inputValue(), 'share', 'the tag follows the directory');
  // Read-only stays off: this host's libvirt refuses read-only virtiofs (its reason would show in the dialog).
  await assertAccessible(page, 'the share-folder dialog', { include: '[role=dialog]' });
  await shot(page, 'vm-devices-folder-dialog');
  await page.locator('[data-testid=vm-folder-submit]').click();
  await toast(page, 'success', /Shared .* as share/);
  const row = page.locator('[data-testid=vm-folder][data-tag=share]');
  await row.waitFor();
  assert.match(await row.innerText(), /Read and write/);
  assert.match(await row.innerText(), new RegExp(shareDir));
});

test('add a 1 GiB disk, then grow it to 2 GiB (a smaller size is refused as typed)', async () => {
  await page.locator('[data-testid=vm-disk-add]').click();
  await page.locator('[data-testid=vm-disk-pool]').selectOption(k.pool.name);
  await page.locator('[data-testid=vm-disk-size]').fill('1');
  await page.locator('[data-testid=vm-disk-submit]').click();
  added = /Added disk (\w+)/.exec(await toast(page, 'success', /Added disk/))![1]!;
  await disk(added).waitFor();
  await disk(added).locator('[data-testid=vm-disk-grow]').click();
  await page.locator('[data-testid=vm-grow-dialog]').waitFor();
  // The current size is read from the pool and the next whole GiB proposed.
  await page.waitForFunction(() => (document.querySelector('[data-testid=vm-grow-size]') as HTMLInputElement | null)?.value === '2');
  assert.match(await page.locator('[data-testid=vm-grow-dialog]').innerText(), /Now 1(\.0)? GiB/);
  await page.locator('[data-testid=vm-grow-size]').fill('1');
  assert.match(await page.locator('[data-testid=vm-grow-size-error]').innerText(), /larger than now/);
  assert.ok(await page.locator('[data-testid=vm-grow-submit]').isDisabled(), 'not larger: not sent');
  await page.locator('[data-testid=vm-grow-size]').fill('2');
  await assertAccessible(page, 'the grow-disk dialog', { include: '[role=dialog]' });
  await shot(page, 'vm-devices-grow-dialog');
  await page.locator('[data-testid=vm-grow-submit]').click();
  await toast(page, 'success', new RegExp(`${added} of .* is now 2 GiB`));
  const path = await disk(added).getAttribute('data-path');
  const vol = (await k.c.storagePoolListAllVolumes(k.pool)).find((v) => v.key === path);
  assert.ok(vol, 'the new volume is in the pool');
  assert.is((await k.c.storageVolGetInfo(vol!)).capacity, 2 * 2 ** 30, 'the volume is 2 GiB now');
});

test('add a NIC on the isolated network with a chosen MAC, unplug it and plug it back in', async () => {
  await page.locator('[data-testid=vm-nic-add]').click();
  await page.locator('[data-testid=vm-nic-dialog]').waitFor();
  // The host-NIC choice shows its macvtap mode; axe checks that variant too.
  await page.locator('[data-testid=vm-nic-type-direct]').check();
  await page.locator('[data-testid=vm-nic-mode]').waitFor();
  await assertAccessible(page, 'the add-interface dialog (host NIC)', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-nic-type-network]').check();
  await page.locator('[data-testid=vm-nic-network]').selectOption(net!.name);
  await page.locator('[data-testid=vm-nic-mac]').fill('53:54:00:00:00:01');
  assert.match(await page.locator('[data-testid=vm-nic-mac-error]').innerText(), /unicast/);
  await page.locator('[data-testid=vm-nic-mac]').fill(MAC);
  await assertAccessible(page, 'the add-interface dialog (network)', { include: '[role=dialog]' });
  await shot(page, 'vm-devices-nic-dialog');
  await page.locator('[data-testid=vm-nic-submit]').click();
  await toast(page, 'success', new RegExp(`Added an interface on ${net!.name}`));
  await page.locator(`[data-testid=vm-iface][data-mac="${MAC}"][data-link=up]`).waitFor();
  await nic().locator('[data-testid=vm-nic-link]').click();
  await toast(page, 'success', new RegExp(`Unplugged ${MAC}`));
  await page.locator(`[data-testid=vm-iface][data-mac="${MAC}"][data-link=down]`).waitFor();
  assert.match(await nic().locator('[data-testid=vm-iface-link]').innerText(), /unplugged/);
  await nic().locator('[data-testid=vm-nic-link]').click();
  await toast(page, 'success', new RegExp(`Plugged ${MAC} back in`));
  await page.locator(`[data-testid=vm-iface][data-mac="${MAC}"][data-link=up]`).waitFor();
  assert.is(await nic().locator('[data-testid=vm-iface-link]').count(), 0, 'no "unplugged" badge once plugged in');
});

test('screenshots: desktop, tablet portrait and pt-BR with the new devices', async () => {
  await assertAccessible(page, 'the page with its shared folder, disk and NIC', { include: '[data-testid=vm-page]' });
  await shot(page, 'vm-devices-desktop');
  for (const [view, locale, name] of [[PORTRAIT, 'en-US', 'vm-devices-portrait'], [DESKTOP, 'pt-BR', 'vm-devices-pt-BR']] as const) {
    const other = (await k.open(view, locale)).page;
    await other.goto(k.pageUrl());
    await state(other, 'shutoff');
    await other.locator('[data-testid=vm-folder][data-tag=share]').waitFor();
    await other.locator(`[data-testid=vm-iface][data-mac="${MAC}"]`).waitFor();
    await shot(other, name);
    await other.close();
  }
});

test('remove the folder, then the disk with its volume (confirmed)', async () => {
  await page.locator('[data-testid=vm-folder][data-tag=share] [data-testid=vm-folder-remove]').click();
  assert.match(await page.locator('[data-testid=vm-folder-remove-dialog]').innerText(), /stay on the host/);
  await assertAccessible(page, 'the remove-folder confirmation', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-folder-remove-confirm]').click();
  await toast(page, 'success', /Stopped sharing share/);
  await page.locator('[data-testid=vm-folder]').first().waitFor({ state: 'detached' });
  const path = await disk(added).getAttribute('data-path');
  await disk(added).locator('[data-testid=vm-disk-remove]').click();
  const box = page.locator('[data-testid=vm-disk-delete-volume]');
  assert.ok(await box.isEnabled(), 'the guest is shut off: the volume may go too');
  await box.check();
  assert.match(await page.locator('[data-testid=vm-disk-remove-dialog]').innerText(), /deleted for good/);
  await assertAccessible(page, 'the remove-disk confirmation with Also delete the volume', { include: '[role=dialog]' });
  await shot(page, 'vm-devices-remove-disk');
  await page.locator('[data-testid=vm-disk-remove-confirm]').click();
  await toast(page, 'success', new RegExp(`Removed ${added} .* deleted its volume`));
  await disk(added).waitFor({ state: 'detached' });
  await k.c.storagePoolRefresh(k.pool);
  const keys = (await k.c.storagePoolListAllVolumes(k.pool)).map((v) => v.key);
  assert.ok(keys.includes(join(IMAGES, k.pool.name, 'disk.qcow2')), 'the guest\'s own disk is still listed');
  assert.not.ok(keys.includes(path!), 'the removed disk\'s volume is gone from the pool');
});

test('on the running guest: the link toggles live; folders and deleting a volume wait for shut-off, and say so', async () => {
  await act(page, 'start');
  await state(page, 'running', 60_000);
  await nic().locator('[data-testid=vm-nic-link]').click();
  await toast(page, 'success', new RegExp(`Unplugged ${MAC}`));
  await page.locator(`[data-testid=vm-iface][data-mac="${MAC}"][data-link=down]`).waitFor();
  assert.match(await page.locator('[data-testid=vm-folders-running]').innerText(), /only while the guest is shut off/);
  assert.ok(await page.locator('[data-testid=vm-folder-add]').isDisabled(), 'no Add folder on a running guest');
  await disk('vda').locator('[data-testid=vm-disk-remove]').click();
  const dialog = page.locator('[data-testid=vm-disk-remove-dialog]');
  assert.ok(await dialog.locator('[data-testid=vm-disk-delete-volume]').isDisabled(), 'the volume stays while it runs');
  assert.match(await dialog.innerText(), /only be deleted while the guest is shut off/);
  await assertAccessible(page, 'the remove-disk confirmation on a running guest', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-disk-remove-cancel]').click();
  await dialog.waitFor({ state: 'detached' });
});

test('no script errors on the page', () => {
  assert.equal(k.errors, []);
});

test.run();
