// Connection time limits on the real server (QEMU pool, 2 s limits): uploads, downloads and console WebSockets
// outlast them while bytes flow; a silent connection, trickled headers and a stalled upload are cut.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { WebSocket } from 'ws';
import { connect, type Connection } from '../../libvirt/index.ts';
import { buildDomainXML } from '../../libvirt/xml/index.ts';
import { createPool, IMAGES, QEMU_URI, sweep, testName } from '../helpers/qemu.ts';
import { getJson, serve, type TestServer } from '../helpers/server.ts';
import { DEFAULT_TIMEOUTS, serverOptions } from '../../runtime/timeouts.ts';

const PREFIX = 'kimchi-test-h12timeouts-';
const LIMIT = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let c: Connection;
let server: TestServer;
let vols = '';

test.before(async () => {
  c = await connect(QEMU_URI);
  await sweep(c, PREFIX);
  const pool = await createPool(c, testName(PREFIX));
  vols = `/api/storagepools/${pool.name}/storagevolumes`;
  server = await serve(QEMU_URI, { poolPath: IMAGES, timeouts: { headersMs: LIMIT, idleMs: LIMIT } });
});
test.after(async () => {
  try { await server?.stop(); } finally {
    if (c) { await sweep(c, PREFIX).catch(() => {}); await c.close(); }
  }
});

const post = (path: string, body: unknown) => getJson(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** PUT `data` in `chunks` pieces `gapMs` apart (`stopAfter` pieces: then go silent); the status, -1 if the socket was cut. */
function trickle(path: string, data: Buffer, chunks: number, gapMs: number, stopAfter = chunks): Promise<{ status: number; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const req = request(server.url + path, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-length': data.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - t0 }));
    });
    req.on('error', () => resolve({ status: -1, ms: Date.now() - t0 }));
    setTimeout(() => req.destroy(), 15_000).unref(); // a server that never cuts it: -1 after 15 s
    const size = Math.ceil(data.length / chunks);
    void (async () => {
      for (let i = 0; i < stopAfter; i++) {
        req.write(data.subarray(i * size, (i + 1) * size));
        await sleep(gapMs);
      }
      if (stopAfter === chunks) req.end();
    })();
  });
}

/** Open a raw connection, send `lines` one every `gapMs`, and say when (and with what) the server closed it. */
function rawClose(lines: string[], gapMs: number, giveUpMs = 10_000): Promise<{ ms: number; got: string }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const s = tcpConnect(Number(new URL(server.url).port), '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => { s.destroy(); resolve({ ms: Infinity, got }); }, giveUpMs);
    s.on('data', (d) => { got += d; });
    s.on('error', () => undefined);
    s.on('close', () => { clearTimeout(timer); resolve({ ms: Date.now() - t0, got }); });
    void (async () => {
      for (const line of lines) { if (s.destroyed) return; s.write(line); await sleep(gapMs); }
    })();
  });
}

test('no limit on a whole request: Node\'s 300 s requestTimeout (408 to every upload longer than five minutes) is off', () => {
  // The trickled transfers below outlast the 2 s limits, not Node's 300 s: this is what keeps a long upload alive.
  const server = createServer(serverOptions(DEFAULT_TIMEOUTS));
  try {
    assert.is(server.requestTimeout, 0);
    assert.is(server.headersTimeout, DEFAULT_TIMEOUTS.headersMs);
  } finally {
    server.close();
  }
});

test('an upload trickling for twice the limit goes through whole', async () => {
  const data = randomBytes(64 << 10);
  assert.equal((await post(vols, { name: 'slow.iso', capacity: data.length, upload: true })).status, 202);
  const r = await trickle(`${vols}/slow.iso/content`, data, 16, 300);
  assert.equal(r.status, 200);
  assert.ok(r.ms > 2 * LIMIT, `took ${r.ms} ms`);
  const back = Buffer.from(await (await fetch(`${server.url}${vols}/slow.iso/content`)).arrayBuffer());
  assert.ok(back.equals(data), 'the bytes read back are the bytes sent');
});

