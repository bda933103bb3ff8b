// After `tsc -p tsconfig.lib.json`: declaration files keep our `./x.ts` import specifiers; a package's consumer
// resolves `./x.js` to the `.d.ts` beside it, so rewrite relative `.ts` specifiers to `.js`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SPECIFIER = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(p, 'utf8');
      const fixed = text.replace(SPECIFIER, '$1$2.js$3');
      if (fixed !== text) writeFileSync(p, fixed);
    }
  }
}

walk(process.argv[2] ?? 'dist/types');
