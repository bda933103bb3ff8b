// Runs every uvu suite (tests/**/*.test.ts) in its own process and prints one summary line for CI.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'output' || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function runSuite(file, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORCE_COLOR: '0', ...env },
    });
    let text = '';
    child.stdout.on('data', (d) => { text += d; process.stdout.write(d); });
    child.on('close', (code) => {
      const num = (label) => {
        const all = [...text.matchAll(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'gm'))];
        return all.reduce((n, m) => n + Number(m[1]), 0);
      };
      const total = num('Total'), passed = num('Passed'), skipped = num('Skipped');
      let failed = total - passed; // uvu's Total leaves skipped tests out
      // A suite that crashed or exited non-zero without reporting a failure still counts as one.
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ passed, failed, skipped });
    });
  });
}

const files = find(join(root, 'tests')).filter((f) => !filters.length || filters.some((s) => f.includes(s)));
let passed = 0, failed = 0, skipped = 0;
const bad = [];
async function run(f, env, label = relative(root, f)) {
  console.log(`\n# ${label}`);
  const r = await runSuite(f, env);
  passed += r.passed; failed += r.failed; skipped += r.skipped;
  if (r.failed) bad.push(label);
}
// The host's default pool and network are recorded before the first suite and compared after the last, whatever
// the filter: a run must never change them (each half counts as a test).
const guard = join(root, 'tests', 'guard', 'host-defaults.ts');
const guardDir = mkdtempSync(join(tmpdir(), 'kimchi-guard-'));
const record = join(guardDir, 'host.json');
await run(guard, { KIMCHI_HOST_GUARD: `record:${record}` }, 'host guard: before');
for (const f of files) await run(f);
await run(guard, { KIMCHI_HOST_GUARD: `check:${record}` }, 'host guard: after');
rmSync(guardDir, { recursive: true, force: true });
if (bad.length) console.log(`\nfailing suites: ${bad.join(', ')}`);
if (skipped) console.log(`\n${skipped} skipped (each suite says why)`);
// CI reads this last line: exactly `N passed, N failed`.
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed || !files.length ? 1 : 0);
