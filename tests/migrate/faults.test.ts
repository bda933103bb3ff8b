// A migration whose destination dies mid-way ends failed, with the guest still running on its source (issue 14 faults).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainState } from '../../libvirt/index.ts';
import { createTask, endTask, recordUndo } from '../../db/index.ts';
import { undoInterrupted } from '../../handlers/vms/recover.ts';
import { silent } from '../helpers/app.ts';
import { guest, hasVolume, LOCAL_POOL, openBed, settle, SHARED_POOL, stateOn, until, type Bed } from './bed.ts';

let bed: Bed;
test.before(async () => { bed = await openBed(); });
test.after(async () => {
  bed?.tb.start('b');
  await bed?.close();
  bed?.tb.down();
});

test('the destination\'s libvirtd is killed mid-migration: the task fails, the guest runs on A, B has not got it', async () => {
  const g = await guest(bed.a, SHARED_POOL, 'fault', { dirty: true });
  try {
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`,
      { destination: 'b', storage: 'shared', unsafe: true, bandwidth_mib_s: 1, max_downtime_ms: 10 });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await until(async () => {
      const t = (await bed.a.send('GET', `/api/tasks/${r.body.id}`)).body;
      return t.status !== 'running' || t.progress?.data_total > 0;
    }, 60_000, 'the migration to move memory');
    bed.tb.kill('b');
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'failed');
    assert.match(done.message, 'still runs on a');
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.RUNNING);

    bed.tb.start('b');
    await until(() => bed.b.client.connected, 30_000, 'B to be back');
    // B's restarted daemon finds the half-received guest and discards it.
    await until(async () => (await stateOn(bed.b.conn, g.name)) === null, 30_000, 'B to drop the incoming guest');
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.RUNNING);
  } finally {
    for (const s of [bed.a, bed.b]) {
      const conn = s.client.connected ? s.conn : null;
      const dom = await conn?.domainLookupByName(g.name).catch(() => null);
      if (conn && dom) { await conn.domainDestroy(dom).catch(() => undefined); await conn.domainUndefine(dom).catch(() => undefined); }
    }
  }
});

test('a server stopped mid-migration: at its next start the copy it made on the destination is removed, unless a guest uses it', async () => {
  const pb = await bed.b.conn.storagePoolLookupByName(LOCAL_POOL);
  const volXml = (n: string) => `<volume><name>${n}</name><capacity>1048576</capacity><target><format type='raw'/></target></volume>`;
  const orphan = 'kimchi-test-migrate-orphan.img', inUse = 'kimchi-test-migrate-inuse.img';
  await bed.b.conn.storageVolCreateXML(pb, volXml(orphan));
  const used = await bed.b.conn.storageVolCreateXML(pb, volXml(inUse));
  const path = await bed.b.conn.storageVolGetPath(used);
  const dom = await bed.b.conn.domainDefineXML(`<domain type='kvm'><name>kimchi-test-migrate-user</name><memory unit='MiB'>64</memory>`
    + `<os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'><driver name='qemu' type='raw'/>`
    + `<source file='${path}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`);
  try {
    // Two migrations from A whose server stopped after making their copies on B (tasks failed at the next start).
    for (const name of [orphan, inUse]) {
      const t = createTask(bed.store.db, `/plugins/kimchi/vms/${name}/migrate`, '', 'a');
      recordUndo(bed.store.db, t.id, 'host_volume', { host: 'b', pool: LOCAL_POOL, name });
      endTask(bed.store.db, t.id, 'failed', 'The server stopped while this task was running.');
    }
    const r = await undoInterrupted(bed.a.conn, bed.store.db, silent, 'a', bed.hosts);
    assert.equal(r.undone.length, 1, JSON.stringify(r));
    assert.equal(r.kept.length, 1, JSON.stringify(r));
    assert.not.ok(await hasVolume(bed.b.conn, LOCAL_POOL, orphan), 'the orphan copy is gone from B');
    assert.ok(await hasVolume(bed.b.conn, LOCAL_POOL, inUse), 'the copy a guest uses stays');
    assert.equal(bed.store.sqlite.prepare('select count(*) n from pending_undo').get(), { n: 0 });
  } finally {
    await bed.b.conn.domainUndefine(dom).catch(() => undefined);
    for (const n of [orphan, inUse]) await bed.b.conn.storageVolLookupByName(pb, n).then((v) => bed.b.conn.storageVolDelete(v)).catch(() => undefined);
  }
});

test.run();
