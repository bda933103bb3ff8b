// User stories in Chromium on a test-driver host: every Storage page action reports in a toast (pool create, activate,
// refresh, autostart, delete; volume create and delete; a refused volume create and a refused delete), sizes and counts
// follow pt-BR, and the page fits a 768x1024 portrait tablet without sideways scrolling.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../helpers/browser.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { DESKTOP, PORTRAIT, shot, sidewaysScroll, smallTargets } from '../helpers/layout.ts';
import { byId, pageSuite, toast } from '../helpers/page-suite.ts';

const POOL = 'kimchi-t11p-pool';
const VOL = 'kimchi-t11p-disk.qcow2';
const fx = writeFixture();
const poolRow = (page: Page, name: string) => page.locator(`[data-testid=pool-row][data-name="${name}"]`);
const volRow = (page: Page, name: string) => page.locator(`[data-testid=volume-row][data-name="${name}"]`);

const { s, open } = pageSuite(fx, '#/storage', (page) => page.locator('[data-testid=storage-page][data-state=ready]').waitFor({ timeout: 15_000 }));

async function newVolume(page: Page, name: string, size: string): Promise<void> {
  await byId(page, 'new-volume').click();
  const dialog = byId(page, 'volume-create-dialog');
  await dialog.waitFor();
  await byId(dialog, 'volume-name').fill(name);
  await byId(dialog, 'volume-size').fill(size);
  await byId(dialog, 'volume-create-submit').click();
}

test('pool actions toast: create, deactivate, activate, autostart, refresh', async () => {
  const page = await open('en-US', DESKTOP);
  await byId(page, 'new-pool').click();
  const dialog = byId(page, 'pool-create-dialog');
  await dialog.waitFor();
  await assertAccessible(page, 'New pool dialog', { include: '[data-testid=pool-create-dialog]' });
  await byId(dialog, 'pool-name').fill(POOL);
  await byId(dialog, 'pool-path').fill(`/${POOL}`);
  await byId(dialog, 'pool-create-submit').click();
  await toast(page, 'success', `Pool ${POOL} created`).waitFor();
  await page.locator(`[data-testid=pool-row][data-name="${POOL}"][data-state=active]`).waitFor();

  await byId(poolRow(page, POOL), 'pool-deactivate').click();
  await toast(page, 'success', `Pool ${POOL} deactivated`).waitFor();
  await byId(poolRow(page, POOL), 'pool-activate').click();
  await toast(page, 'success', `Pool ${POOL} activated`).waitFor();
  const auto = byId(poolRow(page, POOL), 'pool-autostart');
  const was = await auto.isChecked();
  await auto.click();
  await toast(page, 'success', was ? `Pool ${POOL} no longer starts with the host` : `Pool ${POOL} now starts with the host`).waitFor();
  await byId(poolRow(page, POOL), 'pool-refresh').click();
  await toast(page, 'success', `Pool ${POOL} refreshed: 0 volumes`).waitFor();
  await page.context().close();
});

test('volumes: create toasts its size; a duplicate name is refused in a toast; a delete of a vanished volume is refused; delete toasts', async () => {
  const page = await open('en-US', DESKTOP);
  await byId(poolRow(page, POOL), 'pool-select').click();
  await page.locator(`[data-testid=volume-section][data-pool="${POOL}"][data-state=ready]`).waitFor();
  await newVolume(page, VOL, '1.5');
  await toast(page, 'success', `Volume ${VOL} created (1.5 GiB)`).waitFor();
  await volRow(page, VOL).waitFor();
  await byId(poolRow(page, POOL), 'pool-refresh').click();
  await toast(page, 'success', `Pool ${POOL} refreshed: 1 volume`).waitFor();

  await newVolume(page, VOL, '1');
  await toast(page, 'error', `Could not create volume ${VOL}`).waitFor();
  await byId(page, 'volume-create-error').waitFor();
  await byId(page, 'volume-create-cancel').click();
  await shot(page, 'storage-desktop');
  await assertAccessible(page, 'Storage page', { include: '[data-testid=storage-page]' });

  await newVolume(page, 'kimchi-t11p-gone.qcow2', '1');
  await volRow(page, 'kimchi-t11p-gone.qcow2').waitFor();
  const gone = await fetch(`${s.server!.url}/api/storagepools/${POOL}/storagevolumes/kimchi-t11p-gone.qcow2`, { method: 'DELETE' });
  assert.is(gone.status, 204);
  await byId(volRow(page, 'kimchi-t11p-gone.qcow2'), 'volume-delete').click();
  await assertAccessible(page, 'Delete volume dialog', { include: '[data-testid=volume-delete-dialog]' });
  await byId(page, 'volume-delete-dialog-confirm').click();
  await toast(page, 'error', 'Could not delete volume kimchi-t11p-gone.qcow2').waitFor();
  await byId(page, 'volume-delete-dialog-cancel').click();
  await page.context().close();
});

test('pt-BR on a 768x1024 tablet: decimal comma and plurals, nothing scrolls sideways, touch-sized controls', async () => {
  const page = await open('pt-BR', PORTRAIT);
  await byId(poolRow(page, POOL), 'pool-select').click();
  await volRow(page, VOL).waitFor();
  assert.match(await volRow(page, VOL).innerText(), /1,5 GiB/);
  await byId(poolRow(page, POOL), 'pool-refresh').click();
  await toast(page, 'success', /Pool kimchi-t11p-pool atualizado: \d+ volumes?/).waitFor();
  await shot(page, 'storage-tablet-pt-BR');
  assert.equal(await sidewaysScroll(page), []);
  assert.equal(await smallTargets(page, '[data-testid=storage-page]'), []);
  await assertAccessible(page, 'Storage page (pt-BR, tablet)', { include: '[data-testid=storage-page]' });

  await byId(volRow(page, VOL), 'volume-delete').click();
  await byId(page, 'volume-delete-dialog-confirm').click();
  await toast(page, 'success', `Volume ${VOL} removido`).waitFor();
  await byId(poolRow(page, POOL), 'pool-delete').click();
  await assertAccessible(page, 'Delete pool dialog', { include: '[data-testid=pool-delete-dialog]' });
  await byId(page, 'pool-delete-dialog-confirm').click();
  await toast(page, 'success', `Pool ${POOL} removido`).waitFor();
  await poolRow(page, POOL).waitFor({ state: 'detached' });
  assert.equal(s.errors, []);
  await page.context().close();
});

test.run();
