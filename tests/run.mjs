// Runs every uvu suite (tests/**/*.test.ts) in its own process and prints one summary line for CI.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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

function runSuite(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORCE_COLOR: '0' },
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
for (const f of files) {
  console.log(`\n# ${relative(root, f)}`);
  const r = await runSuite(f);
  passed += r.passed; failed += r.failed; skipped += r.skipped;
  if (r.failed) bad.push(relative(root, f));
}
if (bad.length) console.log(`\nfailing suites: ${bad.join(', ')}`);
if (skipped) console.log(`\n${skipped} skipped (each suite says why)`);
// CI reads this last line: exactly `N passed, N failed`.
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed || !files.length ? 1 : 0);
