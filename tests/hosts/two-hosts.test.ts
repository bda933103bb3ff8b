// Many hosts on two real libvirtds (infra/two-hosts.sh, this suite's own testbed): register both, list across them,
// a VM from a shared template on B, then B's daemon killed and stopped while A keeps working, and B back by itself.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertTemplate, openStore } from '../../db/index.ts';
import { connect, DomainUndefineFlags, type Connection } from '../../libvirt/index.ts';
import { buildDomainXML, buildStoragePoolXML } from '../../libvirt/xml/index.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { tinyVM } from '../helpers/qemu.ts';
import { serve, until, type TestServer } from '../helpers/server.ts';
import { twoHosts, type Testbed } from '../helpers/two-hosts.ts';
import { spec } from '../helpers/vm-create.ts';

const P = 'kimchi-test-hosts-';
const DIR = '/var/tmp/kimchi-test-hosts';
const POOL = `${P}pool`, TPL = `${P}tpl`;
let tb: Testbed, fx: Fixture, s: TestServer, ca: Connection, cb: Connection;

/** Remove what this suite made on one testbed host (domains, then pools with their volumes and directories). */
async function sweepHost(c: Connection): Promise<void> {
  for (const dom of await c.connectListAllDomains()) {
    if (!dom.name.startsWith(P)) continue;
    await c.domainDestroy(dom).catch(() => {});
    await c.domainUndefine(dom, DomainUndefineFlags.NVRAM).catch(() => {});
  }
  for (const pool of await c.connectListAllStoragePools()) {
    if (!pool.name.startsWith(P)) continue;
    for (const v of await c.storagePoolListAllVolumes(pool).catch(() => [])) await c.storageVolDelete(v).catch(() => {});
    await c.storagePoolDelete(pool).catch(() => {});
    await c.storagePoolDestroy(pool).catch(() => {});
    await c.storagePoolUndefine(pool).catch(() => {});
  }
}

async function fresh(uri: string, work: (c: Connection) => Promise<void>): Promise<void> {
  const c = await connect(uri);
  try { await work(c); } finally { await c.close(); }
}

test.before(async () => {
  tb = twoHosts({ prefix: 'ksh', dir: DIR, net: '10.250.14' });
  [ca, cb] = await Promise.all([connect(tb.aUri), connect(tb.bUri)]);
  await Promise.all([sweepHost(ca), sweepHost(cb)]);
  fx = writeFixture({ domains: [`${P}local`] });
  s = await serve(fx.uri);
});
test.after(async () => {
  await cleanUp([
    ['close A', () => ca?.close()],
    ['close B', () => cb?.close()],
    // Fresh connections: B's daemon was killed and restarted on the way.
    ['sweep A', () => tb && fresh(tb.aUri, sweepHost)],
    ['sweep B', () => tb && fresh(tb.bUri, sweepHost)],
    ['server', () => s?.stop()],
    ['fixture', () => fx?.cleanup()],
    ['testbed', () => tb?.down()],
  ]);
});

