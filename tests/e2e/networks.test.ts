// User stories in Chromium on a test-driver host with 200 guests on one network: the Networks page shows a guest
// count that expands to the list, every action reports itself in a toast (success and a refusal), pt-BR counts in
// Portuguese, and the page fits a 768x1024 portrait tablet without sideways scrolling.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../helpers/browser.ts';
import { DESKTOP, PORTRAIT, shot, sidewaysScroll, smallTargets } from '../helpers/layout.ts';
import { writePagesFixture } from '../helpers/pages-fixture.ts';
import { pageSuite, toast } from '../helpers/page-suite.ts';

const PREFIX = 'kimchi-t11p-';
const LAB = `${PREFIX}lab`;
const GUESTS = 200;
const fx = writePagesFixture({ network: LAB, guests: GUESTS, prefix: PREFIX });

const row = (page: Page, name: string) => page.locator(`[data-testid=network-row][data-name="${name}"]`);

const { s, open } = pageSuite(fx, '#/network', async (page) => {
  await page.locator('[data-testid=networks-page][data-state=ready]').waitFor({ timeout: 15_000 });
  await row(page, LAB).waitFor();
});

test('a network used by 200 guests shows "200 guests", and the count opens the list of links by keyboard', async () => {
  const page = await open('en-US', DESKTOP);
  const count = row(page, LAB).locator('[data-testid=network-vm-count]');
  assert.is(await count.innerText(), '▸ 200 guests');
  assert.is(await count.getAttribute('aria-expanded'), 'false');
  assert.not.match(await row(page, LAB).innerText(), `${PREFIX}vm-001`, 'no guest names in the row itself');
  assert.is(await row(page, 'default').locator('[data-testid=network-vm-count]').getAttribute('data-count'), '0');
  await shot(page, 'networks-desktop');
  await assertAccessible(page, 'Networks page', { include: '[data-testid=networks-page]' });

  await count.focus();
  await page.keyboard.press('Enter');
  const list = page.locator(`[data-testid=network-vms][data-name="${LAB}"]`);
  await list.waitFor();
  assert.is(await count.getAttribute('aria-expanded'), 'true');
  const links = list.locator('[data-testid=network-vm]');
  assert.is(await links.count(), GUESTS);
  assert.is(await links.first().getAttribute('href'), `#/vms/${PREFIX}vm-001`);
  await shot(page, 'networks-desktop-expanded');
  await assertAccessible(page, 'Networks page with a guest list open', { include: '[data-testid=networks-page]' });
  await page.keyboard.press('Enter');
  await list.waitFor({ state: 'detached' });
  // Each name opens that guest's page.
  await page.keyboard.press('Enter');
  await links.nth(41).click();
  await page.waitForURL(new RegExp(`#/vms/${PREFIX}vm-042$`));
  await page.locator('[data-testid=vm-page]').waitFor();
  await page.context().close();
});

test('actions toast: a refused deactivate gives the server\'s reason; create, activate and delete report success', async () => {
  const page = await open('en-US', DESKTOP);
  // The guests run, so the server refuses to stop their network and says why.
  await row(page, LAB).locator('[data-testid=network-deactivate]').click();
  const refused = toast(page, 'error', `Could not deactivate network ${LAB}`);
  await refused.waitFor();
  assert.match(await refused.innerText(), /KCHNET0008E|running/i);
  assert.is(await row(page, LAB).getAttribute('data-state'), 'active');

  const name = `${PREFIX}new`;
  await page.locator('[data-testid=new-network]').click();
  const dialog = page.locator('[data-testid=network-create-dialog]');
  await dialog.waitFor();
  await assertAccessible(page, 'New network dialog', { include: '[data-testid=network-create-dialog]' });
  await dialog.locator('[data-testid=network-name]').fill(name);
  await dialog.locator('[data-testid=network-create-submit]').click();
  await toast(page, 'success', `Network ${name} created`).waitFor();
  await dialog.waitFor({ state: 'detached' });
  await row(page, name).locator('[data-testid=network-activate]').click();
  await toast(page, 'success', `Network ${name} activated`).waitFor();
  await page.locator(`[data-testid=network-row][data-name="${name}"][data-state=active]`).waitFor();
  const auto = row(page, name).locator('[data-testid=network-autostart-toggle]');
  const was = await auto.isChecked();
  await auto.click();
  await toast(page, 'success', `Network ${name} ${was ? 'no longer starts' : 'now starts'} with the host`).waitFor();
  assert.is(await auto.isChecked(), !was);

  await row(page, name).locator('[data-testid=network-delete]').click();
  const del = page.locator('[data-testid=network-delete-dialog]');
  await del.waitFor();
  await assertAccessible(page, 'Delete network dialog', { include: '[data-testid=network-delete-dialog]' });
  await del.locator('[data-testid=network-delete-confirm]').click();
  await toast(page, 'success', `Network ${name} deleted`).waitFor();
  await row(page, name).waitFor({ state: 'detached' });
  await page.context().close();
});

