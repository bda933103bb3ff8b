// Issue 15 in the browser: a guest from a cloud image with an SSH key in the New guest dialog — real server, qemu:///system,
// Chromium; the key checked as typed, a user-data the server refuses shown translated, the seed and overlay checked in
// libvirt; screenshots on a desktop, a portrait tablet and in pt-BR.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile as execFileCb } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { connect, DomainXMLFlags, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { parseDomainXML, parseMachine, parseXml } from '../../libvirt/xml/index.ts';
import { assertAccessible } from '../helpers/axe.ts';
import { OUTPUT_DIR, UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { createPool, IMAGES, QEMU_URI, sweep, testName } from '../helpers/qemu.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { readIso } from '../cloudinit/kit.ts';

const execFile = promisify(execFileCb);
const PREFIX = 'kimchi-test-cloudinit-e2e-';
const s: { c?: Connection; pool?: StoragePool; image?: string; key?: string; dir?: string; server?: TestServer; browser?: Browser; errors: string[] } = { errors: [] };

test.before(async () => {
  ensureUiBuilt();
  s.c = await connect(QEMU_URI);
  await sweep(s.c, PREFIX);
  s.pool = await createPool(s.c, testName(PREFIX));
  s.image = join(IMAGES, s.pool.name, 'debian-12-genericcloud-amd64.qcow2');
  await execFile('qemu-img', ['create', '-q', '-f', 'qcow2', s.image, '64M']);
  await s.c.storagePoolRefresh(s.pool);
  s.dir = mkdtempSync(join(tmpdir(), 'kimchi-cloud-e2e-'));
  await execFile('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice@laptop', '-f', join(s.dir, 'id')]);
  s.key = readFileSync(join(s.dir, 'id.pub'), 'utf8').trim();
  s.server = await serve(QEMU_URI, { uiDir: UI_DIR });
  s.browser = await launchChromium();
});

test.after(() => cleanUp([
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.stop()],
  ['guests, seeds, overlays, the image and the pool', async () => { if (s.c) { await sweep(s.c, PREFIX); await s.c.close(); } }],
  ['temp dir', () => { if (s.dir) rmSync(s.dir, { recursive: true, force: true }); }],
]));

async function open(locale: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await s.browser!.newContext({ locale, viewport, hasTouch: viewport.width < 1000 });
  const page = await context.newPage();
  page.on('pageerror', (e) => s.errors.push(String(e)));
  await page.goto(`${s.server!.url}/#/guests`);
  await page.locator('[data-testid=guests-page][data-state=ready]').waitFor({ timeout: 15_000 });
  return page;
}

/** New guest → Cloud image → our image, our pool, no network, small sizes. */
async function fillCloudImage(page: Page, name: string): Promise<void> {
  const byId = (id: string) => page.locator(`[data-testid=${id}]`);
  await byId('new-guest').click();
  await byId('vm-create-kind-cloud').click();
  await page.locator(`[data-testid=vm-create-cloud-image] option[value="${s.image}"]`).waitFor({ state: 'attached', timeout: 15_000 });
  await byId('vm-create-cloud-image').selectOption(s.image!);
  await byId('vm-create-name').fill(name);
  await byId('vm-create-pool').selectOption(s.pool!.name);
  await byId('vm-create-network').selectOption('');
  await byId('vm-create-memory').fill('128');
  await byId('vm-create-disk').fill('1');
}

test('create a guest from a cloud image with an SSH key and UEFI in the New guest dialog: overlay + cidata seed, UEFI', async () => {
  const page = await open('en-US', { width: 1366, height: 900 });
  const byId = (id: string) => page.locator(`[data-testid=${id}]`);
  const name = `${PREFIX}web`;
  await fillCloudImage(page, name);
  assert.is(await byId('vm-create-disk').inputValue(), '1');

  // The user and a key are needed; a pasted key that is not one is named before Create is possible.
  assert.ok(await byId('vm-create-submit').isDisabled(), 'no user yet');
  await byId('vm-create-ciUser').fill('alice');
  await byId('vm-create-ciKeys').fill(`${s.key}\nssh-ed25519 not-base64!`);
  assert.match(await byId('vm-create-ciKeys-error').innerText(), /Line 2 is not an SSH public key/);
  assert.ok(await byId('vm-create-submit').isDisabled());
  assert.match(await byId('vm-create-why').innerText(), /^SSH public keys: Line 2/);
  await byId('vm-create-ciKeys').fill(s.key!);
  await byId('vm-create-ciHostname').fill('web1');
  // UEFI (OVMF) needs a little more than the 128 MiB SeaBIOS does. Not started: under this machine's nested KVM an
  // OVMF guest pauses at once (tests/cloudinit/cloud-image.test.ts shows a cloud-init guest running on SeaBIOS).
  await byId('vm-create-memory').fill('256');
  await byId('vm-create-uefi').check();
  await byId('vm-create-start').uncheck();
  assert.not.ok(await byId('vm-create-submit').isDisabled(), 'ready');
  await byId('vm-create-dialog').screenshot({ path: join(OUTPUT_DIR, 'cloud-image-dialog.png') });
  await assertAccessible(page, 'New guest dialog, cloud image', { include: '[data-testid=vm-create-dialog]' });

  await byId('vm-create-submit').click();
  await byId('vm-create-dialog').waitFor({ state: 'detached', timeout: 10_000 });
  await page.locator('[data-testid=vm-page][data-state=shutoff]').waitFor({ timeout: 60_000 });
  assert.is(await page.locator('[data-testid=toast][data-kind=error]').count(), 0, 'no failure reported');

  const c = s.c!;
  const dom = await c.domainLookupByName(name);
  const xml = await c.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE);
  const m = parseDomainXML(xml);
  assert.is(parseMachine(parseXml(xml).root).firmware, 'efi', 'the guest boots UEFI');
  const poolDir = join(IMAGES, s.pool!.name);
  assert.equal(m.devices.disks.map((d) => [d.device, d.source?.file]), [['disk', join(poolDir, `${name}-0.qcow2`)], ['cdrom', join(poolDir, `${name}-cidata.iso`)]]);
  const info = JSON.parse((await execFile('qemu-img', ['info', '--output=json', '-U', join(poolDir, `${name}-0.qcow2`)], { encoding: 'utf8' })).stdout);
  assert.equal([info['virtual-size'], info['backing-filename']], [1024 ** 3, s.image]);
  const iso = await readIso(join(poolDir, `${name}-cidata.iso`), ['user-data'], s.dir!);
  assert.is(iso.label, 'cidata');
  const ud = parse(iso.files['user-data']);
  assert.equal([ud.hostname, ud.users[0].name, ud.users[0].ssh_authorized_keys], ['web1', 'alice', [s.key]]);
  await page.screenshot({ path: join(OUTPUT_DIR, 'cloud-image-guest.png') });
  await page.context().close();
});

