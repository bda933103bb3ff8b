// The `npm pack` tarball installed into an empty project, as a host installs us: the public entry points import and
// type-check, and the Hono example, copied into that project, serves the fixture's guests and the UI at /virt.
//
// Fast and offline: the project gets a lockfile made from this checkout's (our production dependencies at the versions
// tested here, the tarball's own integrity), so `npm ci --offline` takes every package from npm's cache; install
// scripts are skipped and better-sqlite3's addon, compiled for this Node by this checkout's install, is copied in.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, UI_DIR, ensureUiBuilt } from '../helpers/browser.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { EXAMPLES, ensureLibBuilt, startExample, type RunningHost } from './host.ts';

const s: { dir?: string; fx?: Fixture; host?: RunningHost } = {};
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface LockEntry { dev?: boolean; [k: string]: unknown }

/** The empty project's package.json and lockfile: the tarball, and our non-dev lock entries under it. */
function hostProject(dir: string, tarball: string): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${tarball}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(join(dir, tarball))).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'host-app', dependencies: { 'kimchi-ts': spec } },
    'node_modules/kimchi-ts': { version: pkg.version, resolved: spec, integrity, dependencies: pkg.dependencies, engines: pkg.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path.startsWith('node_modules/') && !entry.dev) packages[path] = entry;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module', dependencies: { 'kimchi-ts': spec } }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'host-app', lockfileVersion: 3, requires: true, packages }));
}

test.before(() => {
  ensureUiBuilt();
  ensureLibBuilt();
  s.dir = mkdtempSync(join(tmpdir(), 'kimchi-test-embed-pack-'));
  // The build is fresh (above): pack without running prepack again.
  const [{ filename }] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', s.dir], ROOT)) as Array<{ filename: string }>;
  hostProject(s.dir, filename);
  npm(['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], s.dir);
  const addon = join('node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(join(s.dir, addon), { recursive: true });
  copyFileSync(join(ROOT, addon, 'better_sqlite3.node'), join(s.dir, addon, 'better_sqlite3.node'));
});
test.after(() => cleanUp([
  ['host', () => s.host?.stop()],
  ['fixture', () => s.fx?.cleanup()],
  ['project', () => { if (s.dir) rmSync(s.dir, { recursive: true, force: true }); }],
]));

test('the tarball holds the built package, not the sources or the tests', () => {
  const installed = join(s.dir!, 'node_modules', 'kimchi-ts');
  const files = execFileSync('find', ['.', '-type', 'f'], { cwd: installed, encoding: 'utf8' }).split('\n');
  for (const f of ['./dist/lib/runtime/index.js', './dist/types/runtime/index.d.ts', './dist/ui/index.html', './db/migrations/meta/_journal.json', './examples/embed-hono/server.mjs']) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
  assert.not.ok(files.some((f) => f.startsWith('./tests/') || f.startsWith('./ui/') || f.endsWith('.test.ts')), 'no sources or tests');
});

test('a host imports the public entry points: the runtime, createApp and the libvirt client', () => {
  const script = `import { openKimchi, startServer, pamProvider } from 'kimchi-ts';
import { createApp, KimchiError } from 'kimchi-ts/handlers';
import { LibvirtClient, LibvirtError } from 'kimchi-ts/libvirt';
console.log(JSON.stringify([openKimchi, startServer, pamProvider, createApp, KimchiError, LibvirtClient, LibvirtError].map((f) => typeof f)));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: s.dir, encoding: 'utf8' });
  assert.equal(JSON.parse(out), Array(7).fill('function'));
});

test('the entry points come with types a host\'s TypeScript checks against', () => {
  writeFileSync(join(s.dir!, 'host.ts'), `import { openKimchi, type IdentifyUser, type Kimchi } from 'kimchi-ts';
import { createApp } from 'kimchi-ts/handlers';
import { LibvirtClient } from 'kimchi-ts/libvirt';
const identify: IdentifyUser = (request) => (request.headers.get('x-user') ? { name: 'a', admin: true, groups: [] } : null);
export const open = (): Promise<Kimchi> => openKimchi({ libvirtUri: 'test:///default', dataDir: 'data', basePath: '/virt', identify });
export const parts = [createApp, LibvirtClient];
// @ts-expect-error the base path is a string
void openKimchi({ libvirtUri: 'test:///default', dataDir: 'data', basePath: 42 });
`);
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
    '--skipLibCheck', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types'), 'host.ts'], { cwd: s.dir, encoding: 'utf8' });
});

test('the Hono example runs from the installed package: the guests at /virt/api/vms and the UI at /virt/', async () => {
  const example = EXAMPLES[0]!;
  const script = join(s.dir!, 'server.mjs');
  copyFileSync(join(s.dir!, 'node_modules', 'kimchi-ts', 'examples', example.dir, 'server.mjs'), script);
  s.fx = writeFixture({ domains: ['web-1'] });
  s.host = await startExample(example, s.fx.uri, script, s.dir);
  const vms = await fetch(`${s.host.url}/virt/api/vms`, { headers: example.admin });
  assert.equal((await vms.json() as Array<{ name: string }>).map((v) => v.name), ['web-1']);
  const page = await (await fetch(`${s.host.url}/virt/`, { headers: example.admin })).text();
  assert.is(page, readFileSync(join(UI_DIR, 'index.html'), 'utf8'));
  assert.equal(await s.host.stop(), { code: 0, signal: null, killed: false }, s.host.output());
});

test.run();
