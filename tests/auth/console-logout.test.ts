// On QEMU/KVM: a console WebSocket opened from a session closes when that session logs out.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import { connect, type Connection, type Domain } from '../../libvirt/index.ts';
import { buildDomainXML } from '../../libvirt/xml/index.ts';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { QEMU_URI, sweep, testName } from '../helpers/qemu.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const PREFIX = 'kimchi-test-h12auth-';
const SERVICE = 'kimchi-test-console-logout';
const START_PAUSED = 1;
let c: Connection, s: TestServer, dom: Domain, admin: TestUser, removePam: () => void;

test.before(async () => {
  removePam = installPamService(SERVICE);
  admin = createUser('ktk', ['sudo']);
  c = await connect(QEMU_URI);
  await sweep(c, PREFIX);
  // 64 MiB, no disk, no NIC, paused: only its VNC server on 127.0.0.1 matters here.
  const xml = buildDomainXML({
    type: 'kvm', name: testName(PREFIX), memory: 64 * 1024, currentMemory: 64 * 1024, vcpu: 1,
    os: { type: 'hvm', arch: 'x86_64', boot: ['hd'] }, features: ['acpi'], metadata: [],
    devices: { disks: [], interfaces: [], graphics: [{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1' }], serials: [], consoles: [] },
  });
  dom = await c.domainCreate(await c.domainDefineXML(xml), START_PAUSED);
  s = await serve(QEMU_URI, { auth: pamProvider({ pamService: SERVICE }) });
});
test.after(async () => {
  try { await s?.stop(); } finally {
    if (c) { await sweep(c, PREFIX).catch(() => {}); await c.close(); }
    removeUser(admin);
    removePam?.();
  }
});

test('logging out closes the console WebSocket that session opened', async () => {
  const ui = { 'Content-Type': 'application/json', 'X-Requested-With': 'kimchi-ui' };
  const login = await fetch(`${s.url}/api/login`, { method: 'POST', headers: ui, body: JSON.stringify({ username: admin.name, password: admin.password }) });
  assert.is(login.status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const r = await fetch(`${s.url}/api/vms/${encodeURIComponent(dom.name)}/connect`, { method: 'POST', headers: { ...ui, Cookie: cookie }, body: '{}' });
  assert.is(r.status, 200, await r.clone().text());
  const { vnc } = await r.json() as { vnc: string };
  const ws = new WebSocket(s.url.replace(/^http/, 'ws') + vnc);
  const banner = await new Promise<string>((resolve, reject) => {
    ws.once('message', (d: Buffer) => resolve(d.toString('latin1')));
    ws.once('error', reject);
  });
  assert.match(banner, /^RFB \d{3}\.\d{3}\n/);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  assert.is((await fetch(`${s.url}/api/logout`, { method: 'POST', headers: { ...ui, Cookie: cookie } })).status, 204);
  const code = await Promise.race([closed, new Promise<string>((r) => setTimeout(() => r('still open after 3 s'), 3000))]);
  assert.is(code, 1008, 'closed by the server: the session ended');
});

test.run();
