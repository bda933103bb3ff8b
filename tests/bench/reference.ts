// The C library side of the benches: Debian's python3-libvirt in a long-lived child (libvirt_ref.py), so the benches
// can take turns with it run by run.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3'; // Debian's, which has python3-libvirt; not the pyenv one on PATH
const REF = fileURLToPath(new URL('./libvirt_ref.py', import.meta.url));

export type Op = 'list' | 'stats' | 'xml_seq';

/** The C library in a long-lived child: one line naming an operation in, the milliseconds of one run out. */
export async function openReference(path: string) {
  // A plain test:///path makes the C library run the test driver in its own process; test+unix:// forces
  // its remote driver onto libvirtd's socket, the same road this adapter takes (virt-admin client-list shows it).
  const child = spawn(PYTHON, [REF, `test+unix://${path}`], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    if (r.done) throw new Error('the reference (libvirt_ref.py) exited early');
    return r.value as string;
  };
  const info = JSON.parse(await next()) as { domains: number; lib_version: number };
  return {
    info,
    async run(op: Op): Promise<number> {
      child.stdin!.write(`${op}\n`);
      return Number(await next());
    },
    close() { child.stdin!.end(); },
  };
}

export function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

