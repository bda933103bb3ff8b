// bench:vms — GET /api/vms over HTTP from the real server on a 1000-domain fixture, against the C library's get-all-domain-stats.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { startServer } from '../../runtime/server.ts';
import { writeFixture } from '../helpers/fixture.ts';

const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const WARMUP = 5;
const PYTHON = '/usr/bin/python3'; // Debian's, which has python3-libvirt
const REF = fileURLToPath(new URL('./libvirt_ref.py', import.meta.url));

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const fx = writeFixture({ domains: DOMAINS });
const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-bench-vms-'));
const server = await startServer({
  host: '127.0.0.1', port: 0, libvirtUri: fx.uri, dataDir, poolPath: join(dataDir, 'pool'), logger: pino({ level: 'silent' }),
});
try {
  const get = async () => {
    const r = await fetch(`${server.url}/api/vms`);
    if (r.status !== 200) throw new Error(`GET /api/vms answered ${r.status}: ${await r.text()}`);
    return (await r.json()) as unknown[];
  };
  const first = await get();
  if (first.length !== DOMAINS) throw new Error(`listed ${first.length} VMs, expected ${DOMAINS}`);
  for (let i = 0; i < WARMUP; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    await get();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const p50 = pct(samples, 50), p99 = pct(samples, 99);

  // The C library through libvirtd (test+unix:// routes it over the daemon's socket, as our adapter goes).
  const ref = JSON.parse(execFileSync(PYTHON, [REF, `test+unix://${fx.path}`, '11', '3'], { encoding: 'utf8' })) as { domains: number; stats: number };
  if (ref.domains !== DOMAINS) throw new Error(`reference saw ${ref.domains} domains`);
  const ratio = p50 / ref.stats;
  const ok3x = ratio <= 3, ok50 = p50 < 50;
  console.log(`bench:vms  ${DOMAINS} domains, GET /api/vms over HTTP, ${REQUESTS} requests after ${WARMUP} warm-ups`);
  console.log(`  GET /api/vms            p50 ${p50.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   (body ${(JSON.stringify(first).length / 1024).toFixed(0)} KiB)`);
  console.log(`  C get-all-domain-stats  ${ref.stats.toFixed(2)} ms (median, python3-libvirt through libvirtd)`);
  console.log(`  ratio p50 / C call      ${ratio.toFixed(2)}  (<= 3: ${ok3x ? 'ok' : 'MISSED'});  p50 < 50 ms: ${ok50 ? 'ok' : 'MISSED'}`);
  process.exitCode = ok3x && ok50 ? 0 : 1;
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  fx.cleanup();
}
