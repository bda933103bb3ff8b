// User story: the admin opens Kimchi while libvirtd is unreachable, reads why (in their language), asks for a
// debug report, brings libvirtd back and presses Retry — the banner goes away and the shell becomes usable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_SOCKET, LibvirtClient } from '../../libvirt/index.ts';
import { startServer, type RunningServer } from '../../runtime/server.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { OUTPUT_DIR, UI_DIR, assertAccessible, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';

const VIEWPORT = { width: 1280, height: 800 };
const SETTLED = '[data-testid=shell][data-state=ok], [data-testid=shell][data-state=error]';
const TABS = ['guests', 'templates', 'storage', 'network', 'host'];

/** A unix socket at `path` that pipes every connection to libvirtd's own socket: "libvirtd is back". */
class Relay {
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  constructor(readonly path: string, private readonly target = DEFAULT_SOCKET) {}

  listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

const s: {
  fixture?: Fixture;
  dirs: string[];
  server?: RunningServer;
  relay?: Relay;
  browser?: Browser;
  contexts: BrowserContext[];
  page?: Page;
  socketPath: string;
} = { dirs: [], contexts: [], socketPath: '' };

async function openShell(locale: string): Promise<Page> {
  const context = await s.browser!.newContext({ locale, viewport: VIEWPORT });
  s.contexts.push(context);
  const page = await context.newPage();
  await page.goto(s.server!.url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(SETTLED, { timeout: 15_000 });
  return page;
}

const byTestId = (page: Page, id: string) => page.locator(`[data-testid=${id}]`);

test.before(async () => {
  ensureUiBuilt();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  s.fixture = writeFixture();
  const sockDir = mkdtempSync(join(tmpdir(), 'kimchi-e2e-sock-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-e2e-data-'));
  s.dirs.push(sockDir, dataDir);
  s.socketPath = join(sockDir, 'absent.sock');
  const libvirtUri = `${s.fixture.uri}?socket=${s.socketPath}`;
  // Our own client with a background reconnect far in the future: once the relay is up, it is the Retry
  // button (POST /api/config/recheck) that reconnects, not a backoff timer racing the click.
  const libvirt = new LibvirtClient({ uri: libvirtUri, timeoutMs: 10_000, backoff: { initialMs: 3_600_000, maxMs: 3_600_000 } });
  s.server = await startServer({
    host: '127.0.0.1', port: 0, libvirtUri, dataDir, uiDir: UI_DIR, libvirt, logger: pino({ level: 'silent' }),
  });
  s.browser = await launchChromium();
});

test.after(() => cleanUp([
  ['contexts', () => Promise.all(s.contexts.map((c) => c.close()))],
  ['browser', () => s.browser?.close()],
  ['server', () => s.server?.close()],
  ['relay', () => s.relay?.close()],
  ['fixture', () => s.fixture?.cleanup()],
  ['temp dirs', () => { for (const d of s.dirs) rmSync(d, { recursive: true, force: true }); }],
]));

test('libvirtd unreachable: the banner names libvirtd and KCHCONF0001E, tabs and shell are disabled', async () => {
  const page = (s.page = await openShell('en-US'));
  assert.is(await byTestId(page, 'shell').getAttribute('data-state'), 'error');

  const banner = byTestId(page, 'error-banner');
  assert.ok(await banner.isVisible(), 'the error banner is visible');
  assert.is(await banner.getAttribute('role'), 'alert');
  const reason = await byTestId(page, 'error-reason').innerText();
  assert.match(reason, /libvirtd/);
  assert.ok(reason.includes(s.socketPath) || reason.includes('test://'), `reason names the URI: ${reason}`);
  assert.match(await byTestId(page, 'error-code').innerText(), /KCHCONF0001E/);

  for (const tab of TABS) {
    const el = byTestId(page, `tab-${tab}`);
    assert.ok(await el.isVisible(), `tab-${tab} is visible`);
    assert.ok(await el.isDisabled(), `tab-${tab} is disabled`);
    assert.is.not(await el.getAttribute('disabled'), null, `tab-${tab} carries the disabled attribute`);
  }
  assert.is(await byTestId(page, 'shell').getAttribute('aria-disabled'), 'true');

  assert.is(await byTestId(page, 'debug-report-message').count(), 0);
  await byTestId(page, 'debug-report').click();
  await byTestId(page, 'debug-report-message').waitFor({ state: 'visible', timeout: 5_000 });
  assert.ok((await byTestId(page, 'debug-report-message').innerText()).trim().length > 0);

  await page.screenshot({ path: join(OUTPUT_DIR, 'shell-error.png'), animations: 'disabled' });
  await assertAccessible(page, 'the shell in global error mode');
});

test('pt-BR browser: the banner reason comes back in Portuguese', async () => {
  const page = await openShell('pt-BR');
  assert.is(await byTestId(page, 'shell').getAttribute('data-state'), 'error');
  assert.is(await page.getAttribute('html', 'lang'), 'pt-BR');
  const reason = await byTestId(page, 'error-reason').innerText();
  assert.match(reason, /Não foi possível conectar ao libvirtd/);
  assert.match(await byTestId(page, 'error-code').innerText(), /KCHCONF0001E/);
  assert.match(await byTestId(page, 'retry').innerText(), /Tentar novamente/);
  for (const tab of TABS) assert.ok(await byTestId(page, `tab-${tab}`).isDisabled(), `tab-${tab} is disabled`);
  await assertAccessible(page, 'the shell in global error mode, pt-BR');
});

test('libvirtd comes back: Retry clears the banner, enables the tabs and the shell', async () => {
  const page = s.page;
  assert.ok(page, 'the en-US page from the first test is open');
  s.relay = new Relay(s.socketPath);
  await s.relay.listen();

  // Nothing changes on its own: the banner waits for the admin.
  await page.waitForTimeout(300);
  assert.ok(await byTestId(page, 'error-banner').isVisible(), 'banner still shown before Retry');

  await byTestId(page, 'retry').click();
  await page.waitForSelector('[data-testid=shell][data-state=ok]', { timeout: 20_000 });
  await byTestId(page, 'error-banner').waitFor({ state: 'detached', timeout: 5_000 });

  assert.is(await byTestId(page, 'shell').getAttribute('aria-disabled'), null);
  for (const tab of TABS) {
    const el = byTestId(page, `tab-${tab}`);
    assert.ok(await el.isEnabled(), `tab-${tab} is enabled`);
    assert.is(await el.getAttribute('disabled'), null);
  }
  // The shell is usable: another tab can be selected.
  await byTestId(page, 'tab-storage').click();
  assert.is(await byTestId(page, 'tab-storage').getAttribute('aria-selected'), 'true');
  await byTestId(page, 'tab-guests').click();
  assert.is(await byTestId(page, 'tab-guests').getAttribute('aria-selected'), 'true');

  const ok = join(OUTPUT_DIR, 'shell-ok.png');
  await page.screenshot({ path: ok, animations: 'disabled' });

  // Every tab, once its page has loaded, passes axe-core.
  for (const tab of TABS) {
    await byTestId(page, `tab-${tab}`).click();
    await page.waitForSelector(`[data-testid=panel-${tab}]:not([hidden])`);
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(300);
    await assertAccessible(page, `the ${tab} tab`);
  }
});

test.run();
