// The built-in host `local` as a migration destination (its migration URI, set and kept across a restart) and a
// registered host's /host info from that host's own libvirt only (test driver with a node unlike this machine).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, until, type TestServer } from '../helpers/server.ts';

let a: Fixture, b: Fixture, s: TestServer | undefined, dir: string;
const B_VM = 'kimchi-test-local-b1';

test.before(async () => {
  a = writeFixture({ domains: ['kimchi-test-local-a1'] });
  b = writeFixture({ domains: [B_VM] });
  // Host b's hypervisor: 24 CPUs in 2 NUMA nodes × 3 sockets × 2 cores × 2 threads at 1234 MHz, 7654321 KiB.
  const node = '<node><cpu><mhz>1234</mhz><model>i686</model><active>24</active><nodes>2</nodes><sockets>3</sockets>'
    + '<cores>2</cores><threads>2</threads></cpu><memory>7654321</memory>';
  writeFileSync(b.path, readFileSync(b.path, 'utf8').replace('<node>', node));
  dir = mkdtempSync(join(tmpdir(), 'kimchi-test-local-'));
  s = await serve(a.uri, { dataDir: join(dir, 'data') });
});
test.after(async () => {
  await s?.stop();
  a?.cleanup();
  b?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (path: string, method = 'GET', body?: unknown) => {
  const r = await fetch(`${s!.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) as any };
};

test('registering host b; a guest of b cannot migrate to local while local has no migration URI (409 KCHMIG0023E)', async () => {
  assert.equal((await call('/api/hosts', 'POST', { name: 'b', uri: b.uri })).status, 201);
  await until(async () => (await call('/api/hosts/b')).body.state === 'connected', 10_000, 'host b connected');
  const local = await call('/api/hosts/local');
  assert.equal([local.body.uri, local.body.migration_uri], [a.uri, null], 'a test:/// URI names no machine others can reach');
  const r = await call(`/api/hosts/b/vms/${B_VM}/migrate`, 'POST', { destination: 'local', storage: 'shared' });
  assert.equal([r.status, r.body.code], [409, 'KCHMIG0023E']);
  assert.match(r.body.reason, 'PUT /api/hosts/local');
  const targets = await call(`/api/hosts/b/vms/${B_VM}/migration-targets`);
  assert.equal(targets.body.map((t: any) => [t.host, t.ok, t.code]), [['local', false, 'KCHMIG0023E']], 'the picker says why');
});

test('PUT /api/hosts/local sets its migration URI and description, refuses its uri, and the check moves past it', async () => {
  const put = await call('/api/hosts/local', 'PUT', { migration_uri: 'qemu+tcp://192.0.2.7/system', description: 'rack 1' });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal([put.body.migration_uri, put.body.description, put.body.uri, put.body.local], ['qemu+tcp://192.0.2.7/system', 'rack 1', a.uri, true]);
  assert.equal((await call('/api/hosts/local', 'PUT', { migration_uri: 'not a uri' })).body.code, 'KCHHOST0005E');
  assert.equal((await call('/api/hosts/local', 'PUT', { uri: 'qemu+tcp://x/system' })).body.code, 'KCHHOST0012E');
  const r = await call(`/api/hosts/b/vms/${B_VM}/migrate`, 'POST', { destination: 'local', storage: 'shared' });
  assert.is(r.status, 409);
  assert.is.not(r.body.code, 'KCHMIG0023E', `a later check answers now: ${r.body.reason}`);
});

test('local\'s migration URI is kept across a restart of the server, and null clears it', async () => {
  await s!.stop(); // its own temp dir goes; the data dir is ours
  s = await serve(a.uri, { dataDir: join(dir, 'data') });
  const local = await call('/api/hosts/local');
  assert.equal([local.body.migration_uri, local.body.description], ['qemu+tcp://192.0.2.7/system', 'rack 1']);
  assert.equal((await call('/api/hosts')).body.map((h: any) => h.name), ['local', 'b'], 'local is listed once, not as a registered host');
  const cleared = await call('/api/hosts/local', 'PUT', { migration_uri: null });
  assert.equal([cleared.body.migration_uri, cleared.body.description], [null, 'rack 1']);
});

test('GET /api/hosts/b/host describes b from its libvirt only: its CPUs and memory, no OS or kernel of this machine', async () => {
  await until(async () => (await call('/api/hosts/b')).body.state === 'connected', 10_000, 'host b connected');
  const r = await call('/api/hosts/b/host');
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.cpus, { online: 24, sockets: 6, cores: 2, threads_per_core: 2, mhz: 1234 });
  assert.equal(r.body.memory, { online: 7654321 * 1024 });
  assert.equal([r.body.os_distro, r.body.os_version, r.body.os_codename, r.body.kernel], [null, null, null, null]);
  const here = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();
  assert.is.not(r.body.cpu_model, here, "not this machine's CPU name");
  const mine = await call('/api/host');
  assert.equal([mine.body.kernel, mine.body.cpu_model], [release(), here ?? mine.body.cpu_model], 'local still describes this machine');
});

test.run();
