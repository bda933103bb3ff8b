// The running server: UI caching, the API page, the event stream, tasks across restarts, graceful shutdown.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request } from 'node:http';
import { join } from 'node:path';
import { createTask, getTask, openStore } from '../../db/index.ts';
import { LibvirtClient } from '../../libvirt/index.ts';
import { startServer } from '../../runtime/server.ts';
import { silent } from '../helpers/app.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { getJson, serve, UI_ASSET, UI_MARKER, until } from '../helpers/server.ts';
import { SocketProxy } from '../libvirt/proxy.ts';

let fx: Fixture;
test.before(() => { fx = writeFixture(); });
test.after(() => fx.cleanup());

test('hashed assets are cached forever, index.html never, and client-side routes get the app', async () => {
  const s = await serve(fx.uri);
  try {
    const asset = await fetch(`${s.url}/${UI_ASSET}`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/guests/some-vm']) {
      const r = await fetch(`${s.url}${path}`);
      assert.equal([r.status, r.headers.get('cache-control')], [200, 'no-cache'], path);
      assert.match(await r.text(), new RegExp(UI_MARKER));
    }
    assert.equal((await fetch(`${s.url}/assets/missing-123.js`)).status, 404);
  } finally {
    await s.stop();
  }
});

test('the API page is served from local files and reads the generated OpenAPI document', async () => {
  const s = await serve(fx.uri);
  try {
    const page = await fetch(`${s.url}/api/docs`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /swagger-ui-bundle\.js/);
    const bundle = await fetch(`${s.url}/api/docs/assets/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.ok((await bundle.arrayBuffer()).byteLength > 100_000);
    assert.match(await (await fetch(`${s.url}/api/docs/init.js`)).text(), /\/api\/openapi\.json/);
    assert.equal((await fetch(`${s.url}/api/docs/assets/..%2Fpackage.json`)).status, 404);
  } finally {
    await s.stop();
  }
});

/** Read SSE events (name + parsed data) from a streaming response until `count` arrived. */
async function readEvents(res: Response, count: number): Promise<Array<{ event: string; data: any }>> {
  const reader = res.body!.getReader();
  const out: Array<{ event: string; data: any }> = [];
  let buf = '';
  while (out.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += new TextDecoder().decode(value);
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) out.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return out;
}

test('the event stream sends the config state first and again when libvirtd is lost, in the language asked for', async () => {
  const proxy = new SocketProxy();
  await proxy.listen();
  const s = await serve(`${fx.uri}?socket=${proxy.path}`);
  try {
    const res = await fetch(`${s.url}/api/events?lang=pt-BR`);
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const events = readEvents(res, 2);
    await new Promise((r) => setTimeout(r, 100));
    await proxy.stopListening();
    proxy.killAll();
    const [first, second] = await events;
    assert.equal(first, { event: 'config', data: { state: 'ok', version: '0.1.0' } });
    assert.equal(second.event, 'config');
    assert.equal(second.data.state, 'error');
    assert.match(second.data.error.reason, /^Não foi possível conectar ao libvirtd/);
  } finally {
    await s.stop();
    await proxy.close();
  }
});

test('a VM powered off through the API is announced on the event stream with the state it is left in', async () => {
  const s = await serve(fx.uri);
  try {
    const res = await fetch(`${s.url}/api/events`);
    const events = readEvents(res, 2);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await fetch(`${s.url}/api/vms/test-vm/poweroff`, { method: 'POST' })).status, 200);
    const [, vm] = await events;
    assert.equal(vm.event, 'vm');
    assert.equal([vm.data.name, vm.data.event, vm.data.state], ['test-vm', 'stopped', 'shutoff']);
  } finally {
    await s.stop();
  }
});

test('a task left running by a stopped server reads as failed after the next start', async () => {
  const s = await serve(fx.uri);
  const dbPath = join(s.dataDir, 'kimchi.db');
  await s.close();
  const store = openStore(dbPath);
  const task = createTask(store.db, '/plugins/kimchi/vms/x', 'copying');
  store.close();
  const again = await startServer({ host: '127.0.0.1', port: 0, libvirtUri: fx.uri, dataDir: s.dataDir, logger: silent, uiDir: '/nonexistent' });
  try {
    const r = await getJson(`${again.url}/api/tasks/${task.id}`);
    assert.equal([r.body.status, r.body.message], ['failed', 'The server stopped while this task was running.']);
  } finally {
    await again.close();
    await s.stop();
  }
});

test('close() stops accepting, lets an in-flight request finish, ends event streams, closes libvirt and SQLite', async () => {
  const client = new LibvirtClient({ uri: fx.uri });
  const s = await serve(fx.uri, { client });
  const { port } = new URL(s.url);
  // A request whose body is still arriving when close() is called.
  const inflight = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/config/recheck',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; }).on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.write('{');
    setTimeout(() => req.end('}'), 300);
  });
  const stream = await fetch(`${s.url}/api/events`);
  const streamEnded = stream.text();
  await new Promise((r) => setTimeout(r, 50));
  const closed = s.close();
  await new Promise((r) => setTimeout(r, 50));
  await fetch(`${s.url}/api/config`).then(() => assert.unreachable('a new request was accepted'), (e) => assert.match(String(e.cause?.code ?? e), /ECONNREFUSED/));
  const answer = await inflight;
  assert.equal(answer.status, 200);
  assert.equal(JSON.parse(answer.body).state, 'ok');
  await streamEnded;
  await closed;
  assert.equal(client.connected, false);
  const store = openStore(join(s.dataDir, 'kimchi.db')); // WAL checkpointed and unlocked: opens again
  assert.equal(getTask(store.db, 1), undefined);
  store.close();
  await s.stop();
});

test.run();
