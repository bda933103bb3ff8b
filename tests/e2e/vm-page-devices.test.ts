// User story: on a shut-off guest's page the admin changes and ejects its CD, adds and removes a disk, takes, reverts
// and deletes a snapshot, is refused a template while a snapshot exists (the server's reason in a toast), then clones
// it, makes a template of it and deletes it — each confirmed where it destroys something, each ending in a toast.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Network } from '../../libvirt/index.ts';
import { buildNetworkXML } from '../../libvirt/xml/index.ts';
import { assertAccessible } from '../helpers/axe.ts';
import { OUTPUT_DIR } from '../helpers/browser.ts';
import { act, setUp, state, toast, type Kit } from './vm-page-kit.ts';

let k: Kit;
let page: Page;
/** An isolated network of our own (no address, no forwarding): never the host's default one. */
let net: Network | undefined;
const row = (dev: string) => page.locator(`[data-testid=vm-storage][data-dev=${dev}]`);

test.before(async () => {
  k = await setUp('dev');
  net = await k.c.networkCreateXML(buildNetworkXML({ name: `${k.dom.name}-net`, forward: 'isolated' }));
  page = (await k.open({ width: 1366, height: 900 })).page;
  await page.goto(k.pageUrl());
  await state(page, 'shutoff');
  await row('hdc').waitFor();
});
test.after(async () => {
  if (net) await k.c.networkDestroy(net).catch((e: unknown) => console.error('network cleanup failed:', e));
  await k?.close();
});

test('CD-ROM: insert an ISO from the pool, then eject it after confirming', async () => {
  await assertAccessible(page, 'the page with its device lists', { include: '[data-testid=vm-page]' });
  await row('hdc').locator('[data-testid=vm-cdrom-change]').click();
  await page.locator('[data-testid=vm-cdrom-dialog]').waitFor();
  // The pool's ISO is suggested.
  await page.waitForFunction((p) => [...document.querySelectorAll('#vm-cdrom-isos option')].some((o) => (o as HTMLOptionElement).value === p), k.iso);
  await assertAccessible(page, 'the CD-ROM medium dialog', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-cdrom-path]').fill(k.iso);
  await page.locator('[data-testid=vm-cdrom-submit]').click();
  await toast(page, 'success', /hdc now holds/);
  await page.locator(`[data-testid=vm-storage][data-dev=hdc][data-path="${k.iso}"]`).waitFor();
  await row('hdc').locator('[data-testid=vm-cdrom-eject]').click();
  const dialog = page.locator('[data-testid=vm-eject-dialog]');
  assert.match(await dialog.innerText(), k.iso, 'the confirmation names the ISO');
  await assertAccessible(page, 'the eject confirmation', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-eject-confirm]').click();
  await toast(page, 'success', /Ejected the medium from hdc/);
  await page.locator('[data-testid=vm-storage][data-dev=hdc][data-path=""]').waitFor();
});

test('a path that is not absolute is caught as it is typed; Escape closes the dialog', async () => {
  await row('hdc').locator('[data-testid=vm-cdrom-change]').click();
  await page.locator('[data-testid=vm-cdrom-path]').fill('install.iso');
  assert.match(await page.locator('[data-testid=vm-cdrom-path-error]').innerText(), /full path/);
  assert.ok(await page.locator('[data-testid=vm-cdrom-submit]').isDisabled(), 'nothing to send yet');
  await page.keyboard.press('Escape');
  // Waited for, not counted at once: under load the close may land a frame after the key.
  await page.locator('[data-testid=vm-cdrom-dialog]').waitFor({ state: 'detached', timeout: 5000 });
  assert.is(await page.locator('[data-testid=vm-cdrom-dialog]').count(), 0, 'Escape closes the dialog');
});

test('add a new 1 GiB disk, then remove it after confirming (its volume stays in the pool)', async () => {
  await page.locator('[data-testid=vm-disk-add]').click();
  await page.locator('[data-testid=vm-disk-dialog]').waitFor();
  await page.locator('[data-testid=vm-disk-pool]').selectOption(k.pool.name);
  await page.locator('[data-testid=vm-disk-size]').fill('1');
  await page.locator('[data-testid=vm-disk-dialog]').screenshot({ path: join(OUTPUT_DIR, 'vm-page-disk-dialog.png') });
  await assertAccessible(page, 'the add-disk dialog', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-disk-submit]').click();
  const text = await toast(page, 'success', /Added disk/);
  const dev = /Added disk (\w+)/.exec(text)![1]!;
  await row(dev).waitFor();
  await row(dev).locator('[data-testid=vm-disk-remove]').click();
  assert.match(await page.locator('[data-testid=vm-disk-remove-dialog]').innerText(), /is not deleted/);
  await assertAccessible(page, 'the remove-disk confirmation', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-disk-remove-confirm]').click();
  await toast(page, 'success', new RegExp(`Removed ${dev}`));
  await row(dev).waitFor({ state: 'detached' });
});

