// Findings of the UX review, each as the user meets it: Create in New guest says what is missing (pt-BR, tablet), the
// pt-BR header keeps one row on a laptop, the empty Templates tab names the next step, and a running guest without VNC
// points to a text console — with pt-BR wording that reads naturally.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { writeFixture } from '../helpers/fixture.ts';
import { DESKTOP, PORTRAIT } from '../helpers/layout.ts';
import { byId, pageSuite } from '../helpers/page-suite.ts';

const VM = 'kimchi-test-ux-vm';
const fx = writeFixture({ domains: [VM] });
const { s, open } = pageSuite(fx, '#/guests', (page) => page.locator('[data-testid=guests-page][data-state=ready]').waitFor({ timeout: 15_000 }));

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

test('New guest on a pt-BR tablet: Create on an empty form announces what is missing and moves focus there', async () => {
  const page = await open('pt-BR', PORTRAIT);
  await byId(page, 'new-guest').click();
  await byId(page, 'vm-create-dialog').waitFor();
  assert.is(await byId(page, 'vm-create-kind-upload').innerText(), 'Enviar arquivo', 'upload reads as sending a file');
  const submit = byId(page, 'vm-create-submit');
  assert.is(await submit.getAttribute('aria-disabled'), 'true', 'announced as not ready');
  await submit.tap({ force: true }); // a real tap: Playwright would wait for an aria-disabled button to enable
  const why = page.locator('[data-testid=vm-create-why][role=alert].is-tried');
  await why.waitFor({ timeout: 2_000 });
  assert.is(await why.innerText(), 'Escolha a origem da instalação.');
  assert.ok(await byId(page, 'vm-create-name-error').isVisible(), 'the name says it is missing');
  assert.ok(await page.evaluate(() => document.activeElement?.closest('.vm-create__source') != null), 'focus is on the source');
  // Another source kind, a name typed, Enter: the form is not sent and focus goes to the still-empty host path.
  await byId(page, 'vm-create-kind-path').click();
  await byId(page, 'vm-create-name').fill('ok-name');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'vm-create-path', null, { timeout: 2_000 });
  assert.ok(await byId(page, 'vm-create-dialog').isVisible(), 'nothing was sent');
  await page.context().close();
});

test('pt-BR on a 1366 px laptop: tabs, host picker and Tasks stay on one header row', async () => {
  for (const locale of ['en-US', 'pt-BR']) {
    const page = await open(locale, DESKTOP);
    const nav = await box(page, '.header__nav');
    const tools = await box(page, '.header__tools');
    assert.ok(tools.y < nav.y + nav.height, `${locale}: the tools sit beside the tabs (tools y ${tools.y}, tabs end ${nav.y + nav.height})`);
    await page.context().close();
  }
});

test('an empty Templates tab names the next step, in both locales', async () => {
  for (const [locale, want] of [['en-US', /New template.*New guest/], ['pt-BR', /Novo modelo.*Novo convidado/]] as const) {
    const page = await open(locale, DESKTOP);
    await byId(page, 'tab-templates').click();
    await page.locator('.placeholder__hint').waitFor();
    assert.match(await page.locator('.placeholder__hint').innerText(), want);
    await page.context().close();
  }
});

test('a running guest without VNC points to a text console; its facts read naturally in pt-BR', async () => {
  const page = await open('pt-BR', DESKTOP);
  await page.goto(`${s.server!.url}/#/vms/${VM}`);
  const note = byId(page, 'vm-console-novnc');
  await note.waitFor({ timeout: 15_000 });
  assert.match(await note.innerText(), /desligue-o e adicione uma porta serial/);
  assert.match(await byId(page, 'vm-fact-cpu').innerText(), /^\d+ \(máximo \d+\)$/);
  assert.match(await byId(page, 'vm-fact-memory').innerText(), /^1 GiB \(máximo 1 GiB\)$/);
  // "Nenhuma interface", "nenhuma pasta", "nenhum snapshot": the empty word agrees with the section's noun.
  assert.is(await byId(page, 'vm-ifaces').locator('tbody td').first().innerText(), 'Nenhuma');
  assert.is(await byId(page, 'vm-folders').locator('tbody td').first().innerText(), 'Nenhuma');
  await page.context().close();
});

test('no page errors', () => {
  assert.equal(s.errors, []);
});

test.run();
