// The soak test's traffic mix: what one logged-in client of the UI or a script asks, in what proportions.
import { UI_ASSET } from '../helpers/server.ts';
import { type Client, type Latencies, send, sleep } from './traffic.ts';

export interface Member { c: Client; admin: boolean; i: number; vm: string }

/** One client's loop: a weighted mix of what the UI and scripts ask, 150–450 ms apart (about 45 requests a second in all). */
export async function run(base: string, m: Member, until: number, lat: Latencies, wrong: string[]): Promise<void> {
  const expect = async (route: string, method: string, path: string, want: number, body?: unknown) => {
    const r = await send(base, m.c, method, path, body);
    lat.add(route, r.ms);
    if (r.status !== want) wrong.push(`${route}: ${r.status} ${r.body.slice(0, 200)}`);
  };
  for (let n = 0; Date.now() < until; n++) {
    const p = Math.random();
    if (p < 0.2) await expect('GET / (index.html)', 'GET', '/', 200);
    else if (p < 0.4) await expect('GET /assets/*', 'GET', `/${UI_ASSET}`, 200);
    else if (p < 0.65) await expect('GET /api/vms', 'GET', '/api/vms', 200);
    else if (p < 0.75) await expect('GET /api/vms/{name}', 'GET', `/api/vms/${m.vm}`, 200);
    else if (p < 0.8) await expect('GET /api/session', 'GET', '/api/session', 200);
    else if (!m.admin) await expect('GET /api/vms', 'GET', '/api/vms', 200);
    else if (p < 0.9) await expect('GET /api/{collection}', 'GET', ['/api/templates', '/api/storagepools', '/api/networks'][n % 3]!, 200);
    else if (p < 0.96) {
      const name = `soak-${m.i}-${n}`;
      await expect('POST /api/templates', 'POST', '/api/templates', 201, { name });
      await expect('DELETE /api/templates/{name}', 'DELETE', `/api/templates/${name}`, 204);
    } else {
      await expect('POST /api/vms/{name}/poweroff', 'POST', `/api/vms/${m.vm}/poweroff`, 200);
      await expect('POST /api/vms/{name}/start', 'POST', `/api/vms/${m.vm}/start`, 200);
    }
    await sleep(150 + Math.random() * 300);
  }
}
