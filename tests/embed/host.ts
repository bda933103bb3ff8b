// Runs one of examples/embed-* as its own process (as a host would: plain node, importing the built package) against a
// libvirt URI, reads its address, and stops it with SIGTERM, reporting how the process ended.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestMtime } from '../helpers/build.ts';
import { ROOT } from '../helpers/browser.ts';

export interface Example {
  /** examples/<dir>/server.mjs */
  dir: 'embed-hono' | 'embed-node-http';
  /** Headers that log in as the host's administrator, and as its other user. */
  admin: Record<string, string>;
  user: Record<string, string>;
  /** What the host's own page says (its route, not ours). */
  hostPage: RegExp;
}

const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
export const EXAMPLES: Example[] = [
  { dir: 'embed-hono', admin: basic('alice', 'alice-secret'), user: basic('bob', 'bob-secret'), hostPage: /Host home/ },
  { dir: 'embed-node-http', admin: { Authorization: 'Bearer alice-token' }, user: { Authorization: 'Bearer bob-token' }, hostPage: /host page for alice/ },
];

/** `npm run build:lib` when dist/lib is missing or older than the sources it bundles (the examples import it). */
export function ensureLibBuilt(): void {
  const stamp = join(ROOT, 'dist', 'types', 'runtime', 'index.d.ts');
  const sources = Math.max(...['runtime', 'handlers', 'libvirt', 'db'].map((d) => newestMtime(join(ROOT, d))));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources && existsSync(join(ROOT, 'dist', 'lib', 'runtime', 'index.js'))) return;
  execFileSync('npm', ['run', '-s', 'build:lib'], { cwd: ROOT, stdio: 'inherit' });
}

export interface RunningHost {
  /** `http://127.0.0.1:PORT` (the host's root; we are at /virt/). */
  url: string;
  child: ChildProcess;
  /** Everything the process printed. */
  output(): string;
  /** SIGTERM, then how the process ended by itself (it is killed after `ms`, and that is reported as such). */
  stop(ms?: number): Promise<{ code: number | null; signal: string | null; killed: boolean }>;
}

export async function startExample(example: Example, libvirtUri: string, script = join(ROOT, 'examples', example.dir, 'server.mjs'), cwd = ROOT): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-embed-'));
  const child = spawn(process.execPath, [script], {
    cwd, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KIMCHI_LIBVIRT_URI: libvirtUri, KIMCHI_DATA_DIR: dataDir, PORT: '0', KIMCHI_LOG_LEVEL: 'warn' },
  });
  let text = '';
  child.stdout!.on('data', (d) => { text += d; });
  child.stderr!.on('data', (d) => { text += d; });
  const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${example.dir} did not start:\n${text}`)), 60_000);
    const look = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/virt\//.exec(text);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', look);
    void ended.then(() => { clearTimeout(timer); reject(new Error(`${example.dir} exited before listening:\n${text}`)); });
  });
  let stopping: ReturnType<RunningHost['stop']> | undefined;
  return {
    url, child, output: () => text,
    stop: (ms = 20_000) => (stopping ??= (async () => {
      let killed = false;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, ms);
        await ended;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
      return { ...(await ended), killed };
    })()),
  };
}
