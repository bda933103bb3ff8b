// Unix and tcp sockets read into one reused buffer (connectReusingBuffer): bytes must never be lost or aliased.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { connectReusingBuffer, attachReader } from '../../libvirt/transport/dialer.ts';

async function serverSending(payloads: Buffer[]): Promise<{ server: Server; port: number }> {
  const server = createServer((sock) => {
    // One write every 20 ms: each lands in its own read, into the same reused buffer.
    payloads.forEach((p, i) => setTimeout(() => sock.write(p), i * 20));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port };
}

test('bytes that arrive before a reader is attached are kept (copied) and delivered first, in order', async () => {
  const first = Buffer.from('early bytes, sent as soon as the peer connects');
  const second = Buffer.from('more bytes, a read later, before anyone listens');
  const { server, port } = await serverSending([first, second]);
  const sock = connectReusingBuffer({ host: '127.0.0.1', port });
  try {
    await once(sock, 'connect');
    await new Promise((r) => setTimeout(r, 150)); // both reads happen before anyone listens
    const got: Buffer[] = [];
    assert.ok(attachReader(sock, (chunk) => got.push(Buffer.from(chunk))));
    assert.is(Buffer.concat(got).toString(), `${first}${second}`, 'the early bytes came through intact');
  } finally {
    sock.destroy();
    server.close();
  }
});

test('a stream that is not a reusing-buffer socket is left to its data events', () => {
  assert.not.ok(attachReader(new PassThrough(), () => {}));
});

test.run();
