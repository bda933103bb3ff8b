// The console bridge alone (WebSocket ↔ byte stream) over loopback: back-pressure each way and clean ends.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket, WebSocketServer } from 'ws';
import { bridge } from '../../runtime/consoles/bridge.ts';

/** A server whose every WebSocket is bridged to the stream `make()` returns; resolves with both ends. */
async function pair(stream: Duplex): Promise<{ client: WebSocket; server: WebSocket; ended: Promise<{ code: number }>; close(): Promise<void> }> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  let resolveEnd!: (e: { code: number }) => void;
  const ended = new Promise<{ code: number }>((r) => { resolveEnd = r; });
  const serverSide = new Promise<WebSocket>((r) => wss.once('connection', (ws) => { bridge(ws, stream, resolveEnd); r(ws); }));
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  await new Promise((r) => client.once('open', r));
  return {
    client, server: await serverSide, ended,
    close: async () => { client.terminate(); wss.close(); http.closeAllConnections(); await new Promise((r) => http.close(r)); },
  };
}

test('a stream that cannot keep up pauses the browser\'s WebSocket until it drains', async () => {
  const held: (() => void)[] = [];
  const got: Buffer[] = [];
  const slow = new Duplex({
    writableHighWaterMark: 16,
    read() {},
    write(chunk: Buffer, _e, cb) { got.push(chunk); held.push(() => cb()); },
  });
  const p = await pair(slow);
  try {
    for (let i = 0; i < 5; i++) p.client.send(Buffer.alloc(64, i));
    await sleep(100);
    assert.ok(p.server.isPaused, 'the WebSocket stops reading while the stream is full');
    assert.is(got.length, 1, 'only the first message reached the stream');
    while (got.length < 5) { held.splice(0).forEach((f) => f()); await sleep(20); }
    held.splice(0).forEach((f) => f());
    await sleep(20);
    assert.not.ok(p.server.isPaused, 'reading resumes once the stream drains');
    assert.equal(got.map((b) => b[0]), [0, 1, 2, 3, 4], 'in order, nothing lost');
  } finally { await p.close(); }
});

test('a browser that reads slowly pauses the stream, and every byte still arrives', async () => {
  const TOTAL = 48 << 20, CHUNK = 64 << 10;
  let produced = 0;
  const fast = new Duplex({
    read() {
      if (produced >= TOTAL) return void this.push(null);
      produced += CHUNK;
      this.push(Buffer.alloc(CHUNK, 7));
    },
    write(_c, _e, cb) { cb(); },
  });
  const p = await pair(fast);
  try {
    let received = 0;
    p.client.on('message', (d: Buffer) => { received += d.length; });
    p.client.pause();
    await sleep(500);
    assert.ok(fast.isPaused(), 'the stream is paused while the browser does not read');
    const stalled = produced;
    await sleep(300);
    assert.is(produced, stalled, 'nothing more is produced while paused');
    assert.ok(produced < TOTAL, `bounded: ${produced} of ${TOTAL} bytes produced`);
    p.client.resume();
    const code = await new Promise<number>((r) => p.client.once('close', (c) => r(c)));
    assert.is(received, TOTAL, 'every byte arrived');
    assert.is(code, 1000, 'the end of the stream closes the WebSocket normally');
  } finally { await p.close(); }
});

test('the browser closing ends the stream (its finish), and the bridge reports once', async () => {
  let finished = false;
  const s = new Duplex({ read() {}, write(_c, _e, cb) { cb(); }, final(cb) { finished = true; cb(); } });
  const p = await pair(s);
  try {
    p.client.close(1000);
    const end = await p.ended;
    assert.is(end.code, 1000);
    await sleep(20);
    assert.ok(finished, 'the stream was ended gracefully (TCP FIN / libvirt finish), not only destroyed');
  } finally { await p.close(); }
});

test.run();
