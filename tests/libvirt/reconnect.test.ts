// Connection loss mid-call: pending calls reject with DisconnectedError, LibvirtClient reconnects, events resume.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DisconnectedError, DomainEventType, LibvirtClient, connect } from '../../libvirt/index.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { SocketProxy } from './proxy.ts';
import { testDomainXML, waitFor } from './harness.ts';

test('killing the connection mid-call rejects every pending call, then the client reconnects and events resume', async () => {
  const fx = writeFixture({ domains: ['alpha'] });
  const proxy = new SocketProxy();
  await proxy.listen();
  const client = new LibvirtClient({ uri: `test://${fx.path}?socket=${proxy.path}`, backoff: { initialMs: 50, maxMs: 200 } });
  const disconnects: Error[] = [];
  client.on('disconnected', (e) => disconnects.push(e));
  try {
    const first = await client.open();
    assert.ok(client.connected);

    // Hold replies back so calls are genuinely pending, then cut both sides.
    proxy.frozen = true;
    const pending = Array.from({ length: 8 }, () => first.connectGetHostname());
    const settled = Promise.allSettled(pending);
    const lost = waitFor(client, 'disconnected');
    await new Promise((r) => setTimeout(r, 50));
    await proxy.stopListening();
    proxy.killAll();
    proxy.frozen = false;

    const results = await settled;
    for (const r of results) {
      assert.is(r.status, 'rejected');
      const err = (r as PromiseRejectedResult).reason;
      assert.instance(err, DisconnectedError);
      assert.match(err.message, /connection to libvirtd was closed/);
    }
    await lost;
    assert.is(disconnects.length, 1);
    assert.not.ok(client.connected);
    assert.throws(() => client.connection, (e: Error) => e instanceof DisconnectedError);

    // Nothing listens: retries fail and back off; then the daemon "comes back".
    await waitFor(client, 'retry', () => true, 3000);
    const back = waitFor(client, 'connected', () => true, 5000);
    await proxy.listen();
    await back;
    assert.ok(client.connected);

    // Events were re-registered on the new connection.
    const c = client.connection;
    const dom = await c.domainDefineXML(testDomainXML('after-reconnect'));
    const started = waitFor<any>(client, 'domainLifecycle', (e) => e.dom.name === 'after-reconnect' && e.event === DomainEventType.STARTED);
    await c.domainCreate(dom);
    await started;
    await c.domainDestroy(dom);
    await c.domainUndefine(dom);
  } finally {
    await client.close();
    await proxy.close();
    fx.cleanup();
  }
});

test('open() on an unreachable daemon rejects with DisconnectedError and keeps retrying in the background', async () => {
  const fx = writeFixture();
  const proxy = new SocketProxy();
  const client = new LibvirtClient({ uri: `test://${fx.path}?socket=${proxy.path}`, backoff: { initialMs: 30, maxMs: 60 } });
  try {
    try {
      await client.open();
      assert.unreachable('nothing listens yet');
    } catch (e) {
      assert.instance(e, DisconnectedError);
      assert.match((e as Error).message, /cannot reach libvirtd/);
    }
    const up = waitFor(client, 'connected', () => true, 5000);
    await proxy.listen();
    await up;
    assert.ok((await client.connection.connectGetHostname()).length > 0);
  } finally {
    await client.close();
    await proxy.close();
    fx.cleanup();
  }
});

test('a call after the connection is gone rejects at once with DisconnectedError', async () => {
  const fx = writeFixture();
  const proxy = new SocketProxy();
  await proxy.listen();
  const c = await connect(`test://${fx.path}?socket=${proxy.path}`);
  try {
    const closed = waitFor<Error | undefined>(c, 'close');
    proxy.killAll();
    const err = await closed;
    assert.instance(err, DisconnectedError);
    try {
      await c.connectGetHostname();
      assert.unreachable();
    } catch (e) {
      assert.instance(e, DisconnectedError);
    }
  } finally {
    await c.close();
    await proxy.close();
    fx.cleanup();
  }
});

test.run();