test('an IPv6-only network is made in the dialog, and a fixed address is kept for a MAC and removed again', async () => {
  const page = await open('en-US', DESKTOP);
  const name = `${PREFIX}v6`;
  await page.locator('[data-testid=new-network]').click();
  const dialog = page.locator('[data-testid=network-create-dialog]');
  await dialog.waitFor();
  await dialog.locator('[data-testid=network-name]').fill(name);
  await dialog.locator('[data-testid=network-connection]').selectOption('isolated');
  await dialog.locator('[data-testid=network-ipv4]').uncheck();
  assert.is(await dialog.locator('[data-testid=network-subnet]').count(), 0, 'no IPv4 fields without IPv4');
  await dialog.locator('[data-testid=network-subnet6]').fill('fd6b:77:1:1::/80');
  await dialog.locator('[data-testid=network-subnet6]').blur();
  await dialog.locator('[data-testid=network-subnet6-error]').waitFor();
  assert.ok(await dialog.locator('[data-testid=network-create-submit]').isDisabled(), 'a /80 cannot be sent');
  await dialog.locator('[data-testid=network-subnet6]').fill('fd6b:77:1:1::/64');
  await shot(page, 'networks-create-ipv6');
  await assertAccessible(page, 'New network dialog, IPv6 only', { include: '[data-testid=network-create-dialog]' });
  await dialog.locator('[data-testid=network-create-submit]').click();
  await toast(page, 'success', `Network ${name} created`).waitFor();
  assert.match(await row(page, name).innerText(), /fd6b:77:1:1::\/64/);
  assert.is(await row(page, name).locator('[data-testid=network-fixed]').count(), 0, 'no IPv4 DHCP, so no fixed addresses');

  await row(page, 'default').locator('[data-testid=network-fixed]').click();
  const fixed = page.locator('[data-testid=network-fixed-dialog]');
  await fixed.locator('[data-testid=network-fixed-empty]').waitFor();
  await fixed.locator('[data-testid=network-fixed-mac]').fill('52:54:00:zz:00:01');
  await fixed.locator('[data-testid=network-fixed-mac-error]').waitFor();
  await fixed.locator('[data-testid=network-fixed-mac]').fill('52:54:00:AA:00:01');
  await fixed.locator('[data-testid=network-fixed-ip]').fill('192.168.122.60');
  await fixed.locator('[data-testid=network-fixed-hostname]').fill('web1');
  await fixed.locator('[data-testid=network-fixed-add]').click();
  await toast(page, 'success', '192.168.122.60 is now kept for 52:54:00:AA:00:01 on default').waitFor();
  const item = fixed.locator('[data-testid=network-fixed-item][data-mac="52:54:00:aa:00:01"]');
  assert.match(await item.innerText(), /192\.168\.122\.60[\s\S]*web1/);
  // The same address for another MAC: the server's reason in a toast, the list unchanged.
  await fixed.locator('[data-testid=network-fixed-mac]').fill('52:54:00:aa:00:02');
  await fixed.locator('[data-testid=network-fixed-ip]').fill('192.168.122.60');
  await fixed.locator('[data-testid=network-fixed-add]').click();
  const refused = toast(page, 'error', 'Could not keep an address for 52:54:00:aa:00:02 on default');
  await refused.waitFor();
  assert.match(await refused.innerText(), /already reserved/);
  await shot(page, 'networks-fixed-addresses');
  await assertAccessible(page, 'Fixed addresses dialog', { include: '[data-testid=network-fixed-dialog]' });
  await item.locator('[data-testid=network-fixed-remove]').click();
  await item.waitFor({ state: 'detached' });
  await fixed.locator('[data-testid=network-fixed-close]').click();
  assert.is(await row(page, 'default').locator('[data-testid=network-fixed]').innerText(), 'Fixed addresses');
  await row(page, name).locator('[data-testid=network-delete]').click();
  await page.locator('[data-testid=network-delete-confirm]').click();
  await row(page, name).waitFor({ state: 'detached' });
  await page.context().close();
});

test('pt-BR on a 768x1024 portrait tablet: counts in Portuguese, nothing scrolls sideways, touch-sized controls', async () => {
  const page = await open('pt-BR', PORTRAIT);
  const count = row(page, LAB).locator('[data-testid=network-vm-count]');
  assert.is(await count.innerText(), '▸ 200 convidados');
  await shot(page, 'networks-tablet-pt-BR');
  assert.equal(await sidewaysScroll(page), []);
  assert.equal(await smallTargets(page, '[data-testid=networks-page]'), []);
  await count.click();
  await page.locator(`[data-testid=network-vms][data-name="${LAB}"]`).waitFor();
  assert.equal(await sidewaysScroll(page), []);
  await shot(page, 'networks-tablet-pt-BR-expanded');
  await assertAccessible(page, 'Networks page (pt-BR, tablet)', { include: '[data-testid=networks-page]' });
  assert.equal(s.errors, []);
  await page.context().close();
});

test.run();