test('a download read slowly for longer than the limit arrives whole', async () => {
  const data = randomBytes(24 << 20);
  assert.equal((await post(vols, { name: 'big.img', capacity: data.length, upload: true })).status, 202);
  assert.equal((await trickle(`${vols}/big.img/content`, data, 1, 0)).status, 200);
  const t0 = Date.now();
  const res = await fetch(`${server.url}${vols}/big.img/content`);
  const reader = res.body!.getReader();
  const parts: Uint8Array[] = [];
  for (let n = 0; ; n++) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    if (n % 4 === 0) await sleep(40); // about 5 MiB/s
  }
  const ms = Date.now() - t0;
  assert.ok(Buffer.concat(parts).equals(data), 'the whole volume arrived');
  assert.ok(ms > LIMIT, `took ${ms} ms`);
});

test('an upload that stops sending is cut after the idle limit, and its half volume deleted', async () => {
  const data = randomBytes(64 << 10);
  const task = await post(vols, { name: 'stalled.iso', capacity: data.length, upload: true });
  const r = await trickle(`${vols}/stalled.iso/content`, data, 8, 0, 2);
  assert.ok(r.status === -1 || r.status === 408, `status ${r.status}`);
  assert.ok(r.ms >= LIMIT - 100 && r.ms < LIMIT + 4000, `cut after ${r.ms} ms`);
  let t = task.body;
  for (let i = 0; i < 100 && t.status === 'running'; i++) { await sleep(50); t = (await getJson(`${server.url}/api/tasks/${task.body.id}`)).body; }
  assert.equal(t.status, 'failed');
  assert.equal((await getJson(`${server.url}${vols}/stalled.iso`)).status, 404);
});

test('a connection that sends nothing, or trickles its headers, is closed after the headers limit', async () => {
  const [silent, slowloris] = await Promise.all([
    rawClose([], 0),
    rawClose(['GET /api/vms HTTP/1.1\r\n', ...Array.from({ length: 30 }, (_, i) => `X-${i}: y\r\n`)], 300),
  ]);
  for (const r of [silent, slowloris]) assert.ok(r.ms >= LIMIT - 100 && r.ms < LIMIT + 4000, `closed after ${r.ms} ms`);
  assert.match(slowloris.got, /^HTTP\/1\.1 408/);
  // The server still answers everyone else.
  assert.equal((await getJson(`${server.url}/api/config`)).status, 200);
});

test('a console WebSocket silent for longer than the limit stays open', async () => {
  const xml = buildDomainXML({
    type: 'kvm', name: testName(PREFIX), memory: 64 * 1024, currentMemory: 64 * 1024, vcpu: 1,
    os: { type: 'hvm', arch: 'x86_64', boot: ['hd'] }, features: [], metadata: [],
    devices: { disks: [], interfaces: [], graphics: [{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1' }], serials: [], consoles: [] },
  });
  const dom = await c.domainCreateXML(xml, 1); // started paused: its screen never changes
  const r = await post(`/api/vms/${encodeURIComponent(dom.name)}/connect`, {});
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const ws = new WebSocket(server.url.replace(/^http/, 'ws') + r.body.vnc);
  const messages: Buffer[] = [];
  ws.on('message', (d: Buffer) => messages.push(d));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  try {
    await sleep(LIMIT + 1500);
    assert.equal(ws.readyState, WebSocket.OPEN, 'still open after a silence past the limit');
    assert.match(Buffer.concat(messages).toString('latin1'), /^RFB \d{3}\.\d{3}\n/);
    const answer = new Promise<Buffer>((resolve) => ws.once('message', (d: Buffer) => resolve(d)));
    ws.send(Buffer.from('RFB 003.008\n'));
    assert.ok((await answer).length > 0, 'the VNC server still answers');
  } finally {
    ws.terminate();
  }
});

test.run();
