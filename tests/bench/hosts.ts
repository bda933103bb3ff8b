// bench:hosts — GET /api/vms?host=all over HTTP with 10 registered hosts of 500 test-driver domains each, beside
// the same client's one get-all-domain-stats call on one host; the hosts are asked in parallel, so the 5000-guest
// list should cost at most 4x that one call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { LibvirtClient } from '../../libvirt/index.ts';
import { startServer } from '../../runtime/server.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { until } from '../helpers/server.ts';
import { median } from './reference.ts';

const HOSTS = Number(process.env.BENCH_HOSTS ?? 10);
const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);
const WARMUP = 5;
/** Another libvirtd's socket for the ten hosts (e.g. a two-hosts.sh testbed daemon), so the bench loads only that one. */
const SOCKET = process.env.BENCH_SOCKET;
const hostUri = (fx: Fixture) => `test+unix://${fx.path}${SOCKET ? `?socket=${encodeURIComponent(SOCKET)}` : ''}`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// The local host is a small fixture; the 10 hosts each get their own 500-domain fixture, reached as test+unix:///…
// (libvirtd's test driver over its socket: each connection is a private hypervisor loaded from the file).
const local = writeFixture({ domains: 1 });
const fixtures: Fixture[] = Array.from({ length: HOSTS }, () => writeFixture({ domains: DOMAINS }));
const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-bench-hosts-'));
const server = await startServer({
  host: '127.0.0.1', port: 0, libvirtUri: local.uri, dataDir, poolPath: join(dataDir, 'pool'), logger: pino({ level: 'silent' }),
});
const one = new LibvirtClient({ uri: hostUri(fixtures[0]!) });
try {
  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json' } });
  for (const [i, fx] of fixtures.entries()) {
    const r = await api('/api/hosts', { method: 'POST', body: JSON.stringify({ name: `bench-${i}`, uri: hostUri(fx) }) });
    if (r.status !== 201) throw new Error(`POST /api/hosts answered ${r.status}: ${await r.text()}`);
  }
  await until(async () => ((await (await api('/api/hosts')).json()) as Array<{ state: string }>).every((h) => h.state === 'connected'), 30_000, 'every host connected');
  const expected = 1 + HOSTS * DOMAINS;
  const get = async () => {
    const r = await api('/api/vms?host=all');
    if (r.status !== 200) throw new Error(`GET /api/vms?host=all answered ${r.status}: ${await r.text()}`);
    const unreachable = r.headers.get('kimchi-unreachable-hosts');
    const body = (await r.json()) as unknown[];
    if (unreachable || body.length !== expected) throw new Error(`listed ${body.length} VMs (expected ${expected}); unreachable: ${unreachable}`);
    return body;
  };
  const conn = await one.open();
  const stats = async () => { const t = performance.now(); await conn.connectGetAllDomainStats(0, 0); return performance.now() - t; };
  // The first lists fill each host's domain-XML cache; a cold host may miss the 2 s and be named unreachable meanwhile.
  let first: unknown[] | undefined;
  for (let i = 0; i < 20 && !first; i++) first = await get().catch(() => undefined);
  if (!first) first = await get();
  const samples: number[] = [], refSamples: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t = performance.now();
    await get();
    const ms = performance.now() - t;
    const refMs = await stats();
    if (i >= WARMUP) { samples.push(ms); refSamples.push(refMs); }
  }
  // One host's list through the same server, for scale: how far the ten in parallel are from one.
  const oneHost: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t = performance.now();
    const r = await api('/api/hosts/bench-0/vms');
    await r.json();
    if (i >= WARMUP) oneHost.push(performance.now() - t);
  }
  oneHost.sort((a, b) => a - b);
  samples.sort((a, b) => a - b);
  const p50 = pct(samples, 50), p99 = pct(samples, 99), ref = median(refSamples);
  const ratio = p50 / ref;
  console.log(`bench:hosts  ${HOSTS} hosts x ${DOMAINS} domains (+1 local), GET /api/vms?host=all over HTTP, ${REQUESTS} requests after ${WARMUP} warm-ups`);
  console.log(`  GET /api/vms?host=all       p50 ${p50.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   (${first.length} guests, body ${(JSON.stringify(first).length / 1024).toFixed(0)} KiB)`);
  console.log(`  GET /api/hosts/bench-0/vms  p50 ${pct(oneHost, 50).toFixed(2)} ms   (one host, ${DOMAINS} guests)`);
  console.log(`  one host get-all-domain-stats  ${ref.toFixed(2)} ms (median, our client, ${DOMAINS} domains)`);
  console.log(`  ratio p50 / one call        ${ratio.toFixed(2)}  (<= 4: ${ratio <= 4 ? 'ok' : 'MISSED'})`);
  process.exitCode = ratio <= 4 ? 0 : 1;
} finally {
  await one.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  local.cleanup();
  for (const fx of fixtures) fx.cleanup();
}
