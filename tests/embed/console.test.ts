// A QEMU/KVM guest's VNC console through each example's own node server: the token from /virt/api (the host's login),
// the WebSocket at the /virt path the answer names, carrying the guest's RFB handshake.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { OUTPUT_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { connect, type Connection, type Domain } from '../../libvirt/index.ts';
import { buildDomainXML } from '../../libvirt/xml/index.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { QEMU_URI, sweep, testName } from '../helpers/qemu.ts';
import { EXAMPLES, ensureLibBuilt, startExample, type Example, type RunningHost } from './host.ts';

const PREFIX = 'kimchi-test-embed-';
const START_PAUSED = 1;

/** 64 MiB, no disk, no NIC, VNC on 127.0.0.1: enough for a VNC server to greet us (the guest stays paused). */
const vncGuest = (name: string) => buildDomainXML({
  type: 'kvm', name, memory: 64 * 1024, currentMemory: 64 * 1024, vcpu: 1,
  os: { type: 'hvm', arch: 'x86_64', boot: ['hd'] }, features: ['acpi'], metadata: [],
  devices: { disks: [], interfaces: [], graphics: [{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1' }], serials: [], consoles: [] },
});

/** The first bytes a WebSocket receives, or the HTTP status that refused the upgrade. */
function firstMessage(url: string): Promise<{ status: number; text: string; ws?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('message', (d: Buffer) => resolve({ status: 101, text: d.toString('latin1'), ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, text: '' }));
    ws.once('error', reject);
  });
}

const s: { c?: Connection; dom?: Domain } = {};

function consoleSuite(example: Example): void {
  const test = suite(`${example.dir} console`);
  let host: RunningHost | undefined;
  test.before(async () => {
    ensureLibBuilt();
    host = await startExample(example, QEMU_URI);
  });
  test.after(() => cleanUp([['host', () => host?.stop()]]));

  test('a VNC console WebSocket connects through the host\'s server under /virt', async () => {
    const r = await fetch(`${host!.url}/virt/api/vms/${encodeURIComponent(s.dom!.name)}/connect`, {
      method: 'POST', headers: { ...example.admin, 'Content-Type': 'application/json' }, body: '{"kind":"vnc"}',
    });
    assert.is(r.status, 200);
    const { vnc, token } = await r.json() as { vnc: string; token: string };
    assert.match(vnc, /^\/virt\/api\/consoles\/vnc\?token=[\w-]+$/);
    // The same console outside the prefix is not ours: refused before upgrading, and the token stays unused.
    assert.is((await firstMessage(`${host!.url.replace(/^http/, 'ws')}/api/consoles/vnc?token=${token}`)).status, 404);
    const opened = await firstMessage(host!.url.replace(/^http/, 'ws') + vnc);
    assert.is(opened.status, 101);
    assert.is(opened.text, 'RFB 003.008\n');
    opened.ws!.close();
  });

  test('the guest page under /virt/ shows the VNC console connected through the host\'s server (noVNC in Chromium)', async () => {
    ensureUiBuilt();
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, extraHTTPHeaders: example.admin });
      const page = await context.newPage();
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await page.goto(`${host!.url}/virt/#/vms/${encodeURIComponent(s.dom!.name)}`);
      await page.locator('[data-testid=vnc-console][data-phase=connected]').waitFor({ timeout: 30_000 });
      assert.ok(sockets.some((u) => u.startsWith(`${host!.url.replace(/^http/, 'ws')}/virt/api/consoles/vnc?token=`)), sockets.join(' '));
      await page.screenshot({ path: join(OUTPUT_DIR, `${example.dir}-vnc.png`) });
    } finally {
      await browser.close();
    }
  });

  test('the console is refused to a caller the host does not know', async () => {
    const r = await fetch(`${host!.url}/virt/api/vms/${encodeURIComponent(s.dom!.name)}/connect`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"kind":"vnc"}',
    });
    assert.is(r.status, 401);
  });

  test('SIGTERM with a console open: it closes and the process exits by itself', async () => {
    const r = await fetch(`${host!.url}/virt/api/vms/${encodeURIComponent(s.dom!.name)}/connect`, {
      method: 'POST', headers: { ...example.admin, 'Content-Type': 'application/json' }, body: '{}',
    });
    const { vnc } = await r.json() as { vnc: string };
    const opened = await firstMessage(host!.url.replace(/^http/, 'ws') + vnc);
    const closed = new Promise<number>((done) => opened.ws!.once('close', (code) => done(code)));
    assert.equal(await host!.stop(), { code: 0, signal: null, killed: false }, host!.output());
    assert.is(await closed, 1001);
  });

  test.run();
}

const setup = suite('QEMU guest');
setup.before(async () => {
  s.c = await connect(QEMU_URI);
  await sweep(s.c, PREFIX);
  s.dom = await s.c.domainCreate(await s.c.domainDefineXML(vncGuest(testName(PREFIX))), START_PAUSED);
});
setup('a paused guest with VNC on loopback is defined for the console suites', () => { assert.ok(s.dom); });
setup.run();

for (const example of EXAMPLES) consoleSuite(example);

const teardown = suite('QEMU guest removed');
teardown('the test guest is gone', async () => {
  await sweep(s.c!, PREFIX);
  assert.not.ok((await s.c!.connectListAllDomains()).some((d) => d.name.startsWith(PREFIX)));
});
teardown.after(() => cleanUp([['connection', () => s.c?.close()]]));
teardown.run();
