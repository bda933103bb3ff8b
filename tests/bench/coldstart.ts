// Measures cold start: spawning `npm start`'s command until the first HTTP request is answered (median of runs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBuilt, startCommand } from '../helpers/build.ts';
import { ensureUiBuilt } from '../helpers/browser.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.env.RUNS ?? 7);
const uri = process.env.KIMCHI_LIBVIRT_URI ?? 'test:///default';
// Issue 3 asks for the time with the UI built: build what is missing or older than its sources first.
ensureUiBuilt();
ensureServerBuilt();
// `npm start` as it runs: its environment settings, node flags and the built server.
const { env: startEnv, args } = startCommand();

async function once(port: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-coldstart-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [...args, '--port', String(port), '--data-dir', dataDir], {
    cwd: root, stdio: 'ignore', env: { ...process.env, ...startEnv, KIMCHI_LIBVIRT_URI: uri },
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/config`);
        await res.arrayBuffer();
        return performance.now() - t0;
      } catch {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      if (performance.now() - t0 > 20000) throw new Error('no answer within 20 s');
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((r) => { if (child.exitCode !== null) r(); else child.once("exit", () => r()); });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const times: number[] = [];
for (let i = 0; i < runs; i++) times.push(await once(18700 + i));
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`cold start to first answered request: median ${median.toFixed(0)} ms over ${runs} runs`
  + ` (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}); target < 1000 ms: ${median < 1000 ? 'met' : 'MISSED'}`);
process.exitCode = median < 1000 ? 0 : 1;