const call = async (path: string, init: RequestInit = {}) => {
  const r = await fetch(`${s.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  const text = await r.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* keep the text */ }
  return { status: r.status, body, headers: r.headers };
};
const post = (path: string, body: unknown) => call(path, { method: 'POST', body: JSON.stringify(body) });
const stateOf = async (name: string) => (await call(`/api/hosts/${name}`)).body.state;
const names = (vms: any[]) => vms.map((v) => `${v.host}/${v.name}`).sort();

test('both testbed hosts register and connect; each reports its own missing default network, not the interface', async () => {
  assert.is((await post('/api/hosts', { name: 'a', uri: tb.aUri, migration_uri: tb.aTcp })).status, 201);
  assert.is((await post('/api/hosts', { name: 'b', uri: tb.bUri, migration_uri: tb.bTcp })).status, 201);
  await until(async () => (await stateOf('a')) === 'connected' && (await stateOf('b')) === 'connected', 15_000, 'a and b connected');
  const hosts = (await call('/api/hosts')).body;
  // local's test:/// URI names no machine the others could reach: no migration URI until one is set.
  assert.equal(hosts.map((h: any) => [h.name, h.state, h.migration_uri]), [['local', 'connected', null], ['a', 'connected', tb.aTcp], ['b', 'connected', tb.bTcp]]);
  await until(async () => /default/.test((await call('/api/hosts/b')).body.problem ?? ''), 5000, "b's own problem");
  const config = (await call('/api/config')).body;
  assert.is(config.state, 'ok', 'a registered host never puts the interface in error mode');
});

test('guests across hosts: ?host=all lists every host\'s guests, each naming its host', async () => {
  await ca.domainDefineXML(buildDomainXML(tinyVM(`${P}on-a`, 'default', 'none.qcow2')));
  await cb.domainDefineXML(buildDomainXML(tinyVM(`${P}on-b`, 'default', 'none.qcow2')));
  const all = await call('/api/vms?host=all');
  assert.is(all.status, 200);
  assert.equal(names(all.body), [`a/${P}on-a`, `b/${P}on-b`, `local/${P}local`]);
  assert.is(all.headers.get('kimchi-unreachable-hosts'), null);
  assert.equal(names((await call('/api/hosts/b/vms')).body), [`b/${P}on-b`]);
});

test('a VM from a shared template is made on B, where its pool exists; on A it is refused naming the pool', async () => {
  await cb.storagePoolCreateXML(buildStoragePoolXML({ type: 'dir', name: POOL, targetPath: `/var/lib/libvirt/images/${POOL}` }), 1 /* BUILD */);
  const store = openStore(join(s.dataDir, 'kimchi.db'));
  try {
    insertTemplate(store.db, TPL, spec(TPL, { storagepool: `/plugins/kimchi/storagepools/${POOL}`, disks: [{ index: 0, size: 0.01, pool: { name: POOL }, format: 'qcow2' }], networks: [] }));
  } finally { store.close(); }
  const onA = await post('/api/hosts/a/vms', { name: `${P}made`, template: `/plugins/kimchi/templates/${TPL}` });
  assert.equal([onA.status, onA.body.code], [409, 'KCHHOST0007E']);
  assert.match(onA.body.reason, POOL);
  const onB = await post('/api/hosts/b/vms', { name: `${P}made`, template: `/plugins/kimchi/templates/${TPL}` });
  assert.is(onB.status, 202, JSON.stringify(onB.body));
  await until(async () => (await call(`/api/tasks/${onB.body.id}`)).body.status !== 'running', 30_000, 'create task');
  const task = (await call(`/api/tasks/${onB.body.id}`)).body;
  assert.is(task.status, 'finished', task.message);
  const dom = await cb.domainLookupByName(`${P}made`);
  assert.ok(dom.uuid, 'the domain is on B');
  assert.is(await ca.domainLookupByName(`${P}made`).then(() => true, () => false), false, 'and not on A');
  const vm = (await call(`/api/hosts/b/vms/${P}made`)).body;
  assert.equal([vm.host, vm.template], ['b', TPL], "B's metadata row names the template");
  assert.is((await call(`/api/vms/${P}made`)).status, 404, 'the unscoped path is the local host');
});

/** Collects /api/events until stopped. */
function listen(): { events: Array<{ event: string; data: any }>; stop(): void } {
  const ac = new AbortController();
  const events: Array<{ event: string; data: any }> = [];
  void (async () => {
    const r = await fetch(`${s.url}/api/events`, { signal: ac.signal });
    const dec = new TextDecoder();
    let buf = '';
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      buf += dec.decode(chunk, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i); buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })().catch(() => undefined);
  return { events, stop: () => ac.abort() };
}

test("B's libvirtd killed: B turns unreachable (its rows named, its pages 503), A keeps working, B recovers by itself", async () => {
  const sse = listen();
  try {
    await new Promise((r) => setTimeout(r, 200));
    tb.kill('b');
    await until(async () => (await stateOf('b')) === 'failing', 30_000, 'b failing');
    const b = (await call('/api/hosts/b')).body;
    assert.ok(b.reason.length > 0, "libvirt's reason is shown");
    const page = await call('/api/hosts/b/vms');
    assert.equal([page.status, page.body.code], [503, 'KCHHOST0006E']);
    const all = await call('/api/vms?host=all');
    assert.is(all.status, 200);
    assert.equal(names(all.body), [`a/${P}on-a`, `local/${P}local`]);
    assert.is(all.headers.get('kimchi-unreachable-hosts'), 'b');
    assert.is((await call('/api/hosts/a/vms')).status, 200, 'A works');
    await until(() => sse.events.some((e) => e.event === 'host' && e.data.name === 'b' && e.data.state === 'failing'), 5000, 'host event');
    tb.start('b');
    await until(async () => (await stateOf('b')) === 'connected', 30_000, 'b recovered');
    const back = await call('/api/vms?host=all');
    assert.equal(names(back.body), [`a/${P}on-a`, `b/${P}made`, `b/${P}on-b`, `local/${P}local`]);
    assert.is(back.headers.get('kimchi-unreachable-hosts'), null);
    await until(() => sse.events.some((e) => e.event === 'host' && e.data.name === 'b' && e.data.state === 'connected'), 5000, 'host back event');
  } finally {
    sse.stop();
  }
});

test('B frozen (SIGSTOP): the all-hosts list does not wait for it, naming it unreachable; A answers', async () => {
  const pid = Number(readFileSync(join(DIR, 'b', 'libvirtd.pid'), 'utf8').trim());
  process.kill(pid, 'SIGSTOP');
  try {
    const all = await call('/api/vms?host=all');
    assert.is(all.status, 200);
    assert.equal(names(all.body), [`a/${P}on-a`, `local/${P}local`]);
    assert.is(all.headers.get('kimchi-unreachable-hosts'), 'b');
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  await until(async () => (await call('/api/vms?host=all')).headers.get('kimchi-unreachable-hosts') === null, 30_000, 'b answers again');
});

test.run();
