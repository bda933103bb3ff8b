// Cloud images from a URL on the same network (issue 15): POST /api/storagepools/{pool}/downloads streams an http
// answer into a new volume as a Task; a bad answer is a translated 400 with nothing made; the result backs a guest.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { cloudKit, execFile, poolVolumes, PREFIX, type CloudKit } from './kit.ts';

let k: CloudKit;
let server: Server;
let base = '';
let before: string[];
test.before(async () => {
  k = await cloudKit();
  before = await poolVolumes(k);
  const image = readFileSync(k.qcow2);
  server = createServer((req, res) => {
    if (req.url === '/images/debian-12-genericcloud-amd64.qcow2') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': image.length }).end(image);
    } else if (req.url === '/short.qcow2') {
      // Promises more than it sends, then hangs up.
      res.writeHead(200, { 'Content-Length': image.length });
      res.write(image.subarray(0, 4096), () => res.destroy());
    } else res.writeHead(404).end('no such image');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.after(async () => { server.close(); await k.cleanup(); });

const download = (body: unknown, lang?: string) => k.send('POST', `/api/storagepools/${k.pool.name}/downloads`, body, lang);

test('a qcow2 at an http URL becomes a qcow2 volume of the pool (a Task with byte progress), and backs a cloud-init guest', async () => {
  const r = await download({ url: `${base}/images/debian-12-genericcloud-amd64.qcow2` });
  assert.is(r.status, 202, JSON.stringify(r.body));
  assert.is(r.body.target_uri, `/plugins/kimchi/storagepools/${k.pool.name}/storagevolumes/debian-12-genericcloud-amd64.qcow2`);
  const done = await k.settle(r.body.id);
  assert.equal([done.status, done.message], ['finished', `${readFileSync(k.qcow2).length}/${readFileSync(k.qcow2).length}`]);
  const path = join(k.poolDir, 'debian-12-genericcloud-amd64.qcow2');
  assert.ok(readFileSync(path).equals(readFileSync(k.qcow2)), 'the bytes arrived whole');

  const name = `${PREFIX}dl`;
  const vm = await k.send('POST', '/api/vms', {
    name, source: { type: 'cloud', path }, storagepool: `/api/storagepools/${k.pool.name}`, networks: [], memory: 128,
    cloud_init: { user: 'gina', ssh_keys: [k.sshKey] },
  });
  assert.is(vm.status, 202, JSON.stringify(vm.body));
  assert.is((await k.settle(vm.body.id)).status, 'finished');
  const { stdout } = await execFile('qemu-img', ['info', '--output=json', '-U', join(k.poolDir, `${name}-0.qcow2`)], { encoding: 'utf8' });
  assert.equal([JSON.parse(stdout)['backing-filename'], JSON.parse(stdout)['backing-filename-format']], [path, 'qcow2']);
  assert.is((await k.send('DELETE', `/api/vms/${name}`)).status, 204);
  assert.is((await k.send('DELETE', `/api/storagepools/${k.pool.name}/storagevolumes/debian-12-genericcloud-amd64.qcow2`)).status, 204);
  assert.equal(await poolVolumes(k), before);
});

test('a 404, nothing listening, or not http(s): a translated 400 and nothing made', async () => {
  const missing = await download({ url: `${base}/nope.qcow2` }, 'pt-BR');
  assert.equal([missing.status, missing.body.code], [400, 'KCHCI0014E']);
  assert.match(missing.body.reason, 'respondeu 404 Not Found, não o arquivo');
  server.close();
  const closed = await download({ url: `${base}/images/debian-12-genericcloud-amd64.qcow2`, name: 'x.qcow2' });
  assert.equal([closed.status, closed.body.code], [400, 'KCHCI0013E']);
  assert.equal([(await download({ url: 'ftp://127.0.0.1/a.qcow2' })).body.code, (await download({ url: `${base}/` })).body.code], ['KCHAPI0005E', 'KCHCI0012E']);
  await new Promise<void>((resolve) => server.listen(Number(new URL(base).port), '127.0.0.1', resolve));
  assert.equal(await poolVolumes(k), before);
  const tasks = (await k.send('GET', '/api/tasks')).body.map((t: { target_uri: string }) => t.target_uri.split('/').pop());
  for (const n of ['nope.qcow2', 'x.qcow2']) assert.not.ok(tasks.includes(n), `a task for ${n}`);
});

test('an answer cut short fails the Task and deletes the half volume', async () => {
  const r = await download({ url: `${base}/short.qcow2` });
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await k.settle(r.body.id);
  assert.is(done.status, 'failed');
  assert.equal(await poolVolumes(k), before);
});

test.run();
