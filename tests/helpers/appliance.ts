// An installed appliance for tests: infra/install.sh under a temp root, its unit's ExecStart run by hand, HTTPS calls
// that trust the generated certificate, and free ports.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface Layout { root: string; prefix: string; etc: string; conf: string; state: string; logs: string; unit: string; bin: string }

export function layout(root: string): Layout {
  const etc = join(root, 'etc', 'kimchi-ts');
  return {
    root, prefix: join(root, 'opt', 'kimchi-ts'), etc, conf: join(etc, 'kimchi-ts.conf'),
    state: join(root, 'var', 'lib', 'kimchi-ts'), logs: join(root, 'var', 'log', 'kimchi-ts'),
    unit: join(root, 'etc', 'systemd', 'system', 'kimchi-ts.service'), bin: join(root, 'usr', 'local', 'bin', 'kimchi-ts'),
  };
}

/** Runs a command to its end: {code, out, err}. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 16 << 20 }, (e, out, err) => {
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out: String(out), err: String(err) });
    });
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

/** Rewrites `key = value` lines of the config file (as an admin would edit it); keys not there are appended. */
export function editConfig(text: string, set: Record<string, string>): string {
  const seen = new Set<string>();
  const lines = text.split('\n').map((l) => {
    const key = /^\s*([\w-]+)\s*=/.exec(l)?.[1];
    if (key && key in set) { seen.add(key); return `${key} = ${set[key]}`; }
    return l;
  });
  for (const [k, v] of Object.entries(set)) if (!seen.has(k)) lines.push(`${k} = ${v}`);
  return lines.join('\n');
}

/** The unit's [Service] ExecStart split into argv, and its Environment= settings. */
export function unitCommand(unitText: string): { argv: string[]; env: Record<string, string> } {
  const exec = /^ExecStart=(.+)$/m.exec(unitText)?.[1];
  if (!exec) throw new Error('the unit has no ExecStart');
  const env: Record<string, string> = {};
  for (const m of unitText.matchAll(/^Environment=(\w+)=(.*)$/gm)) env[m[1]] = m[2];
  return { argv: exec.trim().split(/\s+/), env };
}

export interface Started { child: ChildProcess; out(): string; exited: Promise<number | null> }

/** Starts the unit's ExecStart as systemd would, with the unit's Environment=, a bare PATH and no journal. */
export function startAsUnit(unitPath: string, extraEnv: Record<string, string> = {}): Started {
  const { argv, env } = unitCommand(readFileSync(unitPath, 'utf8'));
  const child = spawn(argv[0], argv.slice(1), {
    cwd: '/', stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', ...env, ...extraEnv },
  });
  let text = '';
  child.stdout!.on('data', (d) => { text += d; });
  child.stderr!.on('data', (d) => { text += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => text, exited };
}

export interface Reply { status: number; headers: Record<string, string | string[] | undefined>; text: string; json(): any }

/** One HTTPS request that trusts only `ca` (the appliance's own certificate) and checks the name `localhost`. */
export function https(url: string, ca: Buffer, init: { method?: string; auth?: string; body?: unknown } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = request(url, {
      method: init.method ?? 'GET', ca, servername: 'localhost',
      headers: { ...(init.auth ? { Authorization: init.auth } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
    });
    req.once('error', reject);
    req.end(body);
  });
}
