// createApp as another Web-standard host would use it: app.request() with real deps, no server.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp({ domains: ['test-vm', 'alpha'] }); });
test.after(async () => { await t.cleanup(); });

test('the config resource says ok when libvirtd, the default network and the default pool are fine', async () => {
  const r = await json(t.app.request('/api/config'));
  assert.equal(r.status, 200);
  assert.equal(r.body, { state: 'ok', version: 'test' });
});

test('the VM list comes from libvirtd, under /api and the Kimchi 3.0 surface /plugins/kimchi alike', async () => {
  const a = await json(t.app.request('/api/vms'));
  assert.equal(a.status, 200);
  assert.equal(a.body.map((v: { name: string; state: string }) => [v.name, v.state]), [['alpha', 'running'], ['test-vm', 'running']]);
  assert.match(a.body[0].uuid, /^[0-9a-f-]{36}$/);
  const b = await json(t.app.request('/plugins/kimchi/vms'));
  assert.equal(b.body.map((v: { name: string; uuid: string }) => [v.name, v.uuid]), a.body.map((v: { name: string; uuid: string }) => [v.name, v.uuid]));
});

test('a VM defined behind our back (as with virsh) shows up on the next list', async () => {
  const conn = t.client.connection;
  const xml = "<domain type='test'><name>made-with-virsh</name><memory>65536</memory><os><type>hvm</type></os></domain>";
  const dom = await conn.domainDefineXML(xml);
  try {
    const r = await json(t.app.request('/api/vms'));
    assert.ok(r.body.some((v: { name: string; state: string }) => v.name === 'made-with-virsh' && v.state === 'shutoff'));
  } finally {
    await conn.domainUndefine(dom);
  }
});

test('an unknown route answers 404 with a code and a reason in the caller language', async () => {
  const en = await json(t.app.request('/api/no-such-thing'));
  assert.equal(en.status, 404);
  assert.equal(en.body, { code: 'KCHAPI0001E', reason: 'The resource /api/no-such-thing does not exist.' });
  const pt = await json(t.app.request('/plugins/kimchi/nada', { headers: { 'Accept-Language': 'pt-BR,pt;q=0.9,en;q=0.5' } }));
  assert.equal(pt.body, { code: '404 Not Found', reason: 'O recurso /plugins/kimchi/nada não existe.' }, 'Kimchi 3.0 shape on /plugins/kimchi');
});

test('Accept-Language picks the best supported locale by q-value and falls back to en-US', async () => {
  const ask = async (lang: string) => (await json(t.app.request('/api/x', { headers: { 'Accept-Language': lang } }))).body.reason;
  assert.match(await ask('fr-FR, pt;q=0.8, en;q=0.7'), /^O recurso/);
  assert.match(await ask('en;q=0.9, pt-BR;q=0.2'), /^The resource/);
  assert.match(await ask('de, fr'), /^The resource/);
  assert.match(await ask('pt-PT'), /^O recurso/);
});

const post = (path: string, body: BodyInit, type = 'application/json', lang = 'en-US') =>
  json(t.app.request(path, { method: 'POST', body, headers: { 'Content-Type': type, 'Accept-Language': lang } }));

test('a malformed JSON body is a 400 with a clear reason, never a stack trace', async () => {
  const r = await post('/api/config/recheck', '{"half": ');
  assert.equal(r.status, 400);
  assert.equal(r.body, { code: 'KCHAPI0002E', reason: 'The request body is not valid JSON.' });
  const pt = await post('/api/config/recheck', '{', 'application/json', 'pt-BR');
  assert.equal(pt.body.reason, 'O corpo da requisição não é um JSON válido.');
});

test('an empty body announced as JSON is the same clear 400, not a 500', async () => {
  const r = await json(t.app.request('/api/templates', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '0' } }));
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0002E']);
});

test('a body that is not JSON is refused with 415, naming the type that was sent', async () => {
  const r = await post('/api/config/recheck', 'a=1', 'application/x-www-form-urlencoded');
  assert.equal(r.status, 415);
  assert.equal(r.body.code, 'KCHAPI0003E');
  assert.match(r.body.reason, /application\/x-www-form-urlencoded/);
});

test('a 2 MB body is refused with 413, whether its length is announced or streamed', async () => {
  const big = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) });
  const announced = await post('/api/config/recheck', big);
  assert.equal(announced.status, 413);
  assert.equal(announced.body.code, 'KCHAPI0004E');
  assert.match(announced.body.reason, /1024 KiB/);
  const chunks = [new TextEncoder().encode(big.slice(0, 1_500_000)), new TextEncoder().encode(big.slice(1_500_000))];
  const stream = new ReadableStream({ pull(c) { const n = chunks.shift(); if (n) c.enqueue(n); else c.close(); } });
  const streamed = await json(t.app.request('/api/config/recheck', {
    method: 'POST', body: stream, headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, duplex: 'half',
  } as RequestInit));
  assert.equal(streamed.status, 413);
  assert.equal(streamed.body.code, 'KCHAPI0004E');
});

test('query fields are validated: unknown ones are refused and bad values are named', async () => {
  const unknown = await json(t.app.request('/api/tasks?colour=red'));
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body, { code: 'KCHAPI0005E', reason: 'Invalid value for colour: this field is not accepted.' });
  const bad = await json(t.app.request('/api/tasks?status=sleeping', { headers: { 'Accept-Language': 'pt-BR' } }));
  assert.equal(bad.status, 400);
  assert.equal(bad.body.reason, 'Valor inválido para status: esperado um de "running", "finished", "failed".');
  const path = await json(t.app.request('/api/tasks/abc'));
  assert.equal([path.status, path.body.code], [400, 'KCHAPI0005E']);
});

test('the OpenAPI document is generated from the same schemas and lists every route', async () => {
  const r = await json(t.app.request('/api/openapi.json'));
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.1.0');
  for (const p of ['/config', '/config/recheck', '/events', '/tasks', '/tasks/{id}', '/vms']) assert.ok(r.body.paths[p], p);
  assert.equal(r.body.paths['/tasks'].get.parameters.map((p: { name: string }) => p.name).sort(), ['limit', 'status', 'target_uri']);
  assert.ok(r.body.components.schemas.Error.properties.reason);
  assert.equal((await json(t.app.request('/plugins/kimchi/openapi.json'))).body, r.body);
});

test.run();
