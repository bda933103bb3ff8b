// Soak: ~55 s of mixed traffic from 20 clients logged in through real PAM, on loopback, against the real server in a
// process of its own — plus wrong logins and slow clients (a trickled body, trickled headers, idle sockets, event
// streams). The UI's files and the VM list stay under 1 s at p99, RSS stays bounded, and nothing is left behind.
// libvirt is a test-driver fixture private to the server's connection: the host's libvirt never sees this traffic.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { startCommand } from '../helpers/build.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';
import { client, cpuSeconds, Latencies, rssMB, send, sleep } from './traffic.ts';
import { run, type Member } from './mix.ts';
import { slowClients, wrongLogins, eventStreams } from './slow.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SERVICE = 'kimchi-test-soak';
const RUN_MS = Number(process.env.SOAK_MS ?? 50_000);
const HEADERS_MS = 15_000;
const CLIENTS = 20;
const ADMINS = 14;
/**
 * The bundled server stays under 150 MB while it moves 1 GiB (tests/storage/upload.test.ts); run from sources through
 * tsx it holds their compiled text too and sits near 130 MB under this load (peaks near 185 MB when GC runs late),
 * and this traffic is small JSON: 250 MB means something is held that should not be.
 */
const RSS_CEILING_MB = 250;
/**
 * Growth of the JS heap after a full collection, from the start of the load to its end (~4,000 requests apart): a
 * leak of more than about 4 KB per request shows here; RSS itself follows the GC's timing (seen: 130 → 200 → 165 MB
 * with the live heap back at 40 MB), so it gets only the ceiling.
 */
const HEAP_GROWTH_MB = 16;
const SHARED = ['vm-0001', 'vm-0002', 'vm-0003'];

let child: ChildProcess | undefined;
let fx: Fixture | undefined;
let admin: TestUser | undefined, user: TestUser | undefined, victim: TestUser | undefined;
let removePam: (() => void) | undefined;
let server = { url: '', dataDir: '', pid: 0 };

test.before(async () => {
  removePam = installPamService(SERVICE);
  admin = createUser('ksa', ['sudo']);
  user = createUser('ksu');
  victim = createUser('ksv');
  fx = writeFixture({ domains: 40 });
  // With npm start's node flags and environment (small young generation, glibc giving big buffers back).
  const start = startCommand();
  const flags = start.args.filter((a) => !a.endsWith('.mjs'));
  child = spawn(process.execPath, [...flags, '--expose-gc', '--import', 'tsx', 'tests/soak/serve-process.ts', fx.uri, SERVICE, String(HEADERS_MS)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...start.env } });
  const lines = createInterface({ input: child.stdout! });
  server = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 30 s')), 30_000);
    lines.once('line', (line) => { clearTimeout(timer); resolve(JSON.parse(line)); });
    child!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  lines.on('line', (line) => { const m = JSON.parse(line) as Probe; if (m.heapUsedMB !== undefined) probeWaiters.shift()?.(m); });
});
interface Probe { heapUsedMB: number; lag: { p99: number; max: number } }
const probeWaiters: ((p: Probe) => void)[] = [];
/** The server's live JS heap after a full garbage collection (MB), and its event-loop delay since the last probe. */
const probe = () => new Promise<Probe>((resolve) => { probeWaiters.push(resolve); child!.kill('SIGUSR2'); });
test.after(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (server.dataDir) rmSync(dirname(server.dataDir), { recursive: true, force: true });
  fx?.cleanup();
  for (const u of [admin, user, victim]) removeUser(u);
  removePam?.();
});

