// Where the checkout is: found from this module upwards, so it holds under tsx (runtime/) and bundled (dist/server/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'kimchi-ts') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the kimchi-ts checkout above the server module');
    dir = up;
  }
}

export const ROOT = findRoot();
export const MIGRATIONS_DIR = join(ROOT, 'db', 'migrations');
export const UI_DIR = join(ROOT, 'dist', 'ui');
