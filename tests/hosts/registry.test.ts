// The host registry over HTTP on test-driver hypervisors: register, read, change, remove; `local` fixed; per-host paths.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTask, endTask } from '../../db/index.ts';
import { openStore } from '../../db/index.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, until, type TestServer } from '../helpers/server.ts';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { WebSocket } from 'ws';

let a: Fixture, b: Fixture, s: TestServer;

test.before(async () => {
  a = writeFixture({ domains: ['kimchi-test-hosts-a1', 'kimchi-test-hosts-a2'] });
  // VNC on local's guests (nothing listens there: a console bridged to them would answer 502, never 409).
  writeFileSync(a.path, readFileSync(a.path, 'utf8').replaceAll('</devices>', '<graphics type="vnc" port="5999" listen="127.0.0.1"/></devices>'));
  b = writeFixture({ domains: ['kimchi-test-hosts-b1'] });
  s = await serve(a.uri);
});
test.after(async () => {
  await s?.stop();
  a?.cleanup();
  b?.cleanup();
});

const call = async (path: string, init: RequestInit = {}) => {
  const r = await fetch(`${s.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  const text = await r.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* keep the text */ }
  return { status: r.status, body, headers: r.headers };
};
const post = (path: string, body: unknown) => call(path, { method: 'POST', body: JSON.stringify(body) });

test('a fresh server lists only the built-in host local, connected, with its URI', async () => {
  const r = await call('/api/hosts');
  assert.is(r.status, 200);
  assert.equal(r.body.map((h: any) => [h.name, h.local, h.state, h.uri]), [['local', true, 'connected', a.uri]]);
});

test('a registered host connects by itself and serves its own guests under /api/hosts/{host}/', async () => {
  const made = await post('/api/hosts', { name: 'kimchi-test-b', uri: b.uri, description: 'second rack' });
  assert.is(made.status, 201);
  assert.equal([made.body.name, made.body.uri, made.body.migration_uri, made.body.description, made.body.local],
    ['kimchi-test-b', b.uri, b.uri, 'second rack', false]);
  assert.ok(!Number.isNaN(Date.parse(made.body.added_at)), 'added_at is a date');
  await until(async () => (await call('/api/hosts/kimchi-test-b')).body.state === 'connected', 10_000, 'host b connected');
  const list = await call('/api/hosts');
  assert.equal(list.body.map((h: any) => h.name), ['local', 'kimchi-test-b'], 'local first');
  const bVms = await call('/api/hosts/kimchi-test-b/vms');
  assert.is(bVms.status, 200);
  assert.equal(bVms.body.map((v: any) => [v.name, v.host]), [['kimchi-test-hosts-b1', 'kimchi-test-b']]);
  const aVms = await call('/api/vms');
  assert.equal(aVms.body.map((v: any) => [v.name, v.host]), [['kimchi-test-hosts-a1', 'local'], ['kimchi-test-hosts-a2', 'local']]);
  const one = await call('/api/hosts/kimchi-test-b/vms/kimchi-test-hosts-b1');
  assert.equal([one.status, one.body.host], [200, 'kimchi-test-b']);
  assert.is((await call('/api/hosts/kimchi-test-b/vms/kimchi-test-hosts-a1')).status, 404, "A's guest is not on B");
  const nets = await call('/api/hosts/kimchi-test-b/networks');
  assert.equal([nets.status, nets.body.map((n: any) => n.name)], [200, ['default']]);
  assert.is((await call('/api/hosts/kimchi-test-b/storagepools')).status, 200);
  assert.is((await call('/api/hosts/local/vms')).body.length, 2, '/api/hosts/local/… is the unscoped local host');
});

test('Kimchi answers do not grow the host field; the unscoped paths stay the local host', async () => {
  const r = await call('/plugins/kimchi/vms');
  assert.is(r.status, 200);
  assert.ok(r.body.every((v: any) => !('host' in v)), 'no host field on /plugins/kimchi');
});

test('unknown host: 404 with a stable code on the registry and on its resources', async () => {
  const one = await call('/api/hosts/kimchi-test-nope');
  assert.equal([one.status, one.body.code], [404, 'KCHHOST0001E']);
  const vms = await call('/api/hosts/kimchi-test-nope/vms');
  assert.equal([vms.status, vms.body.code], [404, 'KCHHOST0001E']);
});

test('bad input is refused with 400 and nothing registered: bad name, unusable URI, command=, unknown field', async () => {
  const cases = [
    { name: 'all', uri: b.uri },
    { name: 'a/b', uri: b.uri },
    { name: 'kimchi-test-x', uri: 'not a uri' },
    { name: 'kimchi-test-x', uri: 'qemu+ftp://h/system' },
    { name: 'kimchi-test-x', uri: 'qemu+ssh://root@h/system?command=/bin/evil' },
    { name: 'kimchi-test-x', uri: b.uri, extra: 1 },
  ];
  for (const c of cases) {
    const r = await post('/api/hosts', c);
    assert.is(r.status, 400, JSON.stringify(c));
    assert.ok(typeof r.body.reason === 'string' && r.body.reason.length > 0);
  }
  assert.equal((await call('/api/hosts')).body.map((h: any) => h.name), ['local', 'kimchi-test-b']);
  const dup = await post('/api/hosts', { name: 'kimchi-test-b', uri: b.uri });
  assert.equal([dup.status, dup.body.code], [409, 'KCHHOST0002E']);
  const local = await post('/api/hosts', { name: 'local', uri: b.uri });
  assert.is(local.status, 409);
});

test('local\'s URI cannot be changed and local cannot be removed (409)', async () => {
  const put = await call('/api/hosts/local', { method: 'PUT', body: JSON.stringify({ uri: 'qemu+tcp://elsewhere/system' }) });
  assert.equal([put.status, put.body.code], [409, 'KCHHOST0012E']);
  assert.equal((await call('/api/hosts/local')).body.uri, a.uri, 'unchanged');
  const del = await call('/api/hosts/local', { method: 'DELETE' });
  assert.equal([del.status, del.body.code], [409, 'KCHHOST0003E']);
});

test('test connection: hostname and version for a reachable URI, libvirt\'s reason otherwise', async () => {
  const ok = await post('/api/hosts/test', { uri: b.uri });
  assert.is(ok.status, 200);
  assert.is(ok.body.ok, true);
  assert.ok(ok.body.hostname.length > 0);
  assert.match(ok.body.libvirt_version, /^\d+\.\d+\.\d+$/);
  const bad = await post('/api/hosts/test', { uri: 'qemu+unix:///system?socket=/nonexistent/kimchi-test-hosts.sock' });
  assert.is(bad.status, 200);
  assert.is(bad.body.ok, false);
  assert.match(bad.body.reason, /kimchi-test-hosts\.sock|ENOENT/);
});

test('changing the URI reconnects the host to the new libvirtd; a host that cannot connect says why', async () => {
  const put = await call('/api/hosts/kimchi-test-b', { method: 'PUT', body: JSON.stringify({ uri: 'qemu+unix:///system?socket=/nonexistent/kimchi-test-hosts.sock', migration_uri: 'qemu+tcp://10.0.0.9/system' }) });
  assert.is(put.status, 200);
  assert.is(put.body.migration_uri, 'qemu+tcp://10.0.0.9/system');
  await until(async () => (await call('/api/hosts/kimchi-test-b')).body.state === 'failing', 10_000, 'host b failing');
  const h = (await call('/api/hosts/kimchi-test-b')).body;
  assert.match(h.reason, /kimchi-test-hosts\.sock|ENOENT/);
  const vms = await call('/api/hosts/kimchi-test-b/vms');
  assert.equal([vms.status, vms.body.code], [503, 'KCHHOST0006E']);
  assert.match(vms.body.reason, /kimchi-test-b/);
  assert.is((await call('/api/vms')).status, 200, 'local keeps working');
  const back = await call('/api/hosts/kimchi-test-b', { method: 'PUT', body: JSON.stringify({ uri: b.uri, migration_uri: null }) });
  assert.is(back.body.migration_uri, b.uri, 'null: migrate through the uri');
  await until(async () => (await call('/api/hosts/kimchi-test-b')).body.state === 'connected', 10_000, 'host b back');
});

test('?host=all lists every guest of every connected host, each naming its host; a host that is down is named in Kimchi-Unreachable-Hosts', async () => {
  const down = await post('/api/hosts', { name: 'kimchi-test-down', uri: 'qemu+unix:///system?socket=/nonexistent/kimchi-test-hosts.sock' });
  assert.is(down.status, 201);
  try {
    await until(async () => (await call('/api/hosts/kimchi-test-down')).body.state === 'failing', 10_000, 'down host failing');
    const all = await call('/api/vms?host=all');
    assert.is(all.status, 200);
    assert.equal(all.body.map((v: any) => `${v.host}/${v.name}`).sort(),
      ['kimchi-test-b/kimchi-test-hosts-b1', 'local/kimchi-test-hosts-a1', 'local/kimchi-test-hosts-a2']);
    assert.is(all.headers.get('kimchi-unreachable-hosts'), 'kimchi-test-down');
    const one = await call('/api/vms?host=kimchi-test-b');
    assert.equal(one.body.map((v: any) => v.name), ['kimchi-test-hosts-b1']);
    assert.is((await call('/api/vms?host=kimchi-test-down')).status, 503);
  } finally {
    await call('/api/hosts/kimchi-test-down', { method: 'DELETE' });
  }
  const again = await call('/api/vms?host=all');
  assert.is(again.headers.get('kimchi-unreachable-hosts'), null, 'all hosts answered');
});

/** The HTTP status and body of a refused WebSocket upgrade (101 when accepted). */
function upgrade(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => { ws.close(); resolve({ status: 101, body: '' }); });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d; }).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

test("console hazard: a token for a guest on another host never opens the local guest with the same UUID", async () => {
  // `twin` loads the local fixture: the same names and UUIDs, a different hypervisor.
  assert.is((await post('/api/hosts', { name: 'kimchi-test-twin', uri: a.uri })).status, 201);
  try {
    await until(async () => (await call('/api/hosts/kimchi-test-twin')).body.state === 'connected', 10_000, 'twin connected');
    const issued = await post('/api/hosts/kimchi-test-twin/vms/kimchi-test-hosts-a1/connect', { kind: 'vnc' });
    assert.is(issued.status, 200, JSON.stringify(issued.body));
    const r = await upgrade(`${s.url.replace('http', 'ws')}/api/consoles/vnc?token=${encodeURIComponent(issued.body.token)}`);
    assert.is(r.status, 409, 'refused on the twin host, not bridged to the local guest');
    assert.match(r.body, /KCHHOST0011E/);
  } finally {
    await call('/api/hosts/kimchi-test-twin', { method: 'DELETE' });
  }
});

test('a host with a running Task cannot be removed (409); once it ended it can', async () => {
  const store = openStore(join(s.dataDir, 'kimchi.db'));
  try {
    const task = createTask(store.db, '/api/hosts/kimchi-test-b/vms/x', 'busy', 'kimchi-test-b');
    const refused = await call('/api/hosts/kimchi-test-b', { method: 'DELETE' });
    assert.equal([refused.status, refused.body.code], [409, 'KCHHOST0004E']);
    assert.is((await call('/api/hosts/kimchi-test-b')).status, 200, 'still registered');
    endTask(store.db, task.id, 'finished', 'OK');
  } finally {
    store.close();
  }
  const del = await call('/api/hosts/kimchi-test-b', { method: 'DELETE' });
  assert.is(del.status, 204);
  assert.equal((await call('/api/hosts')).body.map((h: any) => h.name), ['local']);
  assert.is((await call('/api/hosts/kimchi-test-b/vms')).status, 404);
});

test.run();
