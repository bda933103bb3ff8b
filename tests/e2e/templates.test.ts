// User stories in Chromium on a test-driver host: the Templates page's create, clone and delete each report in a toast
// (a refused create and a refused delete too), sizes and counts follow pt-BR, and a 768x1024 tablet needs no sideways scroll.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { assertAccessible } from '../helpers/browser.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { DESKTOP, PORTRAIT, shot, sidewaysScroll, smallTargets } from '../helpers/layout.ts';
import { byId, pageSuite, toast } from '../helpers/page-suite.ts';

const NAME = 'kimchi-t11p-tpl';
const fx = writeFixture();
const card = (page: Page, name: string) => page.locator(`[data-testid=template-card][data-name="${name}"]`);

const { s, open } = pageSuite(fx, '#/templates', (page) => page.locator('[data-testid=templates-page][data-state=ready]').waitFor({ timeout: 15_000 }));

test('create: a refused ISO toasts the server\'s reason and keeps the dialog; a good one toasts and shows its card', async () => {
  const page = await open('en-US', DESKTOP);
  await byId(page, 'new-template').click();
  const dialog = byId(page, 'template-create-dialog');
  await dialog.waitFor();
  await assertAccessible(page, 'New template dialog', { include: '[data-testid=template-create-dialog]' });
  await byId(dialog, 'template-name').fill(NAME);
  await byId(dialog, 'template-memory').fill('1536');
  await byId(dialog, 'template-cdrom').fill('/nonexistent/kimchi-t11p.iso');
  await byId(dialog, 'template-create-submit').click();
  const refused = toast(page, 'error', `Could not create template ${NAME}`);
  await refused.waitFor();
  assert.match(await refused.innerText(), /nonexistent/);
  await byId(dialog, 'template-create-error').waitFor();

  await byId(dialog, 'template-cdrom').fill('');
  await byId(dialog, 'template-create-submit').click();
  await toast(page, 'success', `Template ${NAME} created`).waitFor();
  await dialog.waitFor({ state: 'detached' });
  assert.is(await byId(card(page, NAME), 'template-memory').innerText(), '1.5 GiB');
  assert.is(await byId(page, 'template-count').innerText(), '1 template');
  await page.context().close();
});

test('clone toasts the new name; a delete of what someone else removed is refused in a toast; a real delete toasts', async () => {
  const page = await open('en-US', DESKTOP);
  await byId(card(page, NAME), 'template-clone').click();
  await toast(page, 'success', `Template ${NAME} cloned as ${NAME}-clone1`).waitFor();
  await card(page, `${NAME}-clone1`).waitFor();
  assert.is(await byId(page, 'template-count').innerText(), '2 templates');
  await shot(page, 'templates-desktop');
  await assertAccessible(page, 'Templates page', { include: '[data-testid=templates-page]' });

  assert.is((await fetch(`${s.server!.url}/api/templates/${NAME}-clone1`, { method: 'DELETE' })).status, 204);
  await byId(card(page, `${NAME}-clone1`), 'template-delete').click();
  const dialog = byId(page, 'template-delete-dialog');
  await assertAccessible(page, 'Delete template dialog', { include: '[data-testid=template-delete-dialog]' });
  await byId(dialog, 'template-delete-dialog-confirm').click();
  await toast(page, 'error', `Could not delete template ${NAME}-clone1`).waitFor();
  await byId(dialog, 'template-delete-dialog-cancel').click();

  await byId(card(page, NAME), 'template-clone').click();
  const cloned = toast(page, 'success', new RegExp(`cloned as ${NAME}-clone\\d+`)).last();
  await cloned.waitFor();
  const clone = /cloned as (\S+)/.exec(await cloned.innerText())![1]!;
  await byId(card(page, clone), 'template-delete').click();
  await byId(page, 'template-delete-dialog-confirm').click();
  await toast(page, 'success', `Template ${clone} deleted`).waitFor();
  await card(page, clone).waitFor({ state: 'detached' });
  await page.context().close();
});

test('pt-BR on a 768x1024 tablet: decimal comma, Portuguese plural, nothing scrolls sideways, touch-sized buttons', async () => {
  assert.is((await fetch(`${s.server!.url}/api/templates/${NAME}/clone`, { method: 'POST' })).status, 201);
  const page = await open('pt-BR', PORTRAIT);
  await card(page, NAME).waitFor();
  assert.is(await byId(card(page, NAME), 'template-memory').innerText(), '1,5 GiB');
  assert.match(await byId(page, 'template-count').innerText(), /^\d+ modelos$/);
  await shot(page, 'templates-tablet-pt-BR');
  assert.equal(await sidewaysScroll(page), []);
  assert.equal(await smallTargets(page, '[data-testid=templates-page]'), []);
  await assertAccessible(page, 'Templates page (pt-BR, tablet)', { include: '[data-testid=templates-page]' });
  assert.equal(s.errors, []);
  await page.context().close();
});

test.run();
