// The product's own server process for tests: the bundle npm run build makes (rebuilt when sources are newer),
// launched exactly as `npm start` launches it (its environment settings and node flags read from package.json).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
export const SERVER_BUNDLE = join(ROOT, 'dist', 'server', 'main.mjs');

/** The newest modification time (ms) of any file under `dir`. */
export function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureServerBuilt(): string {
  const sources = Math.max(...['runtime', 'handlers', 'libvirt', 'db'].map((d) => newestMtime(join(ROOT, d))));
  if (!existsSync(SERVER_BUNDLE) || statSync(SERVER_BUNDLE).mtimeMs < sources) {
    execFileSync('npm', ['run', '-s', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  }
  return SERVER_BUNDLE;
}

/** `npm start` as {env, args}: leading NAME=value words are environment, then `node` and its arguments. */
export function startCommand(): { env: Record<string, string>; args: string[] } {
  const words = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(/\s+/).filter(Boolean);
  const env: Record<string, string> = {};
  while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name] = value.join('=');
  }
  if (words.shift() !== 'node') throw new Error('npm start is expected to run node');
  return { env, args: words.map((w) => (w.endsWith('.mjs') ? join(ROOT, w) : w)) };
}
