// Kimchi 3.0's "create a volume from a URL" on /plugins/kimchi, against a real pool on qemu:///system and an http
// server on this machine: a Task in Kimchi's four fields whose volume holds the file; a URL that does not hand the
// file over is Kimchi's 400 KCHVOL0022E (translated) and nothing is made; a name the URL suggests that is taken becomes
// Kimchi's next free `<name> (<n>)`, a taken name asked for is refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { cloudKit, poolVolumes, type CloudKit } from '../cloudinit/kit.ts';

let k: CloudKit;
let server: Server;
let base = '';
let image: Buffer;
test.before(async () => {
  k = await cloudKit();
  image = readFileSync(k.qcow2);
  server = createServer((req, res) => {
    if (req.url === '/img/jammy-server-cloudimg.qcow2') res.writeHead(200, { 'Content-Length': image.length }).end(image);
    else res.writeHead(404).end('no such image');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.after(async () => { server.close(); await k.cleanup(); });

const V = () => `/plugins/kimchi/storagepools/${k.pool.name}/storagevolumes`;
async function settle(id: string): Promise<{ status: number; body: any }> {
  for (let i = 0; i < 1200; i++) {
    const r = await k.send('GET', `/plugins/kimchi/tasks/${id}`);
    if (r.body.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`task ${id} did not end`);
}

test('POST storagevolumes {url}: a Kimchi Task whose volume holds the downloaded image, named from the URL or as asked', async () => {
  const before = await poolVolumes(k);
  const r = await k.send('POST', V(), { url: `${base}/img/jammy-server-cloudimg.qcow2`, format: 'raw' });
  assert.is(r.status, 202, JSON.stringify(r.body));
  assert.equal(Object.keys(r.body).sort(), ['id', 'message', 'status', 'target_uri'], 'Kimchi\'s task fields only');
  assert.is(r.body.target_uri, `${V()}/jammy-server-cloudimg.qcow2`);
  const done = await settle(r.body.id);
  assert.equal([done.body.status, Object.keys(done.body).sort()], ['finished', ['id', 'message', 'status', 'target_uri']]);
  assert.ok(readFileSync(join(k.poolDir, 'jammy-server-cloudimg.qcow2')).equals(image), 'the bytes arrived whole');
  const vol = await k.send('GET', `${V()}/jammy-server-cloudimg.qcow2`);
  assert.equal([vol.status, vol.body.format, vol.body.capacity], [200, 'qcow2', 64 * 1024 ** 2], 'libvirt reads the qcow2 header');

  const named = await k.send('POST', V(), { url: `${base}/img/jammy-server-cloudimg.qcow2`, name: 'kimchi-test-named.qcow2' });
  assert.is(named.status, 202, JSON.stringify(named.body));
  assert.is((await settle(named.body.id)).body.status, 'finished');

  // The name the URL suggests is taken now: Kimchi picks the next free one, `<name> (<n>)` with n one past the highest.
  const img = 'jammy-server-cloudimg.qcow2';
  const second = await k.send('POST', V(), { url: `${base}/img/${img}` });
  assert.is(second.status, 202, JSON.stringify(second.body));
  assert.is(second.body.target_uri, `${V()}/${encodeURIComponent(`${img} (1)`)}`);
  assert.is((await settle(second.body.id)).body.status, 'finished');
  assert.ok(readFileSync(join(k.poolDir, `${img} (1)`)).equals(image), 'the second copy holds the bytes too');
  const made = await k.send('POST', V(), { name: `${img} (7)`, capacity: 1024 ** 2, format: 'raw' });
  assert.is(made.status, 202, JSON.stringify(made.body));
  const third = await k.send('POST', V(), { url: `${base}/img/${img}` });
  assert.is(third.body.target_uri, `${V()}/${encodeURIComponent(`${img} (8)`)}`, 'one past the highest number, as Kimchi');
  assert.is((await settle(third.body.id)).body.status, 'finished');

  // A name asked for that is taken stays refused: Kimchi's "already exists", before anything is fetched into the pool.
  const again = await k.send('POST', V(), { url: `${base}/img/${img}`, name: 'kimchi-test-named.qcow2' });
  assert.equal([again.status, again.body.code], [400, '400 Bad Request']);
  assert.match(again.body.reason, /^KCHVOL0001E: /);
  const all = [img, `${img} (1)`, `${img} (7)`, `${img} (8)`, 'kimchi-test-named.qcow2'];
  assert.equal(await poolVolumes(k), [...before, ...all].sort());
  for (const n of all) assert.is((await k.send('DELETE', `${V()}/${encodeURIComponent(n)}`)).status, 204);
  assert.equal(await poolVolumes(k), before);
});

test('a URL that answers 404 or where nothing listens: 400 KCHVOL0022E in the caller\'s language, and no volume', async () => {
  const before = await poolVolumes(k);
  const missing = await k.send('POST', V(), { url: `${base}/img/nope.qcow2` });
  assert.equal([missing.status, missing.body], [400, { code: '400 Bad Request', reason: `KCHVOL0022E: Unable to access file ${base}/img/nope.qcow2. Please, check it.` }]);
  const closed = await new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as AddressInfo).port; s.close(() => resolve(p)); }); });
  const pt = await k.send('POST', V(), { url: `http://127.0.0.1:${closed}/x.qcow2` }, 'pt-BR');
  assert.is(pt.status, 400);
  assert.match(pt.body.reason, /^KCHVOL0022E: Não foi possível acessar o arquivo http:\/\/127\.0\.0\.1:\d+\/x\.qcow2/);
  const noName = await k.send('POST', V(), { url: `${base}/` });
  assert.match(noName.body.reason, /^KCHVOL0016E: /, 'a URL naming no file needs a name');
  assert.equal(await poolVolumes(k), before, 'nothing was made');
});

test.run();
