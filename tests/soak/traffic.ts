// Load-generation pieces of the soak test: timed HTTP requests from a chosen loopback address, raw slow sockets,
// latency figures per route.
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Client { agent: Agent; from: string; cookie: string }
export interface Answer { status: number; ms: number; body: string; headers: Record<string, string | string[] | undefined> }

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function client(from: string): Client {
  return { agent: new Agent({ keepAlive: true, maxSockets: 1 }), from, cookie: '' };
}

/** One request, timed from sending to the last byte of the answer. */
export function send(base: string, c: Client, method: string, path: string, body?: unknown): Promise<Answer> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | number> = { 'x-requested-with': 'kimchi-ui' };
  if (c.cookie) headers.cookie = c.cookie;
  if (data) { headers['content-type'] = 'application/json'; headers['content-length'] = data.length; }
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers, agent: c.agent, localAddress: c.from }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(parts).toString(), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** A raw connection from `from`; `closedAt` resolves with the ms after opening when the server closed it. */
export function rawSocket(port: number, from: string): { socket: Socket; closedAt: Promise<number>; received: () => string } {
  const t0 = Date.now();
  const socket = connect({ port, host: '127.0.0.1', localAddress: from });
  let got = '';
  socket.on('data', (d) => { got += d; });
  socket.on('error', () => undefined);
  const closedAt = new Promise<number>((r) => socket.once('close', () => r(Date.now() - t0)));
  return { socket, closedAt, received: () => got };
}

/** p50, p99 and max of each route's latencies. */
export class Latencies {
  readonly byRoute = new Map<string, number[]>();
  add(route: string, ms: number): void {
    const list = this.byRoute.get(route) ?? [];
    list.push(ms);
    this.byRoute.set(route, list);
  }
  stats(route: string): { n: number; p50: number; p99: number; max: number } {
    const sorted = [...(this.byRoute.get(route) ?? [])].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
    return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
  }
  table(): string {
    const rows = [...this.byRoute.keys()].sort().map((r) => {
      const s = this.stats(r);
      return `  ${r.padEnd(28)} ${String(s.n).padStart(6)} ${s.p50.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)} ${s.max.toFixed(1).padStart(8)}`;
    });
    return [`  ${'route'.padEnd(28)} ${'n'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`, ...rows].join('\n');
  }
}

/** Resident memory of a process, in MB. */
export async function rssMB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU time a process has used (user + system), in seconds (Linux clock ticks are 1/100 s). */
export async function cpuSeconds(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}