test('add a network interface on an isolated network, then remove it after confirming', async () => {
  await page.locator('[data-testid=vm-nic-add]').click();
  await page.locator('[data-testid=vm-nic-network]').selectOption(net!.name);
  await assertAccessible(page, 'the add-interface dialog', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-nic-submit]').click();
  await toast(page, 'success', new RegExp(`Added an interface on ${net!.name}`));
  const nic = page.locator('[data-testid=vm-iface]');
  await nic.first().waitFor();
  assert.is(await nic.count(), 1);
  await nic.locator('[data-testid=vm-nic-remove]').click();
  assert.match(await page.locator('[data-testid=vm-nic-remove-dialog]').innerText(), new RegExp(net!.name));
  await assertAccessible(page, 'the remove-interface confirmation', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-nic-remove-confirm]').click();
  await toast(page, 'success', /Removed the interface/);
  await nic.first().waitFor({ state: 'detached' });
});

test('a snapshot is taken (Task toast), a template is refused while it exists, then it is reverted to and deleted', async () => {
  await page.locator('[data-testid=vm-snapshot-take]').click();
  await toast(page, 'success', /Snapshot of/, 60_000);
  const snap = page.locator('[data-testid=vm-snapshot]');
  await snap.first().waitFor();
  // Refused: the server will not make a template of a guest with snapshots, and says why.
  await act(page, 'template');
  await page.locator('[data-testid=vm-template-submit]').click();
  const refused = await toast(page, 'error', /Could not make a template/);
  assert.match(refused, /snapshot/i, `the server's reason is shown: ${refused}`);
  await page.screenshot({ path: join(OUTPUT_DIR, 'vm-page-refused.png') });
  await assertAccessible(page, 'the Make template dialog with its refusal', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-template-cancel]').click();
  await snap.locator('[data-testid=vm-snapshot-revert]').click();
  await assertAccessible(page, 'the revert confirmation', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-snapshot-revert-confirm]').click();
  await toast(page, 'success', /reverted to/);
  await snap.locator('[data-testid=vm-snapshot-delete]').click();
  await assertAccessible(page, 'the delete-snapshot confirmation', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-snapshot-delete-confirm]').click();
  await toast(page, 'success', /Deleted the snapshot/);
  await snap.first().waitFor({ state: 'detached' });
});

test('Clone and Make template follow their Task to a success toast', async () => {
  await act(page, 'clone');
  await toast(page, 'success', /Cloning/, 120_000);
  const clones = (await k.c.connectListAllDomains()).filter((d) => d.name.startsWith(`${k.dom.name}-clone`));
  assert.is(clones.length, 1, 'the clone exists');
  await act(page, 'template');
  const name = await page.locator('[data-testid=vm-template-name]').inputValue();
  assert.is(name, `${k.dom.name}-template`, 'a name is proposed');
  await page.locator('[data-testid=vm-template-submit]').click();
  await toast(page, 'success', /Making template/, 120_000);
  const tpl = await fetch(`${k.server.url}/api/templates/${encodeURIComponent(name)}`);
  assert.is(tpl.status, 200, 'the template exists');
});

test('Delete asks first, listing the disks, then the page goes back to the list', async () => {
  await act(page, 'delete');
  const dialog = page.locator('[data-testid=vm-delete-dialog][data-state=ready]');
  await dialog.waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(OUTPUT_DIR, 'vm-page-delete.png') });
  await assertAccessible(page, 'the delete dialog', { include: '[role=dialog]' });
  await page.locator('[data-testid=vm-delete-confirm]').click();
  await toast(page, 'success', /deleted/);
  await page.waitForFunction(() => location.hash.startsWith('#/guests'));
  assert.not.ok((await k.c.connectListAllDomains()).some((d) => d.name === k.dom.name), 'the guest is gone');
});

test('no script errors on the page', () => {
  assert.equal(k.errors, []);
});

test.run();
