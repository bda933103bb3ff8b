// bench:hosts — GET /api/vms?host=all over HTTP with 10 registered hosts of 500 test-driver domains each, beside
// the same client's one get-all-domain-stats call on one host; the hosts are asked in parallel, so the 5000-guest
// list should cost at most 4x that one call. The request is timed from sending it to its last byte, as a browser sends
// it (Accept-Encoding: gzip); the client's own inflating and JSON.parse of 2.5 MB are printed beside, not counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
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
  /** One GET as the bytes came (no inflating, no parsing): status, headers and the raw body. */
  const raw = (path: string) => new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(`${server.url}${path}`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
  const decode = (r: Awaited<ReturnType<typeof raw>>) => JSON.parse((r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString()) as unknown[];
  const get = async () => {
    const r = await raw('/api/vms?host=all');
    if (r.status !== 200) throw new Error(`GET /api/vms?host=all answered ${r.status}: ${r.body.toString()}`);
    return r;
  };
  const check = (r: Awaited<ReturnType<typeof raw>>) => {
    const unreachable = r.headers['kimchi-unreachable-hosts'];
    const body = decode(r);
    if (unreachable || body.length !== expected) throw new Error(`listed ${body.length} VMs (expected ${expected}); unreachable: ${unreachable}`);
    return body;
  };
  const conn = await one.open();
  const stats = async () => { const t = performance.now(); await conn.connectGetAllDomainStats(0, 0); return performance.now() - t; };
  // The first lists fill each host's domain-XML cache; a cold host may miss the 2 s and be named unreachable meanwhile.
  let first: unknown[] | undefined;
  for (let i = 0; i < 20 && !first; i++) first = await get().then(check).catch(() => undefined);
  if (!first) first = check(await get());
  const samples: number[] = [], refSamples: number[] = [], clientSide: number[] = [];
  let wire = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t = performance.now();
    const r = await get();
    const ms = performance.now() - t;
    const t2 = performance.now();
    check(r);
    const clientMs = performance.now() - t2;
    const refMs = await stats();
    if (i >= WARMUP) { samples.push(ms); refSamples.push(refMs); clientSide.push(clientMs); wire = r.body.length; }
  }
  // One host's list through the same server, for scale: how far the ten in parallel are from one.
  const oneHost: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t = performance.now();
    decode(await raw('/api/hosts/bench-0/vms'));
    if (i >= WARMUP) oneHost.push(performance.now() - t);
  }
  oneHost.sort((a, b) => a - b);
  samples.sort((a, b) => a - b);
  const p50 = pct(samples, 50), p99 = pct(samples, 99), ref = median(refSamples);
  const ratio = p50 / ref;
  console.log(`bench:hosts  ${HOSTS} hosts x ${DOMAINS} domains (+1 local), GET /api/vms?host=all over HTTP, ${REQUESTS} requests after ${WARMUP} warm-ups`);
  console.log(`  GET /api/vms?host=all       p50 ${p50.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   (${first.length} guests, body ${(JSON.stringify(first).length / 1024).toFixed(0)} KiB, ${(wire / 1024).toFixed(0)} KiB gzipped on the wire)`);
  console.log(`    then the client's inflate + JSON.parse  p50 ${median(clientSide).toFixed(2)} ms (not counted above)`);
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
