// HTTP requests from a chosen loopback source address (127.0.0.x), so throttling tests can play several clients.
import { request } from 'node:http';

export interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string; ms: number }

export interface FromInit {
  /** Source address, e.g. 127.0.0.7 (the whole 127/8 is loopback on Linux). */
  from: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export function from(url: string, init: FromInit): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: init.method ?? 'GET', localAddress: init.from, agent: false,
      headers: { ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** POST /api/login as our UI does, from `addr`. */
export const loginFrom = (base: string, addr: string, username: string, password: string) => from(`${base}/api/login`, {
  from: addr, method: 'POST', headers: { 'X-Requested-With': 'kimchi-ui' }, body: JSON.stringify({ username, password }),
});

export const basicOf = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
