// Live migration on two real libvirtd hosts: A→B on shared storage, B→A with copied storage (issue 14 acceptance).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainState } from '../../libvirt/index.ts';
import { getVmMeta, putVmMeta } from '../../db/index.ts';
import { guest, hasVolume, LOCAL_POOL, openBed, settle, SHARED_POOL, stateOn, type Bed } from './bed.ts';

let bed: Bed;
test.before(async () => { bed = await openBed(); });
test.after(async () => {
  await bed?.close();
  bed?.tb.down();
});

test('a running guest on shared storage moves A→B: it runs on B, is gone from A, and its metadata follows', async () => {
  const g = await guest(bed.a, SHARED_POOL, 'shared');
  try {
    putVmMeta(bed.store.db, g.dom.uuid, { template: 'kimchi-test-migrate-tmpl', icon: 'plugins/kimchi/images/icon-debian.png', users: ['alice'] }, 'a');
    const seen: any[] = [];
    const vmEvents: any[] = [];
    const off = bed.events.subscribe((e) => {
      if (e.type === 'task') seen.push(e.render!('en-US'));
      if (e.type === 'vm') vmEvents.push(e.data);
    });
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'shared', unsafe: true });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.equal(r.body.status, 'running');
    const done = await settle(bed.a, r.body.id);
    off();
    assert.equal(done.status, 'finished', done.message);
    assert.equal(done.progress?.percent, 100);
    assert.equal(await stateOn(bed.b.conn, g.name), DomainState.RUNNING);
    assert.equal(await stateOn(bed.a.conn, g.name), null);
    assert.ok(await bed.b.conn.domainIsPersistent(await bed.b.conn.domainLookupByName(g.name)), 'defined on B');
    assert.ok(seen.some((t) => t.id === r.body.id && t.progress && typeof t.progress.percent === 'number'), 'progress was published');
    assert.equal(getVmMeta(bed.store.db, g.dom.uuid, 'a'), undefined, 'no metadata left on A');
    // The list of host b learns it without a reload: a vm event carries the guest as b shows it, metadata included.
    const moved = vmEvents.find((v) => v.event === 'migrated' && v.name === g.name);
    assert.ok(moved, 'a vm event for the moved guest');
    assert.equal([moved.host, moved.vm?.state, moved.vm?.template], ['b', 'running', 'kimchi-test-migrate-tmpl']);
    // B's view (through A's server, scoped to host b) shows it with its template, icon and sharing; A's has it no more.
    const onB = await bed.a.send('GET', `/api/hosts/b/vms/${g.name}`);
    assert.equal(onB.status, 200);
    assert.equal([onB.body.template, onB.body.icon, onB.body.users], ['kimchi-test-migrate-tmpl', 'plugins/kimchi/images/icon-debian.png', ['alice']]);
    assert.equal((await bed.a.send('GET', `/api/vms/${g.name}`)).status, 404);
  } finally {
    await sweepGuest(g.name);
  }
});

test('a running guest with its own disk moves B→A with storage "copy": the disk is copied into A\'s pool', async () => {
  const g = await guest(bed.b, LOCAL_POOL, 'copy');
  const volName = `${g.name}.qcow2`;
  try {
    assert.not.ok(await hasVolume(bed.a.conn, LOCAL_POOL, volName), 'A has no such volume before');
    // Through the host-scoped path: the source is host b.
    const r = await bed.a.send('POST', `/api/hosts/b/vms/${g.name}/migrate`, { destination: 'a', storage: 'copy' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'finished', done.message);
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.RUNNING);
    assert.equal(await stateOn(bed.b.conn, g.name), null);
    assert.ok(await hasVolume(bed.a.conn, LOCAL_POOL, volName), 'the copy is a volume of A\'s pool');
  } finally {
    await sweepGuest(g.name);
  }
});

test('"shared" for a disk only its own host sees is refused before anything moves (409 KCHMIG0010E)', async () => {
  const g = await guest(bed.a, LOCAL_POOL, 'notshared');
  try {
    const tasks = (await bed.a.send('GET', '/api/tasks')).body.length;
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'shared', unsafe: true });
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'KCHMIG0010E');
    assert.match(r.body.reason, g.path);
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.RUNNING);
    assert.equal(await stateOn(bed.b.conn, g.name), null);
    assert.equal((await bed.a.send('GET', '/api/tasks')).body.length, tasks, 'no task started');
  } finally {
    await sweepGuest(g.name);
  }
});

test('a running guest with live: false migrates paused (libvirt\'s non-live migration) and runs again on B', async () => {
  const g = await guest(bed.a, SHARED_POOL, 'paused');
  try {
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'shared', unsafe: true, live: false });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'finished', done.message);
    assert.equal(await stateOn(bed.b.conn, g.name), DomainState.RUNNING, 'resumed on B');
    assert.equal(await stateOn(bed.a.conn, g.name), null);
  } finally {
    await sweepGuest(g.name);
  }
});

/** The guest gone from both hosts, with its volumes, whatever the test got to. */
async function sweepGuest(name: string): Promise<void> {
  for (const s of [bed.a, bed.b]) {
    const dom = await s.conn.domainLookupByName(name).catch(() => null);
    if (dom) { await s.conn.domainDestroy(dom).catch(() => undefined); await s.conn.domainUndefine(dom).catch(() => undefined); }
    for (const pool of [SHARED_POOL, LOCAL_POOL]) {
      const p = await s.conn.storagePoolLookupByName(pool).catch(() => null);
      if (!p) continue;
      await s.conn.storagePoolRefresh(p).catch(() => undefined);
      for (const v of await s.conn.storagePoolListAllVolumes(p)) if (v.name.startsWith(name)) await s.conn.storageVolDelete(v).catch(() => undefined);
    }
  }
}
test.run();
