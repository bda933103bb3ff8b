// The bundled server (npm run build:server) for tests that run the product's own process; rebuilt when sources are newer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
export const SERVER_BUNDLE = join(ROOT, 'dist', 'server', 'main.mjs');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureServerBuilt(): string {
  const sources = Math.max(...['runtime', 'handlers', 'libvirt', 'db'].map((d) => newest(join(ROOT, d))));
  if (!existsSync(SERVER_BUNDLE) || statSync(SERVER_BUNDLE).mtimeMs < sources) {
    execFileSync('npm', ['run', '-s', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  }
  return SERVER_BUNDLE;
}
