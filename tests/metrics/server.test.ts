// GET /metrics on the real server against libvirtd's test driver: guests, host, pools, HTTP, tasks, event streams.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { join } from 'node:path';
import { createTask, endTask, schema } from '../../db/index.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { getJson, serve, until, type TestServer } from '../helpers/server.ts';
import { find, parse, value, type Sample } from './scrape.ts';

const ON = 'kimchi-test-metrics-on', OFF = 'kimchi-test-metrics-off';
let fx: Fixture, s: TestServer;

test.before(async () => {
  fx = writeFixture({ domains: [ON, OFF] });
  s = await serve(fx.uri);
  assert.is((await fetch(`${s.url}/api/vms/${OFF}/poweroff`, { method: 'POST' })).status, 200);
});
test.after(async () => {
  await s?.stop();
  fx?.cleanup();
});

async function scrape(url = s.url): Promise<Sample[]> {
  const r = await fetch(`${url}/metrics`);
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parse(await r.text());
}

test('every guest is a series labelled host, name and uuid, with its state; the host counts guests by state', async () => {
  const [on, off] = [(await getJson(`${s.url}/api/vms/${ON}`)).body, (await getJson(`${s.url}/api/vms/${OFF}`)).body];
  const m = await scrape();
  assert.is(value(m, 'kimchi_guest_state', { host: 'local', name: ON, uuid: on.uuid, state: 'running' }), 1);
  assert.is(value(m, 'kimchi_guest_state', { host: 'local', name: OFF, uuid: off.uuid, state: 'shutoff' }), 1);
  assert.is(find(m, 'kimchi_guest_state', { name: ON }).length, 1, 'one state series per guest');
  assert.is(value(m, 'kimchi_host_guests', { host: 'local', state: 'running' }), 1);
  assert.is(value(m, 'kimchi_host_guests', { host: 'local', state: 'shutoff' }), 1);
  assert.is(value(m, 'kimchi_host_guests', { host: 'local', state: 'crashed' }), 0, 'a state without guests counts 0');
  assert.is(value(m, 'kimchi_host_libvirt_up', { host: 'local' }), 1);
  assert.ok(value(m, 'kimchi_libvirt_calls_in_flight', { host: 'local' }) >= 0);
  // The test driver reports only a guest's state: counters it does not report are left out, never shown as 0.
  assert.is(find(m, 'kimchi_guest_cpu_seconds_total').length, 0);
});

test('pools: capacity and allocation as GET /api/storagepools shows them, labelled by host and pool', async () => {
  const pool = (await getJson(`${s.url}/api/storagepools/default`)).body;
  const m = await scrape();
  assert.is(value(m, 'kimchi_pool_active', { host: 'local', pool: 'default' }), 1);
  assert.is(value(m, 'kimchi_pool_capacity_bytes', { host: 'local', pool: 'default' }), pool.capacity);
  assert.is(value(m, 'kimchi_pool_allocation_bytes', { host: 'local', pool: 'default' }), pool.allocated);
});

test('HTTP requests are counted by route pattern and status, never by raw path; a latency histogram beside', async () => {
  const key = { route: '/api/vms/:name', method: 'GET' };
  const before = await scrape();
  const count = (m: Sample[], status: string) => find(m, 'kimchi_http_requests_total', { ...key, status })[0]?.value ?? 0;
  const histogram = (m: Sample[]) => find(m, 'kimchi_http_request_duration_seconds_count', key)[0]?.value ?? 0;
  for (const path of [`/api/vms/${ON}`, `/api/vms/${OFF}`, '/api/vms/kimchi-test-metrics-missing', '/api/no-such-thing']) await fetch(`${s.url}${path}`);
  const after = await scrape();
  assert.is(count(after, '200') - count(before, '200'), 2);
  assert.is(count(after, '404') - count(before, '404'), 1, 'a missing VM counts under its route with 404');
  assert.is(histogram(after) - histogram(before), 3);
  assert.ok(value(after, 'kimchi_http_requests_total', { route: 'unmatched', method: 'GET', status: '404' }) >= 1);
  const raw = after.filter((x) => x.name.startsWith('kimchi_http_') && Object.values(x.labels).some((v) => v.includes(ON)));
  assert.equal(raw, [], 'no label carries a VM name');
  assert.ok(value(after, 'kimchi_http_request_duration_seconds_bucket', { ...key, le: '+Inf' }) >= 3);
});

test('tasks are counted by state from the database', async () => {
  const before = await scrape();
  const sqlite = new Database(join(s.dataDir, 'kimchi.db'));
  try {
    const db = drizzle(sqlite, { schema });
    createTask(db, '/api/vms/a');
    const done = createTask(db, '/api/vms/b');
    endTask(db, done.id, 'finished', 'ok');
    const failed = createTask(db, '/api/vms/c');
    endTask(db, failed.id, 'failed', 'no');
  } finally {
    sqlite.close();
  }
  const after = await scrape();
  for (const state of ['running', 'finished', 'failed']) {
    assert.is(value(after, 'kimchi_tasks', { state }) - value(before, 'kimchi_tasks', { state }), 1, state);
  }
});

test('open event streams are counted, and uncounted when they close', async () => {
  assert.is(value(await scrape(), 'kimchi_sse_clients'), 0);
  const r = await fetch(`${s.url}/api/events`);
  const reader = r.body!.getReader();
  await reader.read(); // the first event: the stream is registered
  assert.is(value(await scrape(), 'kimchi_sse_clients'), 1);
  await reader.cancel();
  await until(async () => value(await scrape(), 'kimchi_sse_clients') === 0, 5000, 'the closed stream to be uncounted');
});

test('libvirtd unreachable: /metrics still answers in global error mode, libvirt down and no guests', async () => {
  const down = await serve('test:///default?socket=/nonexistent/kimchi-test-metrics.sock');
  try {
    assert.is((await getJson(`${down.url}/api/config`)).body.state, 'error');
    assert.is((await fetch(`${down.url}/api/vms`)).status, 500, 'the API is in global error mode');
    const m = await scrape(down.url);
    assert.is(value(m, 'kimchi_host_libvirt_up', { host: 'local' }), 0);
    assert.is(find(m, 'kimchi_guest_state').length, 0);
    assert.is(find(m, 'kimchi_pool_capacity_bytes').length, 0);
  } finally {
    await down.stop();
  }
});

test.run();
