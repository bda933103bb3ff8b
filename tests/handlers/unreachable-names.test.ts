// Names no URL can reach afterwards (`.`, a lone surrogate) are refused on create and rename, for every named resource.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp({ domains: ['named-vm'] }); });
test.after(async () => { await t.cleanup(); });

const send = (method: string, path: string, body: unknown, lang = 'en-US') => json(t.app.request(path, {
  method, headers: { 'Content-Type': 'application/json', 'Accept-Language': lang }, body: JSON.stringify(body),
}));

// `/vms/.` is `/vms/` to every URL parser (so is `/vms/%2E`), and encodeURIComponent throws on a lone surrogate.
const UNREACHABLE = { dot: '.', surrogate: 'vm-\uD800', 'low surrogate': '\uDC00x' };

async function refused(method: string, path: string, body: Record<string, unknown>, field = 'name'): Promise<void> {
  for (const [what, name] of Object.entries(UNREACHABLE)) {
    const r = await send(method, path, { ...body, [field]: name });
    assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], `${method} ${path} with a ${what}: ${JSON.stringify(r.body)}`);
    assert.match(r.body.reason, /^Invalid value for name: /);
    assert.not.match(r.body.reason, /not accepted/, 'the reason says what is wrong with the name');
  }
}

test('the reason says why, in the caller\'s language', async () => {
  const en = await send('POST', '/api/templates', { name: '.' });
  assert.equal(en.body.reason, 'Invalid value for name: "." and ".." cannot be reached by any URL.');
  const pt = await send('POST', '/api/templates', { name: '.' }, 'pt-BR');
  assert.equal(pt.body.reason, 'Valor inválido para name: nenhuma URL alcança "." e "..".');
  const half = await send('POST', '/api/templates', { name: 'a\uD83D' }, 'pt-BR');
  assert.equal(half.body.reason, 'Valor inválido para name: o nome contém metade de um caractere (um surrogate isolado).');
});

test('VMs: refused on create and on rename; the VM keeps its name', async () => {
  assert.equal((await send('POST', '/api/templates', { name: 'tpl' })).status, 201);
  await refused('POST', '/api/vms', { template: '/plugins/kimchi/templates/tpl' });
  assert.equal((await json(t.app.request('/api/vms/named-vm/poweroff', { method: 'POST' }))).status, 200);
  await refused('PUT', '/api/vms/named-vm', {});
  await refused('PUT', '/plugins/kimchi/vms/named-vm', {});
  assert.equal((await json(t.app.request('/api/vms/named-vm'))).body.name, 'named-vm');
  assert.equal((await json(t.app.request('/api/vms'))).body.length, 1, 'no VM was made');
});

test('templates: refused on create and on rename', async () => {
  await refused('POST', '/api/templates', {});
  await refused('PUT', '/api/templates/tpl', {});
  assert.equal((await json(t.app.request('/api/templates'))).body.map((x: { name: string }) => x.name), ['tpl']);
});

test('networks, storage pools and volumes: refused on create; nothing is defined', async () => {
  await refused('POST', '/api/networks', { connection: 'isolated' });
  await refused('POST', '/api/storagepools', { type: 'dir', path: '/guests' });
  await refused('POST', '/api/storagepools/default/storagevolumes', { capacity: 1024 });
  assert.equal((await json(t.app.request('/api/networks'))).body.map((x: { name: string }) => x.name), ['default']);
  assert.equal((await json(t.app.request('/api/storagepools'))).body.map((x: { name: string }) => x.name), ['default']);
  assert.equal((await json(t.app.request('/api/storagepools/default/storagevolumes'))).body, []);
});

test('names that only look alike stay valid: dots inside, a whole emoji (a surrogate pair)', async () => {
  for (const name of ['.x', 'a.b', 'x.', 'tpl-\u{1F600}']) {
    const r = await send('POST', '/api/templates', { name });
    assert.equal(r.status, 201, `${name}: ${JSON.stringify(r.body)}`);
    assert.equal((await json(t.app.request(`/api/templates/${encodeURIComponent(name)}`, { method: 'DELETE' }))).status, 204);
  }
});

test.run();
