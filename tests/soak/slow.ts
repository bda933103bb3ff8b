// The soak test's awkward company: idle sockets, trickled headers, a trickled body, wrong logins, open event streams.
import { request, type ClientRequest } from 'node:http';
import { client, rawSocket, send, sleep } from './traffic.ts';

export interface SlowResult { idleClosedMs: number[]; slowlorisMs: number; trickleStatus: number; trickleMs: number }

/**
 * Ten sockets that never send a byte (127.0.0.61), one that sends a header line every 2 s (127.0.0.62), and one that
 * sends a template's JSON body a byte every 250 ms, for longer than the headers limit (127.0.0.63); that template is
 * deleted again once it is answered.
 */
export function slowClients(base: string, cookie: string, headersMs: number): { result: Promise<SlowResult>; close(): void } {
  const port = Number(new URL(base).port);
  const idle = Array.from({ length: 10 }, () => rawSocket(port, '127.0.0.61'));
  const loris = rawSocket(port, '127.0.0.62');
  void (async () => {
    loris.socket.write('GET /api/vms HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    for (let i = 0; !loris.socket.destroyed; i++) { await sleep(2000); if (!loris.socket.destroyed) loris.socket.write(`X-Slow-${i}: y\r\n`); }
  })();
  const trickle = rawSocket(port, '127.0.0.63');
  const body = Buffer.from(`{"name":"soak-trickle"${' '.repeat(Math.ceil(headersMs / 250))}}`);
  trickle.socket.write(`POST /api/templates HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nX-Requested-With: kimchi-ui\r\n`
    + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
  void (async () => {
    for (let i = 0; i < body.length && !trickle.socket.destroyed; i++) { trickle.socket.write(body.subarray(i, i + 1)); await sleep(250); }
  })();
  const result = (async () => {
    const [idleClosedMs, slowlorisMs, trickleMs] = await Promise.all([Promise.all(idle.map((s) => s.closedAt)), loris.closedAt, trickle.closedAt]);
    const trickleStatus = Number(/^HTTP\/1\.1 (\d{3})/.exec(trickle.received())?.[1] ?? -1);
    if (trickleStatus === 201) {
      const c = client('127.0.0.63');
      c.cookie = cookie;
      await send(base, c, 'DELETE', '/api/templates/soak-trickle');
      c.agent.destroy();
    }
    return { idleClosedMs, slowlorisMs, trickleStatus, trickleMs };
  })();
  return { result, close: () => { for (const s of [...idle, loris, trickle]) s.socket.destroy(); } };
}

/** Wrong passwords for a real account and logins of a user that does not exist, from four addresses, until `until`. */
export async function wrongLogins(base: string, victim: string, until: number): Promise<{ sent: number; statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  let sent = 0;
  await Promise.all([50, 51, 52, 53].map(async (host) => {
    const c = client(`127.0.0.${host}`);
    for (let i = 0; Date.now() < until; i++) {
      const username = i % 2 ? victim : `nosuch${host}`;
      const r = await send(base, c, 'POST', '/api/login', { username, password: `wrong-${i}` });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      sent++;
      await sleep(250);
    }
    c.agent.destroy();
  }));
  return { sent, statuses };
}

/** One open /api/events stream per cookie, as each open UI tab holds; counts the events they receive. */
export function eventStreams(base: string, cookies: string[]): { events(): number; close(): void } {
  let events = 0;
  const reqs: ClientRequest[] = cookies.map((cookie, i) => {
    const req = request(`${base}/api/events`, { headers: { cookie, 'x-requested-with': 'kimchi-ui' }, localAddress: `127.0.0.${40 + i}` }, (res) => {
      res.on('data', (d: Buffer) => { events += (d.toString().match(/^event:/gm) ?? []).length; });
      res.on('error', () => undefined);
    });
    req.on('error', () => undefined);
    req.end();
    return req;
  });
  return { events: () => events, close: () => { for (const r of reqs) r.destroy(); } };
}
