// Issue 2: libvirt access needs no native dependency — libvirt/ imports only Node's own modules and pure-JS packages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Everything under a package that would need a compiler or ship a prebuilt binary. */
function nativeParts(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return nativeParts(p);
    return f === 'binding.gyp' || f.endsWith('.node') ? [p] : [];
  });
}

test('libvirt/ imports only node: modules, its own files and packages with nothing native in them', () => {
  const packages = new Set<string>();
  for (const f of files(join(ROOT, 'libvirt'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*from\s+'([^']+)'/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.') || spec.startsWith('node:')) continue;
      packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  assert.ok(packages.size > 0, 'the scan found the XML library, so it reads imports');
  for (const pkg of packages) {
    const dir = join(ROOT, 'node_modules', pkg);
    assert.ok(existsSync(dir), `${pkg} is installed`);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { gypfile?: boolean; scripts?: Record<string, string> };
    assert.not.ok(manifest.gypfile, `${pkg} is built with node-gyp`);
    assert.not.ok(manifest.scripts?.install, `${pkg} runs an install script`);
    assert.equal(nativeParts(dir), [], `${pkg} ships native parts`);
  }
});

test.run();
