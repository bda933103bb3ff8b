// Console WebSockets on QEMU/KVM: the VNC proxy carries the RFB banner, the serial one SeaBIOS; tokens are one-time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { issueConsoleToken } from '../../db/consoles.ts';
import { openStore } from '../../db/index.ts';
import { isLoopback } from '../../handlers/consoles/connect-target.ts';
import { connect, DomainState, type Connection, type Domain } from '../../libvirt/index.ts';
import { buildDomainXML, child, el, updateDomainXML } from '../../libvirt/xml/index.ts';
import { QEMU_URI, removeDomain, sweep, testName } from '../helpers/qemu.ts';
import { getJson, serve, type TestServer } from '../helpers/server.ts';

// Not kimchi-test-console-: tests/libvirt/console.test.ts sweeps that prefix and may run at the same time.
const PREFIX = 'kimchi-test-consoles-';
const START_PAUSED = 1;

/** 64 MiB, no disk, no NIC; VNC on 127.0.0.1 (autoport) and a pty serial console carrying SeaBIOS's output. */
function consoleVM(name: string): string {
  const xml = buildDomainXML({
    type: 'kvm', name, memory: 64 * 1024, currentMemory: 64 * 1024, vcpu: 1,
    os: { type: 'hvm', arch: 'x86_64', boot: ['hd'] }, features: ['acpi'], metadata: [],
    devices: {
      disks: [], interfaces: [], graphics: [{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1' }],
      serials: [{ type: 'pty', target: { port: 0 } }], consoles: [{ type: 'pty', target: { type: 'serial', port: 0 } }],
    },
  });
  return updateDomainXML(xml, (_m, root) => { child(root, 'os')!.children.push(el('bios', { useserial: 'yes', rebootTimeout: -1 })); });
}

let c: Connection;
let server: TestServer;
let dom: Domain;
let stopped: Domain;
const wsUrl = (path: string) => server.url.replace(/^http/, 'ws') + path;
const post = (path: string, body?: unknown) => getJson(server.url + path, {
  method: 'POST', ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
});

/** The HTTP status of a refused upgrade, or 101 when it was accepted. */
function upgradeStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => { ws.close(); resolve({ status: 101, body: '' }); });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d; }).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (e) => reject(e));
  });
}

/** Open a WebSocket and gather what it receives until `re` matches. */
function readUntil(url: string, re: RegExp, ms: number, onOpen?: (ws: WebSocket) => void): Promise<{ ws: WebSocket; text: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let text = '';
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`no ${re} within ${ms} ms; got ${JSON.stringify(text)}`)); }, ms);
    ws.on('open', () => onOpen?.(ws));
    ws.on('message', (d: Buffer) => {
      text += d.toString('latin1');
      if (re.test(text)) { clearTimeout(timer); resolve({ ws, text }); }
    });
    ws.once('unexpected-response', (_q, res) => { clearTimeout(timer); reject(new Error(`upgrade refused: ${res.statusCode}`)); });
    ws.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

const closed = (ws: WebSocket) => new Promise<number>((r) => (ws.readyState === ws.CLOSED ? r(-1) : ws.once('close', (code) => r(code))));

test.before(async () => {
  c = await connect(QEMU_URI);
  await sweep(c, PREFIX);
  dom = await c.domainCreate(await c.domainDefineXML(consoleVM(testName(PREFIX))), START_PAUSED);
  stopped = await c.domainDefineXML(consoleVM(testName(PREFIX)));
  server = await serve(QEMU_URI);
});
test.after(async () => {
  try { await server?.stop(); } finally {
    if (c) { await sweep(c, PREFIX).catch(() => {}); await c.close(); }
  }
});

test('the serial WebSocket delivers SeaBIOS text from the guest\'s console', async () => {
  const r = await post(`/api/vms/${encodeURIComponent(dom.name)}/connect`, { kind: 'serial' });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.match(r.body.serial, /^\/api\/consoles\/serial\?token=/);
  // The VM waits paused until the WebSocket is up, so nothing SeaBIOS prints is missed.
  const { ws, text } = await readUntil(wsUrl(r.body.serial), /No bootable device/, 30_000, () => { void c.domainResume(dom); });
  assert.match(text, /SeaBIOS \(version [^)]+\)/);
  ws.send('\r'); // keystrokes go the other way without error
  ws.close(1000);
  assert.is(await closed(ws), 1000);
});

