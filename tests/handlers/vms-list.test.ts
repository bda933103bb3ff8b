// The list's transfer: GET /vms answers 304 while nothing changed, GET /vmstats reads only named VMs, and a `vm`
// event carries the changed VM so a list never needs to re-read the whole list.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeApp, sender, json, type TestApp } from '../helpers/app.ts';
import { forwardLibvirtEvents } from '../../runtime/events.ts';
import { readVm } from '../../handlers/vms/service.ts';
import type { ServerEvent } from '../../handlers/index.ts';

let t: TestApp;
test.before(async () => { t = await makeApp({ domains: ['web-1', 'web-2', 'db-1'] }); });
test.after(async () => { await t?.cleanup(); });

test('GET /vms carries an ETag; the same list answers 304 without a body, a change gives a new ETag', async () => {
  const first = await t.app.request('/api/vms');
  assert.is(first.status, 200);
  const tag = first.headers.get('ETag');
  assert.ok(tag && /^W\/"[0-9a-f]+"$/.test(tag), `a weak ETag (gzip or not, the same list): ${tag}`);
  assert.match(first.headers.get('Cache-Control') ?? '', /no-cache/);
  const again = await t.app.request('/api/vms', { headers: { 'If-None-Match': tag } });
  assert.is(again.status, 304);
  assert.is(await again.text(), '');
  const conn = t.client.connection;
  await conn.domainSuspend(await conn.domainLookupByName('web-2'));
  const changed = await t.app.request('/api/vms', { headers: { 'If-None-Match': tag } });
  assert.is(changed.status, 200, 'a paused VM changes the list');
  assert.is.not(changed.headers.get('ETag'), tag);
  await conn.domainResume(await conn.domainLookupByName('web-2'));
});

test('GET /vmstats?names= answers only the named VMs that exist, keyed by name', async () => {
  const send = sender(t.app);
  const r = await send('GET', `/api/vmstats?names=web-1,${encodeURIComponent('db-1')},nope`);
  assert.is(r.status, 200);
  assert.equal(Object.keys(r.body).sort(), ['db-1', 'web-1']);
  assert.equal(Object.keys(r.body['web-1']).sort(),
    ['cpu_utilization', 'io_throughput', 'io_throughput_peak', 'mem_utilization', 'net_throughput', 'net_throughput_peak']);
  const bad = await json(t.app.request('/api/vmstats?names=a&other=1'));
  assert.is(bad.status, 400, 'unknown query fields are refused');
  assert.match(bad.body.code, /^KCHAPI/);
});

test('GET /vmdeletions?names= plans several VMs at once, like /vms/:name/deletion each; unknown names left out', async () => {
  const send = sender(t.app);
  const r = await send('GET', '/api/vmdeletions?names=db-1,nope,web-2');
  assert.is(r.status, 200);
  assert.equal(r.body.map((p: { name: string }) => p.name), ['db-1', 'web-2']);
  const one = await send('GET', '/api/vms/db-1/deletion');
  assert.equal(r.body[0], one.body, 'the same plan as the single-VM route');
});

test('a vm event carries the VM as GET /vms/:name shows it after the change; an undefined VM carries none', async () => {
  const seen: ServerEvent[] = [];
  const unsubscribe = t.events.subscribe((e) => { if (e.type === 'vm') seen.push(e); });
  const deps = { libvirt: t.client, db: t.store.db, sanity: t.monitor, events: t.events };
  forwardLibvirtEvents(t.client, t.events, (dom) => readVm(deps, dom));
  try {
    const conn = t.client.connection;
    const dom = await conn.domainLookupByName('web-1');
    await conn.domainSuspend(dom);
    const until = Date.now() + 3000;
    while (!seen.some((e) => (e.data as { vm?: { state: string } }).vm?.state === 'paused') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const data = seen.find((e) => (e.data as { event: string }).event === 'suspended')?.data as { name: string; vm?: { name: string; state: string; memory: unknown } };
    assert.ok(data, `a suspended event: ${JSON.stringify(seen.map((e) => e.data))}`);
    assert.is(data.vm?.name, 'web-1');
    assert.is(data.vm?.state, 'paused');
    assert.ok(data.vm?.memory, 'the whole VM view');
    await conn.domainResume(dom);
  } finally {
    unsubscribe();
  }
});

test.run();
