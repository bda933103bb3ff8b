// bench:libvirt — this adapter vs the C library (python3-libvirt), both through libvirtd, on a 1000-domain fixture.
// The two sides take turns run by run (the reference stays open in a child process), so a host that speeds up or
// slows down during the bench moves both medians alike.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connect, type Connection, type Domain } from '../../libvirt/index.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { median, openReference, type Op } from './reference.ts';

const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 1000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 31);
const WARMUP = 3;
const WINDOW = process.env.BENCH_WINDOW ? Number(process.env.BENCH_WINDOW) : undefined; // default: the adapter's own

async function once(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** CPU ms used so far by libvirtd (all threads) and by this process, to show where pipelined time goes. */
function cpu(): { daemon: number; node: number } {
  let daemon = NaN;
  try {
    const pid = execFileSync('pgrep', ['-xo', 'libvirtd'], { encoding: 'utf8' }).trim();
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    daemon = ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ 100)
  } catch { /* not visible: leave NaN */ }
  const u = process.cpuUsage();
  return { daemon, node: (u.user + u.system) / 1000 };
}

const fx = writeFixture({ domains: DOMAINS });
const ref = await openReference(fx.path);
const c: Connection = await connect(fx.uri, { window: WINDOW });
try {
  const doms: Domain[] = await c.connectListAllDomains();
  if (doms.length !== DOMAINS || ref.info.domains !== DOMAINS) throw new Error(`domain counts: adapter ${doms.length}, reference ${ref.info.domains}`);
  const ours: Record<Op | 'xml_pipe', () => Promise<unknown>> = {
    list: () => c.connectListAllDomains(),
    stats: () => c.connectGetAllDomainStats(0, 0),
    xml_seq: async () => { for (const d of doms) await c.domainGetXMLDesc(d); },
    xml_pipe: () => Promise.all(doms.map((d) => c.domainGetXMLDesc(d))),
  };
  const samples = { ours: { list: [], stats: [], xml_seq: [], xml_pipe: [] }, ref: { list: [], stats: [], xml_seq: [] } } as
    { ours: Record<Op | 'xml_pipe', number[]>; ref: Record<Op, number[]> };
  for (let round = 0; round < WARMUP + REPEATS; round++) {
    const keep = round >= WARMUP; // warm-ups (JIT, buffers, caches) are not counted on either side
    for (const op of ['list', 'stats', 'xml_seq'] as Op[]) {
      // Alternate who goes first, so neither side always runs right after the other's work.
      const pair = round % 2
        ? [await ref.run(op), await once(ours[op])].reverse()
        : [await once(ours[op]), await ref.run(op)];
      if (keep) { samples.ours[op].push(pair[0]!); samples.ref[op].push(pair[1]!); }
    }
    const pipe = await once(ours.xml_pipe);
    if (keep) samples.ours.xml_pipe.push(pipe);
  }
  const pipeCpu = await (async () => {
    const n = 10, a = cpu();
    for (let i = 0; i < n; i++) await ours.xml_pipe();
    const b = cpu();
    return { daemon: (b.daemon - a.daemon) / n, node: (b.node - a.node) / n };
  })();

  const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(12);
  const refSeq = median(samples.ref.xml_seq);
  const rows: [string, number, number, number][] = [
    ['list all domains', median(samples.ours.list), median(samples.ref.list), 1],
    ['get-all-domain-stats', median(samples.ours.stats), median(samples.ref.stats), 1],
    [`XML of ${DOMAINS}, sequential`, median(samples.ours.xml_seq), refSeq, 1],
    [`XML of ${DOMAINS}, pipelined*`, median(samples.ours.xml_pipe), refSeq, 1 / 3],
  ];
  console.log(`bench:libvirt  ${DOMAINS} domains, median of ${REPEATS} interleaved runs after ${WARMUP} warm-ups, window ${WINDOW ?? 'default'}; both through libvirtd (C library ${ref.info.lib_version})`);
  console.log(`${'operation'.padEnd(26)}${'adapter'.padStart(12)}${'C library'.padStart(12)}${'ratio'.padStart(8)}  target`);
  let missed = 0;
  for (const [label, a, r, target] of rows) {
    const ratio = a / r;
    const ok = ratio <= target;
    if (!ok) missed++;
    console.log(`${label.padEnd(26)}${ms(a)}${ms(r)}${ratio.toFixed(2).padStart(8)}  <= ${target.toFixed(2)} ${ok ? 'ok' : 'MISSED'}`);
  }
  console.log(`* pipelined: Promise.all through the bounded window vs the C library's sequential loop; speedup ${(refSeq / median(samples.ours.xml_pipe)).toFixed(2)}x (target >= 3x)`);
  console.log(`  pipelined XML CPU per run: libvirtd ${pipeCpu.daemon.toFixed(1)} ms, this process ${pipeCpu.node.toFixed(1)} ms (${availableParallelism()} CPUs)`);
  process.exitCode = missed ? 1 : 0;
} finally {
  ref.close();
  await c.close();
  fx.cleanup();
}
