// `local` as a migration destination for real: a server whose --libvirt-uri is testbed host A (standing in for this
// machine), host b registered; b's guest migrates into local through the migration URI set by PUT /api/hosts/local.
// (The machine's own qemu:///system cannot be reached from the testbed's namespaces, so A plays it.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainState } from '../../libvirt/index.ts';
import { buildNetworkXML } from '../../libvirt/xml/index.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { guest, LOCAL_POOL, openBed, SHARED_POOL, stateOn, until, type Bed } from './bed.ts';

let bed: Bed, s: TestServer;

test.before(async () => {
  bed = await openBed();
  // The server's sanity check wants local's default network: an isolated bridge inside A's namespace.
  await bed.a.conn.networkLookupByName('default')
    .catch(() => bed.a.conn.networkCreateXML(buildNetworkXML({ name: 'default', forward: 'isolated', bridge: 'ksm-a-br0' })));
  // …and its default pool at /var/lib/libvirt/images (A's own), where the bed's LOCAL_POOL sits: that one goes.
  await bed.a.conn.storagePoolDestroy(await bed.a.conn.storagePoolLookupByName(LOCAL_POOL));
  s = await serve(bed.tb.aUri);
});
test.after(async () => {
  await s?.stop();
  // The default pool the server defined on A (in the testbed's own state, which down() deletes anyway).
  const pool = await bed?.a.conn.storagePoolLookupByName('default').catch(() => null);
  if (pool) { await bed.a.conn.storagePoolDestroy(pool).catch(() => undefined); await bed.a.conn.storagePoolUndefine(pool).catch(() => undefined); }
  await bed?.close();
  bed?.tb.down();
});

const call = async (path: string, method = 'GET', body?: unknown) => {
  const r = await fetch(`${s.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) as any };
};

async function settleHere(id: string): Promise<any> {
  let last: any;
  await until(async () => { last = (await call(`/api/tasks/${id}`)).body; return last.status !== 'running'; }, 120_000, `task ${id}`);
  return last;
}

test("b's running guest migrates into local through local's migration URI: a wrong one fails (guest stays on b), the right one lands it", async () => {
  const reg = await call('/api/hosts', 'POST', { name: 'b', uri: bed.tb.bUri, migration_uri: bed.tb.bTcp });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  await until(async () => (await call('/api/hosts/b')).body.state === 'connected', 15_000, 'b connected');
  const g = await guest(bed.b, SHARED_POOL, 'to-local');
  try {
    // An address no daemon answers on: the migration URI set here is the one B's libvirtd dials.
    const wrong = 'qemu+tcp://10.250.16.99/system';
    assert.equal((await call('/api/hosts/local', 'PUT', { migration_uri: wrong })).body.migration_uri, wrong);
    let r = await call(`/api/hosts/b/vms/${g.name}/migrate`, 'POST', { destination: 'local', storage: 'shared', unsafe: true });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    let done = await settleHere(r.body.id);
    assert.equal(done.status, 'failed', done.message);
    assert.match(done.message, '10.250.16.99');
    assert.equal(await stateOn(bed.b.conn, g.name), DomainState.RUNNING, 'still running on b');

    assert.equal((await call('/api/hosts/local', 'PUT', { migration_uri: bed.tb.aTcp })).status, 200);
    r = await call(`/api/hosts/b/vms/${g.name}/migrate`, 'POST', { destination: 'local', storage: 'shared', unsafe: true });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    done = await settleHere(r.body.id);
    assert.equal(done.status, 'finished', done.message);
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.RUNNING, 'running on local (A)');
    assert.equal(await stateOn(bed.b.conn, g.name), null, 'gone from b');
    assert.equal((await call(`/api/vms/${g.name}`)).body.state, 'running', "local's own list has it");
  } finally {
    for (const side of [bed.a, bed.b]) {
      const dom = await side.conn.domainLookupByName(g.name).catch(() => null);
      if (dom) { await side.conn.domainDestroy(dom).catch(() => undefined); await side.conn.domainUndefine(dom).catch(() => undefined); }
    }
  }
});

test.run();
