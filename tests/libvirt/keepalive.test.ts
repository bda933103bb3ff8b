// Keepalive: we answer the peer's pings, and a peer that stops answering ours is declared dead quickly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DisconnectedError, connect } from '../../libvirt/index.ts';
import {
  RpcClient, Framer, decodePacket, encodePacket, KEEPALIVE_PROGRAM, KEEPALIVE_PING, KEEPALIVE_PONG, MessageType, Status,
} from '../../libvirt/rpc/index.ts';
import { createConnection } from 'node:net';
import { writeFixture } from '../helpers/fixture.ts';
import { SocketProxy } from './proxy.ts';
import { waitFor } from './harness.ts';

test('a daemon that stops answering is declared dead: pending calls reject and close fires', async () => {
  const fx = writeFixture();
  const proxy = new SocketProxy();
  await proxy.listen();
  const c = await connect(`test://${fx.path}?socket=${proxy.path}`, { keepalive: { intervalMs: 150, count: 3 } });
  try {
    const started = Date.now();
    const closed = waitFor<Error | undefined>(c, 'close', () => true, 4000);
    proxy.frozen = true; // the socket stays open but nothing comes back
    const call = c.connectGetHostname().then(() => null, (e) => e);
    const err = await closed;
    const elapsed = Date.now() - started;
    assert.instance(err, DisconnectedError);
    assert.match(err!.message, /keepalive/);
    assert.instance(await call, DisconnectedError);
    assert.ok(elapsed >= 300 && elapsed < 3000, `declared dead after ${elapsed} ms`);
  } finally {
    await c.close();
    await proxy.close();
    fx.cleanup();
  }
});

test('a healthy idle connection survives several keepalive intervals', async () => {
  const fx = writeFixture();
  const c = await connect(fx.uri, { keepalive: { intervalMs: 100, count: 2 } });
  try {
    await new Promise((r) => setTimeout(r, 700));
    assert.not.ok(c.closed, 'libvirtd answered our pings');
    assert.ok((await c.connectGetHostname()).length > 0);
  } finally {
    await c.close();
    fx.cleanup();
  }
});

test('a ping from the peer is answered with a pong', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-ka-'));
  const path = join(dir, 'sock');
  const server = createServer();
  await new Promise<void>((r) => server.listen(path, () => r()));
  const pong = new Promise<number>((resolve) => {
    server.on('connection', (s) => {
      const f = new Framer();
      s.on('data', (d: Buffer) => {
        for (const raw of f.push(d)) {
          const h = decodePacket(raw).header;
          if (h.program === KEEPALIVE_PROGRAM) resolve(h.procedure);
        }
      });
      s.write(encodePacket({ program: KEEPALIVE_PROGRAM, version: 1, procedure: KEEPALIVE_PING, type: MessageType.MESSAGE, serial: 0, status: Status.OK }));
    });
  });
  const sock = createConnection({ path });
  const rpc = new RpcClient(sock);
  try {
    assert.is(await pong, KEEPALIVE_PONG);
  } finally {
    rpc.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