test('20 clients for a minute with wrong logins and slow clients: p99 under 1 s, RSS bounded, nothing left behind', async () => {
  const base = server.url;
  const members: Member[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const c = client(`127.0.0.${10 + i}`);
    const who = i < ADMINS ? admin! : user!;
    const r = await send(base, c, 'POST', '/api/login', { username: who.name, password: who.password });
    assert.equal(r.status, 200, `login ${i}: ${r.body}`);
    c.cookie = String(r.headers['set-cookie']).split(';')[0]!;
    members.push({ c, admin: i < ADMINS, i, vm: i < ADMINS ? `vm-${String(10 + i).padStart(4, '0')}` : SHARED[i % SHARED.length]! });
  }
  for (const vm of SHARED) assert.equal((await send(base, members[0]!.c, 'PUT', `/api/vms/${vm}`, { users: [user!.name] })).status, 200);

  const heapBefore = (await probe()).heapUsedMB;
  const cpuBefore = await cpuSeconds(server.pid);
  const ownLag = monitorEventLoopDelay({ resolution: 10 });
  ownLag.enable();
  const lat = new Latencies();
  const wrong: string[] = [];
  const rss: { t: number; mb: number }[] = [];
  const t0 = Date.now();
  const until = t0 + RUN_MS;
  const sampler = setInterval(() => { void rssMB(server.pid).then((mb) => rss.push({ t: Date.now() - t0, mb })); }, 500);
  const slow = slowClients(base, members[0]!.c.cookie, HEADERS_MS);
  const logins = wrongLogins(base, victim!.name, until);
  const streams = eventStreams(base, members.slice(0, 4).map((m) => m.c.cookie));
  try {
    await Promise.all(members.map((m) => run(base, m, until, lat, wrong)));
  } finally {
    clearInterval(sampler);
    streams.close();
  }
  const slowResult = await slow.result;
  const loginResult = await logins;
  const seen = await send(base, members[ADMINS]!.c, 'GET', '/api/vms');
  const leftovers = await send(base, members[0]!.c, 'GET', '/api/templates');
  const vms = JSON.parse((await send(base, members[0]!.c, 'GET', '/api/vms')).body) as { name: string; state: string }[];
  for (const m of members) m.c.agent.destroy();
  slow.close();
  const { heapUsedMB: heapAfter, lag } = await probe();
  const cpu = (await cpuSeconds(server.pid)) - cpuBefore;
  ownLag.disable();

  // Stop the server: it must end by itself (nothing left open) and remove its temp dir.
  const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
  child!.kill('SIGTERM');
  const code = await Promise.race([exited, sleep(10_000).then(() => 'alive' as const)]);

  const total = [...lat.byRoute.values()].reduce((n, l) => n + l.length, 0);
  const early = rss.filter((s) => s.t < 10_000).map((s) => s.mb);
  const late = rss.filter((s) => s.t > RUN_MS - 10_000).map((s) => s.mb);
  const median = (l: number[]) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)] ?? NaN;
  const peak = Math.max(...rss.map((s) => s.mb));
  console.log(`\n# soak ${((Date.now() - t0) / 1000).toFixed(1)} s, ${total} requests from ${CLIENTS} clients (${(total / (RUN_MS / 1000)).toFixed(0)}/s)`);
  console.log(lat.table());
  console.log(`  wrong logins ${loginResult.sent} (${JSON.stringify(loginResult.statuses)}); event streams got ${streams.events()} events`);
  console.log(`  slow clients: idle sockets closed after ${slowResult.idleClosedMs.map((n) => (n / 1000).toFixed(1)).join('/')} s ; trickled headers cut after ${(slowResult.slowlorisMs / 1000).toFixed(1)} s; trickled body answered ${slowResult.trickleStatus} after ${(slowResult.trickleMs / 1000).toFixed(1)} s`);
  console.log(`  server RSS: first 10 s ${median(early).toFixed(1)} MB, last 10 s ${median(late).toFixed(1)} MB, peak ${peak.toFixed(1)} MB; live heap ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB`);
  // A slow answer with a late loop in both processes is the host starving them; in the server alone, the server blocking.
  console.log(`  event-loop delay p99/max: server ${lag.p99.toFixed(0)}/${lag.max.toFixed(0)} ms, test clients ${(ownLag.percentile(99) / 1e6).toFixed(0)}/${(ownLag.max / 1e6).toFixed(0)} ms; `
    + `server CPU ${cpu.toFixed(1)} s in ${((Date.now() - t0) / 1000).toFixed(0)} s; host load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs`);

  assert.equal(wrong, [], 'every request got the answer it expects');
  for (const route of ['GET / (index.html)', 'GET /assets/*', 'GET /api/vms']) {
    const s = lat.stats(route);
    assert.ok(s.n > 100 && s.p99 < 1000, `${route}: p99 ${s.p99.toFixed(1)} ms over ${s.n}`);
  }
  assert.equal(JSON.parse(seen.body).map((v: { name: string }) => v.name).sort(), SHARED, 'a user sees just the VMs shared with them');
  assert.ok(loginResult.sent > 0, 'wrong logins were sent');
  assert.ok(Object.keys(loginResult.statuses).every((s) => s === '401' || s === '429'), 'wrong logins: 401 or 429, never in');
  assert.ok((loginResult.statuses['429'] ?? 0) > 0, 'a stream of wrong logins from one address is throttled');
  assert.ok(slowResult.idleClosedMs.every((ms) => ms < HEADERS_MS + 6000), 'idle sockets are closed by the server');
  assert.ok(slowResult.slowlorisMs < HEADERS_MS + 6000, 'trickled headers are cut at the headers limit');
  assert.equal(slowResult.trickleStatus, 201, 'a body trickled for longer than the headers limit is still served');
  assert.equal(JSON.parse(leftovers.body).filter((t: { name: string }) => t.name.startsWith('soak-')), [], 'no template left');
  assert.equal(vms.filter((v) => v.state !== 'running').map((v) => v.name), [], 'every VM runs again');
  assert.ok(peak < RSS_CEILING_MB, `RSS peak ${peak.toFixed(1)} MB`);
  assert.ok(heapAfter - heapBefore < HEAP_GROWTH_MB, `live heap grew from ${heapBefore.toFixed(1)} to ${heapAfter.toFixed(1)} MB`);
  assert.equal(code, 0, 'the server ended by itself after stopping: no handle left open');
  assert.not.ok(existsSync(dirname(server.dataDir)), 'its temp dir is gone');
  // The host users, PAM service and fixture this suite made go too (test.after repeats it when a test failed).
  for (const u of [admin!, user!, victim!]) {
    removeUser(u);
    assert.throws(() => execFileSync('getent', ['passwd', u.name]), undefined, `user ${u.name} removed`);
  }
  removePam!();
  fx!.cleanup();
  assert.not.ok(existsSync(`/etc/pam.d/${SERVICE}`) || existsSync(fx!.path), 'PAM service and fixture removed');
});

test.run();
