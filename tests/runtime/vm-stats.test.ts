// VmStatsSampler: rates from counter deltas, peaks over a window, ticks skipped while libvirt is down, stop() ends the timer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { LibvirtClient, type Connection } from '../../libvirt/index.ts';
import { countersOf, memUtilization, rates, VmStatsSampler } from '../../runtime/vm-stats.ts';
import { writeFixture } from '../helpers/fixture.ts';

test('rates: CPU percent of the VM\'s vCPUs, KiB/s of network and disk bytes, from two real-shaped records', () => {
  const a = countersOf({ 'cpu.time': 10_000_000_000n, 'vcpu.current': 2, 'net.count': 2, 'net.0.rx.bytes': 1000n, 'net.0.tx.bytes': 0n,
    'net.1.rx.bytes': 0n, 'net.1.tx.bytes': 24n, 'block.count': 1, 'block.0.rd.bytes': 0n, 'block.0.wr.bytes': 0n }, 1000);
  const b = countersOf({ 'cpu.time': 11_000_000_000n, 'vcpu.current': 2, 'net.count': 2, 'net.0.rx.bytes': 3048n, 'net.0.tx.bytes': 2048n,
    'net.1.rx.bytes': 0n, 'net.1.tx.bytes': 24n, 'block.count': 1, 'block.0.rd.bytes': 10240n, 'block.0.wr.bytes': 10240n }, 3000);
  // 1 s of CPU over 2 s on 2 vCPUs = 25 %; (2048+2048) B / 2 s = 2 KiB/s; 20480 B / 2 s = 10 KiB/s.
  assert.equal(rates(a, b), { cpu: 25, net: 2, io: 10 });
  assert.equal(rates(b, a), { cpu: 0, net: 0, io: 0 }, 'time going back gives zeros');
  const restarted = countersOf({ 'cpu.time': 5n, 'vcpu.current': 2 }, 5000);
  assert.equal(rates(b, restarted), { cpu: 0, net: 0, io: 0 }, 'counters that went back (the VM restarted) give zeros, not negatives');
});

test('CPU time past 2^53 ns keeps its precision', () => {
  const big = 2n ** 60n;
  const a = countersOf({ 'cpu.time': big, 'vcpu.current': 1 }, 0);
  const b = countersOf({ 'cpu.time': big + 500_000_000n, 'vcpu.current': 1 }, 1000);
  assert.is(rates(a, b).cpu, 50);
});

test('memory utilization: the guest view when the balloon driver reports it, else RSS against the balloon size', () => {
  assert.is(memUtilization({ 'balloon.available': 1000n, 'balloon.usable': 250n, 'balloon.current': 1000n, 'balloon.rss': 900n }), 75);
  assert.is(memUtilization({ 'balloon.current': 1000n, 'balloon.rss': 400n }), 40);
  assert.is(memUtilization({}), 0);
});

/** A LibvirtSource that counts how often the sampler reaches for the connection. */
function counting(client: LibvirtClient) {
  const src = { uses: 0, get connection(): Connection { src.uses++; return client.connection; } };
  return src;
}

test('against libvirtd: running VMs get rates from the second sample on; shut-off ones have none', async () => {
  const fx = writeFixture({ domains: ['on', 'off'] });
  const client = new LibvirtClient({ uri: fx.uri });
  try {
    const conn = await client.open();
    const off = await conn.domainLookupByName('off');
    await conn.domainDestroy(off);
    const on = await conn.domainLookupByName('on');
    const s = new VmStatsSampler(client);
    assert.ok(await s.sample(0));
    assert.is(s.get(on.uuid), undefined, 'one sample gives no rate yet');
    assert.ok(await s.sample(5000));
    assert.equal(s.get(on.uuid), { cpu_utilization: 0, mem_utilization: 0, net_throughput: 0, net_throughput_peak: 0, io_throughput: 0, io_throughput_peak: 0 });
    assert.is(s.get(off.uuid), undefined);
    await conn.domainDestroy(on);
    assert.ok(await s.sample(10_000));
    assert.is(s.get(on.uuid), undefined, 'a VM that stopped loses its rates');
  } finally {
    await client.close();
    fx.cleanup();
  }
});

test('libvirt down: a tick is skipped, never thrown', async () => {
  const client = new LibvirtClient({ uri: 'test:///default?socket=/nonexistent/kimchi.sock', backoff: { initialMs: 1000, maxMs: 1000 } });
  try {
    await client.open().catch(() => {});
    const s = new VmStatsSampler(client);
    assert.is(await s.sample(), false);
  } finally {
    await client.close();
  }
});

test('start samples on a timer and stop() ends it', async () => {
  const fx = writeFixture({ domains: ['tick'] });
  const client = new LibvirtClient({ uri: fx.uri });
  try {
    await client.open();
    const src = counting(client);
    const s = new VmStatsSampler(src, { intervalMs: 20 });
    s.start();
    await sleep(150);
    assert.ok(src.uses >= 3, `sampled ${src.uses} times`);
    assert.ok(s.active);
    s.stop();
    assert.not.ok(s.active);
    await sleep(30); // a tick in flight may finish
    const after = src.uses;
    await sleep(100);
    assert.is(src.uses, after, 'no tick after stop()');
  } finally {
    await client.close();
    fx.cleanup();
  }
});

test('idle: nobody reads rates for idleMs, so it stops calling libvirt; the next read wakes it at once', async () => {
  const fx = writeFixture({ domains: ['idle'] });
  const client = new LibvirtClient({ uri: fx.uri });
  try {
    await client.open();
    const src = counting(client);
    const s = new VmStatsSampler(src, { intervalMs: 20, idleMs: 60 });
    s.start();
    await sleep(200);
    const asleep = src.uses;
    assert.ok(asleep >= 2 && asleep <= 6, `sampled ${asleep} times within the idle window, then stopped`);
    await sleep(100);
    assert.is(src.uses, asleep, 'no libvirt call while nobody reads');
    s.get('any');
    await sleep(50);
    assert.ok(src.uses > asleep, 'a read wakes it');
    s.stop();
  } finally {
    await client.close();
    fx.cleanup();
  }
});

test('a tick reads only the VMs someone asked for (the rows on screen), and a named one that stopped loses its rates', async () => {
  const fx = writeFixture({ domains: ['seen-1', 'seen-2', 'unseen'] });
  const client = new LibvirtClient({ uri: fx.uri });
  try {
    const conn = await client.open();
    const calls: number[] = [];
    const src = { get connection(): Connection {
      return new Proxy(conn, { get: (target, prop) => prop === 'connectGetAllDomainStats'
        ? (types: number, flags: number, doms: unknown[] = []) => { calls.push(doms.length); return target.connectGetAllDomainStats(types, flags, doms as never); }
        : Reflect.get(target, prop) });
    } };
    const [a, b] = await Promise.all([conn.domainLookupByName('seen-1'), conn.domainLookupByName('seen-2')]);
    const s = new VmStatsSampler(src, { intervalMs: 20, idleMs: 10_000 });
    s.get(a.uuid, a);
    s.get(b.uuid, b);
    s.start();
    await sleep(120);
    assert.ok(calls.length >= 3 && calls.every((n) => n === 2), `every call named the two asked for: ${calls}`);
    assert.ok(s.get(a.uuid, a), 'rates for an asked-for VM');
    await conn.domainDestroy(b);
    await sleep(80);
    assert.is(s.get(b.uuid, b), undefined, 'a VM that stopped loses its rates');
    s.stop();
  } finally {
    await client.close();
    fx.cleanup();
  }
});

test.run();
