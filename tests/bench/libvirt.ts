// bench:libvirt — this adapter vs the C library (python3-libvirt), both through libvirtd, on a 1000-domain fixture.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connect } from '../../libvirt/index.ts';
import { writeFixture } from '../helpers/fixture.ts';

const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 1000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 11);
const WARMUP = 3;
const WINDOW = process.env.BENCH_WINDOW ? Number(process.env.BENCH_WINDOW) : undefined; // default: the adapter's own
const PYTHON = '/usr/bin/python3'; // Debian's, which has python3-libvirt; not the pyenv one on PATH
const REF = fileURLToPath(new URL('./libvirt_ref.py', import.meta.url));

async function timed(fn: () => Promise<unknown>, repeats = REPEATS): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn(); // warm-ups (JIT, buffers) not counted; the reference does the same
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  return samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
}

interface Ref { domains: number; lib_version: number; list: number; stats: number; xml_seq: number }

function reference(path: string): Ref {
  // A plain test:///path makes the C library run the test driver in its own process; test+unix:// forces
  // its remote driver onto libvirtd's socket, the same road this adapter takes (virt-admin client-list shows it).
  const out = execFileSync(PYTHON, [REF, `test+unix://${path}`, String(REPEATS), String(WARMUP)], { encoding: 'utf8' });
  return JSON.parse(out) as Ref;
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

async function adapter(uri: string) {
  const c = await connect(uri, { window: WINDOW });
  try {
    const doms = await c.connectListAllDomains();
    return {
      domains: doms.length,
      list: await timed(() => c.connectListAllDomains()),
      stats: await timed(() => c.connectGetAllDomainStats(0, 0)),
      xml_seq: await timed(async () => { for (const d of doms) await c.domainGetXMLDesc(d); }),
      xml_pipe: await timed(() => Promise.all(doms.map((d) => c.domainGetXMLDesc(d)))),
      pipe_cpu: await (async () => {
        const n = 10, a = cpu();
        for (let i = 0; i < n; i++) await Promise.all(doms.map((d) => c.domainGetXMLDesc(d)));
        const b = cpu();
        return { daemon: (b.daemon - a.daemon) / n, node: (b.node - a.node) / n };
      })(),
    };
  } finally {
    await c.close();
  }
}

const fx = writeFixture({ domains: DOMAINS });
try {
  const ours = await adapter(fx.uri);
  const ref = reference(fx.path);
  if (ours.domains !== DOMAINS || ref.domains !== DOMAINS) throw new Error(`domain counts: adapter ${ours.domains}, reference ${ref.domains}`);
  const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(12);
  const rows: [string, number, number, number][] = [
    ['list all domains', ours.list, ref.list, 1],
    ['get-all-domain-stats', ours.stats, ref.stats, 1],
    [`XML of ${DOMAINS}, sequential`, ours.xml_seq, ref.xml_seq, 1],
    [`XML of ${DOMAINS}, pipelined*`, ours.xml_pipe, ref.xml_seq, 1 / 3],
  ];
  console.log(`bench:libvirt  ${DOMAINS} domains, median of ${REPEATS} after ${WARMUP} warm-ups, window ${WINDOW ?? 'default'}; both through libvirtd (C library ${ref.lib_version})`);
  console.log(`${'operation'.padEnd(26)}${'adapter'.padStart(12)}${'C library'.padStart(12)}${'ratio'.padStart(8)}  target`);
  let missed = 0;
  for (const [label, a, r, target] of rows) {
    const ratio = a / r;
    const ok = ratio <= target;
    if (!ok) missed++;
    console.log(`${label.padEnd(26)}${ms(a)}${ms(r)}${ratio.toFixed(2).padStart(8)}  <= ${target.toFixed(2)} ${ok ? 'ok' : 'MISSED'}`);
  }
  console.log(`* pipelined: Promise.all through the bounded window vs the C library's sequential loop; speedup ${(ref.xml_seq / ours.xml_pipe).toFixed(2)}x (target >= 3x)`);
  console.log(`  pipelined XML CPU per run: libvirtd ${ours.pipe_cpu.daemon.toFixed(1)} ms, this process ${ours.pipe_cpu.node.toFixed(1)} ms (${availableParallelism()} CPUs)`);
  process.exitCode = missed ? 1 : 0;
} finally {
  fx.cleanup();
}
