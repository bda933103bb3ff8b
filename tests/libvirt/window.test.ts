// The bounded two-tier window: quick reads up to 32 on the wire, calls that may block never reach libvirtd's 5.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect } from '../../libvirt/index.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { SocketProxy } from './proxy.ts';

test('50 concurrent quick reads all complete with never more than 32 on the wire', async () => {
  const fx = writeFixture({ domains: 20 });
  const proxy = new SocketProxy();
  await proxy.listen();
  const c = await connect(`test://${fx.path}?socket=${proxy.path}`);
  try {
    proxy.maxInFlight = 0;
    const doms = await c.connectListAllDomains();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      i % 2 ? c.connectGetHostname() : c.domainGetXMLDesc(doms[i % doms.length]!)));
    assert.is(results.length, 50);
    assert.ok(results.every((r) => typeof r === 'string' && r.length > 0));
    assert.ok(proxy.maxInFlight <= 32, `wire saw ${proxy.maxInFlight} calls in flight`);
    assert.is(c.stats.maxInFlight, 32, 'the window was actually used');
    assert.equal({ inFlight: c.stats.inFlight, queued: c.stats.queued }, { inFlight: 0, queued: 0 });
  } finally {
    await c.close();
    await proxy.close();
    fx.cleanup();
  }
});

test('calls that may block stay below max_client_requests so libvirtd keeps reading (keepalive pongs)', async () => {
  const fx = writeFixture({ domains: 4 });
  const proxy = new SocketProxy();
  await proxy.listen();
  const c = await connect(`test://${fx.path}?socket=${proxy.path}`);
  try {
    const doms = await c.connectListAllDomains();
    proxy.maxInFlight = 0;
    // 30 state changes (may block on a real hypervisor) mixed with 30 quick reads.
    await Promise.all(Array.from({ length: 60 }, (_, i) => i % 2
      ? c.domainSetAutostart(doms[i % doms.length]!, i % 4 === 1)
      : c.domainGetXMLDesc(doms[i % doms.length]!)));
    assert.is(c.stats.maxSlowInFlight, 4, 'at most max_client_requests - 1 calls that may block');
    assert.ok(proxy.maxInFlight <= 32, `wire saw ${proxy.maxInFlight} calls in flight`);
    assert.equal({ inFlight: c.stats.inFlight, queued: c.stats.queued }, { inFlight: 0, queued: 0 });
  } finally {
    await c.close();
    await proxy.close();
    fx.cleanup();
  }
});

test('a window of 1 still completes every call in order', async () => {
  const fx = writeFixture({ domains: 3 });
  const c = await connect(fx.uri, { window: 1 });
  try {
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.connectGetHostname().then(() => order.push(i))));
    assert.equal(order, [...Array(10).keys()]);
    assert.is(c.stats.maxInFlight, 1);
  } finally {
    await c.close();
    fx.cleanup();
  }
});

test.run();
