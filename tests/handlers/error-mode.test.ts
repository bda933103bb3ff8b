// Global error mode and error mapping: a failed requirement answers every gated request; libvirt errors map by code.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toErrorAnswer } from '../../handlers/common/translate.ts';
import { json, makeApp } from '../helpers/app.ts';

test('without a default network, API requests answer 500 naming it, in en-US and pt-BR; config and docs still answer', async () => {
  const t = await makeApp({ defaultNetwork: false });
  try {
    const en = await json(t.app.request('/api/vms'));
    assert.equal(en.status, 500);
    assert.equal(en.body.code, 'KCHCONF0002E');
    assert.match(en.body.reason, /network 'default' is not defined.*libvirt-daemon-config-network/);
    const pt = await json(t.app.request('/plugins/kimchi/templates', { headers: { 'Accept-Language': 'pt-BR' } }));
    assert.equal(pt.status, 500);
    assert.match(pt.body.reason, /A rede 'default' não está definida/);
    const config = await json(t.app.request('/api/config', { headers: { 'Accept-Language': 'pt-BR' } }));
    assert.equal(config.status, 200);
    assert.equal(config.body.state, 'error');
    assert.equal(`${config.body.error.code}: ${config.body.error.reason}`, pt.body.reason, 'the Kimchi surface: the id leads the reason');
    assert.equal((await t.app.request('/api/openapi.json')).status, 200);
    assert.equal((await t.app.request('/api/tasks')).status, 200, 'a debug report\'s task can be followed');
    // Not something the check may invent: still missing after a recheck.
    const again = await json(t.app.request('/api/config/recheck', { method: 'POST' }));
    assert.equal([again.status, again.body.state, again.body.error.code], [200, 'error', 'KCHCONF0002E']);
  } finally {
    await t.cleanup();
  }
});

test('a network defined with virsh after the failure is picked up by a recheck, which leaves error mode', async () => {
  const t = await makeApp({ defaultNetwork: false });
  try {
    const conn = t.client.connection;
    const net = await conn.networkDefineXML("<network><name>default</name><bridge name='virbr9'/></network>");
    assert.equal(await conn.networkIsActive(net), false);
    const r = await json(t.app.request('/api/config/recheck', { method: 'POST' }));
    assert.equal(r.body, { state: 'ok', version: 'test' });
    assert.equal(await conn.networkIsActive(net), true, 'the check started the inactive network');
    assert.equal((await t.app.request('/api/vms')).status, 200);
  } finally {
    await t.cleanup();
  }
});

test('libvirt errors map by numeric code: a missing domain is 404, with libvirt message as detail', async () => {
  const t = await makeApp();
  try {
    const err = await t.client.connection.domainLookupByName('no-such-vm').catch((e) => e);
    const en = toErrorAnswer(err, 'en-US', { requestId: 'r1' });
    assert.equal(en.status, 404);
    assert.equal(en.body.code, 'KCHAPI0008E');
    assert.match(en.body.reason, /^The virtual machine does not exist: Domain not found/);
    assert.match(toErrorAnswer(err, 'pt-BR', { requestId: 'r1' }).body.reason, /^A máquina virtual não existe/);
    const dom = await t.client.connection.domainLookupByName('test-vm');
    await t.client.connection.domainDestroy(dom);
    const invalid = await t.client.connection.domainDestroy(dom).catch((e) => e); // not running: operation invalid
    const conflict = toErrorAnswer(invalid, 'en-US', { requestId: 'r2' });
    assert.equal([conflict.status, conflict.body.code], [409, 'KCHAPI0009E']);
  } finally {
    await t.cleanup();
  }
});

test('an unexpected error is a 500 with a request id and no internals; it is reported for the log', () => {
  const seen: unknown[] = [];
  const boom = new TypeError('secret internals at /srv/x.ts:12');
  const a = toErrorAnswer(boom, 'en-US', { requestId: 'req-42', unexpected: (e) => seen.push(e) });
  assert.equal(a.status, 500);
  assert.equal(a.body.code, 'KCHAPI0006E');
  assert.match(a.body.reason, /req-42/);
  assert.not.match(a.body.reason, /secret|\.ts/);
  assert.equal(seen, [boom]);
});

test.run();