test('on a portrait tablet and in pt-BR: the fields fit, and a user-data that is not YAML is refused in Portuguese with nothing made', async () => {
  const tablet = await open('en-US', { width: 768, height: 1024 });
  await fillCloudImage(tablet, `${PREFIX}tablet`);
  await tablet.locator('[data-testid=vm-create-ciUser]').fill('alice');
  await tablet.locator('[data-testid=vm-create-ciPassword]').fill('secret');
  const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.is(overflow, 0, 'no horizontal scrolling at 768 px');
  await tablet.locator('[data-testid=vm-create-dialog]').screenshot({ path: join(OUTPUT_DIR, 'cloud-image-dialog-tablet.png') });
  await assertAccessible(tablet, 'New guest dialog, cloud image (tablet)', { include: '[data-testid=vm-create-dialog]' });
  await tablet.context().close();

  const pt = await open('pt-BR', { width: 1366, height: 900 });
  const name = `${PREFIX}pt`;
  await fillCloudImage(pt, name);
  await pt.locator('[data-testid=vm-create-ciUser]').fill('alice');
  await pt.locator('[data-testid=vm-create-ciKeys]').fill(s.key!);
  await pt.locator('.vm-create__more summary').click();
  await pt.locator('[data-testid=vm-create-ciUserData]').fill('packages: [htop\nruncmd: {');
  await pt.locator('[data-testid=vm-create-start]').uncheck();
  await pt.locator('[data-testid=vm-create-submit]').click();
  const error = pt.locator('[data-testid=vm-create-error]');
  await error.waitFor({ timeout: 10_000 });
  assert.match(await error.innerText(), /^O user-data extra não é YAML válido \(linha 2, coluna 1\)/);
  assert.is(await pt.locator('[data-testid=vm-create-dialog] h2').innerText(), 'Novo convidado');
  await pt.locator('[data-testid=vm-create-dialog]').screenshot({ path: join(OUTPUT_DIR, 'cloud-image-dialog-pt-BR.png') });
  const vols = (await s.c!.storagePoolListAllVolumes(s.pool!)).map((v) => v.name);
  assert.not.ok(vols.some((v) => v.startsWith(name)), 'no overlay or seed left');
  assert.not.ok((await s.c!.connectListAllDomains()).some((d) => d.name === name), 'no guest');
  await pt.context().close();
});

test('a cloud image at a URL on the network: downloaded into the chosen pool from the dialog, then picked', async () => {
  const bytes = readFileSync(s.image!);
  const http = createServer((req, res) => {
    if (req.url === '/images/jammy-server-cloudimg.qcow2') res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  try {
    const page = await open('en-US', { width: 1366, height: 900 });
    const byId = (id: string) => page.locator(`[data-testid=${id}]`);
    await byId('new-guest').click();
    await byId('vm-create-pool').selectOption(s.pool!.name);
    await byId('vm-create-kind-cloud').click();
    const port = (http.address() as AddressInfo).port;
    await byId('vm-create-cloud-url').fill(`http://127.0.0.1:${port}/images/nope.qcow2`);
    await byId('vm-create-cloud-download').click();
    await page.locator('[data-testid=vm-create-cloud-url-state].field__error', { hasText: 'answered 404 Not Found' }).waitFor({ timeout: 10_000 });
    await byId('vm-create-cloud-url').fill(`http://127.0.0.1:${port}/images/jammy-server-cloudimg.qcow2`);
    await byId('vm-create-cloud-download').click();
    const path = join(IMAGES, s.pool!.name, 'jammy-server-cloudimg.qcow2');
    await page.waitForFunction((p) => (document.querySelector('[data-testid=vm-create-cloud-image]') as HTMLSelectElement).value === p, path, { timeout: 30_000 });
    assert.ok(readFileSync(path).equals(bytes), 'the image arrived whole');
    assert.match(await byId('vm-create-name').inputValue(), /^jammy-server-cloudimg-\d+$/, 'the name follows the image');
    await byId('vm-create-dialog').screenshot({ path: join(OUTPUT_DIR, 'cloud-image-url.png') });
    await page.context().close();
  } finally {
    http.close();
  }
});

test('no script errors', () => {
  assert.equal(s.errors, []);
});

test.run();