test('the VNC WebSocket carries the RFB handshake from the VM\'s VNC server', async () => {
  assert.is((await c.domainGetState(dom)).state, DomainState.RUNNING);
  const r = await post(`/api/vms/${encodeURIComponent(dom.name)}/connect`);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.match(r.body.vnc, /^\/api\/consoles\/vnc\?token=[\w-]{43}$/);
  assert.ok(Date.parse(r.body.expires) - Date.now() <= 30_000);
  const { ws, text } = await readUntil(wsUrl(r.body.vnc), /^RFB \d{3}\.\d{3}\n/, 10_000);
  assert.is(text.slice(0, 12), 'RFB 003.008\n');
  // Our side of the handshake goes through too: the server answers with its security types.
  const more = new Promise<Buffer>((resolve) => ws.once('message', (d: Buffer) => resolve(d)));
  ws.send(Buffer.from('RFB 003.008\n'));
  const types = await more;
  assert.ok(types[0]! > 0, `security types offered: ${types.toString('hex')}`);
  ws.close();
  await closed(ws);

  // The same token again: refused before upgrading.
  const again = await upgradeStatus(wsUrl(r.body.vnc));
  assert.is(again.status, 403);
  assert.is(JSON.parse(again.body).code, 'KCHCONS0006E');
});

test('a missing token is refused with 401, an unknown one with 403, before upgrading', async () => {
  const none = await upgradeStatus(wsUrl('/api/consoles/vnc'));
  assert.is(none.status, 401);
  assert.is(JSON.parse(none.body).code, 'KCHCONS0005E');
  assert.is((await upgradeStatus(wsUrl('/api/consoles/serial?token=nope'))).status, 403);
});

test('an expired token is refused with 403', async () => {
  const store = openStore(join(server.dataDir, 'kimchi.db'));
  let token: string;
  try {
    token = issueConsoleToken(store.db, dom.uuid, 'any', 30_000, null, Date.now() - 31_000).token;
  } finally { store.close(); }
  const r = await upgradeStatus(wsUrl(`/api/consoles/vnc?token=${token}`));
  assert.is(r.status, 403);
});

test('a token for the serial console does not open VNC', async () => {
  const r = await post(`/api/vms/${encodeURIComponent(dom.name)}/connect`, { kind: 'serial' });
  assert.is((await upgradeStatus(wsUrl(`/api/consoles/vnc?token=${r.body.token}`))).status, 403);
});

test('connect answers 409 for a shut-off VM and 404 for a missing one', async () => {
  const off = await post(`/api/vms/${encodeURIComponent(stopped.name)}/connect`);
  assert.is(off.status, 409);
  assert.is(off.body.code, 'KCHCONS0001E');
  assert.is((await post('/api/vms/kimchi-test-consoles-none/connect')).status, 404);
});

test('the VNC WebSocket closes when the VM is destroyed, and server close() ends open consoles', async () => {
  const r = await post(`/api/vms/${encodeURIComponent(dom.name)}/connect`);
  const { ws } = await readUntil(wsUrl(r.body.vnc), /^RFB/, 10_000);
  const end = closed(ws);
  await c.domainDestroy(dom);
  assert.is(await end, 1000);

  dom = await c.domainCreate(dom);
  const again = await post(`/api/vms/${encodeURIComponent(dom.name)}/connect`);
  const open = await readUntil(wsUrl(again.body.vnc), /^RFB/, 10_000);
  const going = closed(open.ws);
  await server.close();
  assert.is(await going, 1001);
});

test('only loopback VNC addresses are proxied', () => {
  for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.ok(isLoopback(a), a);
  for (const a of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', '128.0.0.1', 'example.com']) assert.not.ok(isLoopback(a), a);
});

test.run();
