// createMetrics against real libvirtd test hypervisors: scrapes read the samplers, never libvirt; every host is covered.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type Store } from '../../db/index.ts';
import type { HostConnection, HostDirectory } from '../../handlers/common/hosts.ts';
import { LibvirtClient, type Connection } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { createMetrics } from '../../runtime/metrics/index.ts';
import { VmStatsSampler } from '../../runtime/vm-stats.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { find, parse, value } from './scrape.ts';
import { until } from '../helpers/server.ts';

let dir: string, store: Store;
const fixtures: Fixture[] = [];
const clients: LibvirtClient[] = [];
test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kimchi-test-metrics-'));
  store = openStore(join(dir, 'kimchi.db'));
});
test.after(async () => {
  for (const c of clients) await c.close();
  for (const f of fixtures) f.cleanup();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function hypervisor(domains: string[]): Promise<LibvirtClient> {
  const fx = writeFixture({ domains });
  fixtures.push(fx);
  const client = new LibvirtClient({ uri: fx.uri, backoff: { initialMs: 50, maxMs: 200 } });
  clients.push(client);
  await client.open();
  return client;
}

/** The client's connection, counting every libvirt call made through it by procedure. */
function counting(client: LibvirtClient) {
  const calls: Record<string, number> = {};
  const source = {
    calls,
    get connected() { return client.connected; },
    get connection(): Connection {
      const conn = client.connection;
      return new Proxy(conn, { get: (target, prop) => {
        const v = Reflect.get(target, prop);
        return typeof v === 'function' && typeof prop === 'string' && /^(connect|domain|storage)/.test(prop)
          ? (...args: unknown[]) => { calls[prop] = (calls[prop] ?? 0) + 1; return v.apply(target, args); }
          : v;
      } });
    },
  };
  return source;
}

test('a scrape serves the samplers\' latest readings: once they are fresh, scraping again calls libvirt not at all', async () => {
  const src = counting(await hypervisor(['kimchi-test-a', 'kimchi-test-b']));
  const vmStats = new VmStatsSampler(src, { intervalMs: 60_000 });
  const metrics = createMetrics({ deps: { db: store.db }, events: new EventBus(), local: { libvirt: src, vmStats }, poolIntervalMs: 60_000 });
  try {
    const first = parse((await metrics.render()).body);
    assert.is(find(first, 'kimchi_guest_state').length, 2);
    assert.is(src.calls.connectGetAllDomainStats, 1, 'the first scrape waited for one reading of all guests');
    assert.is(src.calls.connectListAllStoragePools, 1, 'and one of the pools');
    const before = { ...src.calls };
    for (let i = 0; i < 5; i++) parse((await metrics.render()).body);
    assert.equal(src.calls, before, 'five more scrapes: no libvirt call');
  } finally {
    metrics.stop();
    vmStats.stop();
  }
});

test('while a scraper comes back, the sampler\'s own ticks read every guest (shut-off ones too); without one they stop', async () => {
  const client = await hypervisor(['kimchi-test-run', 'kimchi-test-stop']);
  await client.connection.domainDestroy(await client.connection.domainLookupByName('kimchi-test-stop'));
  const src = counting(client);
  const vmStats = new VmStatsSampler(src, { intervalMs: 20, idleMs: 50 });
  const metrics = createMetrics({ deps: { db: store.db }, events: new EventBus(), local: { libvirt: src, vmStats }, demandMs: 300, poolIntervalMs: 20 });
  vmStats.start();
  try {
    const m = parse((await metrics.render()).body);
    assert.is(value(m, 'kimchi_guest_state', { name: 'kimchi-test-stop', state: 'shutoff' }), 1);
    // Six readings 20 ms apart outlast the sampler's own idle time (50 ms): the scraper's demand keeps it going.
    await until(() => src.calls.connectGetAllDomainStats >= 6, 5000, 'the sampler to keep reading for the scraper');
    await sleep(1000); // well past the scraper's demand (300 ms)
    const after = src.calls.connectGetAllDomainStats;
    const pools = src.calls.connectListAllStoragePools;
    await sleep(200);
    assert.is(src.calls.connectGetAllDomainStats, after, 'no scraper, nobody reading rates: no more readings');
    assert.is(src.calls.connectListAllStoragePools, pools, 'nor pool readings');
  } finally {
    metrics.stop();
    vmStats.stop();
  }
});

test('every registered host is covered, each with its own guests, pools and libvirt state', async () => {
  const local = await hypervisor(['kimchi-test-here']);
  const second = await hypervisor(['kimchi-test-there-1', 'kimchi-test-there-2']);
  const gone = new LibvirtClient({ uri: 'test:///default?socket=/nonexistent/kimchi-test-metrics.sock', backoff: { initialMs: 1000, maxMs: 1000 } });
  clients.push(gone);
  await gone.open().catch(() => undefined);
  const host = (name: string, c: LibvirtClient): HostConnection => ({
    name, uri: name, migrationUri: name, libvirt: c, sanity: { current: () => null, recheck: async () => null },
    state: () => (c.connected ? { status: 'connected' } : { status: 'failing', reason: 'unreachable' }),
  });
  const list = [host('local', local), host('kimchi-test-second', second), host('kimchi-test-gone', gone)];
  const hosts: HostDirectory = { get: (n) => list.find((h) => h.name === n), list: () => list };
  const vmStats = new VmStatsSampler(local, { intervalMs: 60_000 });
  const metrics = createMetrics({ deps: { db: store.db, hosts }, events: new EventBus(), local: { libvirt: local, vmStats } });
  try {
    let m = parse((await metrics.render()).body);
    assert.equal(find(m, 'kimchi_guest_state', { host: 'local' }).map((s) => s.labels.name), ['kimchi-test-here']);
    assert.equal(find(m, 'kimchi_guest_state', { host: 'kimchi-test-second' }).map((s) => s.labels.name).sort(), ['kimchi-test-there-1', 'kimchi-test-there-2']);
    assert.is(value(m, 'kimchi_host_guests', { host: 'kimchi-test-second', state: 'running' }), 2);
    assert.is(value(m, 'kimchi_pool_active', { host: 'kimchi-test-second', pool: 'default' }), 1);
    assert.equal([value(m, 'kimchi_host_libvirt_up', { host: 'local' }), value(m, 'kimchi_host_libvirt_up', { host: 'kimchi-test-second' }),
      value(m, 'kimchi_host_libvirt_up', { host: 'kimchi-test-gone' })], [1, 1, 0]);
    assert.is(find(m, 'kimchi_guest_state', { host: 'kimchi-test-gone' }).length, 0);
    list.splice(1, 1); // the second host is removed from the registry
    m = parse((await metrics.render()).body);
    assert.is(find(m, 'kimchi_host_libvirt_up', { host: 'kimchi-test-second' }).length, 0, 'a removed host leaves the exposition');
  } finally {
    metrics.stop();
  }
});

test.run();
