// Two real libvirtd hosts (A, B) in network namespaces, from infra/two-hosts.sh; each suite may use its own testbed.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../infra/two-hosts.sh', import.meta.url));

export interface Testbed {
  /** What a server in the normal namespace uses: the daemons' unix sockets. */
  aUri: string;
  bUri: string;
  /** What the daemons use to reach each other (p2p migration): only valid inside the namespaces. */
  aTcp: string;
  bTcp: string;
  /** SIGKILL one daemon (its guests keep running), start it again, restart it. */
  kill(h: 'a' | 'b'): void;
  start(h: 'a' | 'b'): void;
  restart(h: 'a' | 'b'): void;
  /** Destroy guests, stop daemons, remove namespaces and files. */
  down(): void;
}

export interface TestbedOptions {
  /** Namespace prefix (1–8 lowercase letters/digits), state dir and /24 net: distinct per testbed. */
  prefix?: string;
  dir?: string;
  net?: string;
}

/** Bring a testbed up (idempotent; ~9 s the first time, well under a second later). */
export function twoHosts(opts: TestbedOptions = {}): Testbed {
  const env = {
    ...process.env,
    SCALEOUT_PREFIX: opts.prefix ?? 'kso',
    SCALEOUT_DIR: opts.dir ?? '/var/tmp/kimchi-scaleout',
    SCALEOUT_NET: opts.net ?? '10.250.12',
  };
  const run = (...args: string[]) => execFileSync('bash', [SCRIPT, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const vars = Object.fromEntries(run('up').split('\n').flatMap((line) => {
    const m = /^(\w+)='(.*)'$/.exec(line);
    return m ? [[m[1], m[2]]] : [];
  }));
  return {
    aUri: vars.SCALEOUT_A_UNIX, bUri: vars.SCALEOUT_B_UNIX, aTcp: vars.SCALEOUT_A_TCP, bTcp: vars.SCALEOUT_B_TCP,
    kill: (h) => void run('kill', h),
    start: (h) => void run('start', h),
    restart: (h) => void run('restart', h),
    down: () => void run('down'),
  };
}
