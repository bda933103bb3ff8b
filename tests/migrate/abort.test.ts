// Aborting a live migration (POST /tasks/{id}/cancel): the guest stays running on its source, the copy is removed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainState } from '../../libvirt/index.ts';
import { guest, hasVolume, LOCAL_POOL, openBed, settle, stateOn, until, type Bed } from './bed.ts';

let bed: Bed;
test.before(async () => { bed = await openBed(); });
test.after(async () => {
  await bed?.close();
  bed?.tb.down();
});

test('a copy-storage migration throttled to 1 MiB/s is cancelled mid-way: task cancelled, guest on A, no volume left on B', async () => {
  // The guest rewrites 512 KiB of memory all the time: at 1 MiB/s and 10 ms allowed downtime it can never switch over.
  const g = await guest(bed.a, LOCAL_POOL, 'abort', { dirty: true });
  const volName = `${g.name}.img`;
  try {
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`,
      { destination: 'b', storage: 'copy', bandwidth_mib_s: 1, max_downtime_ms: 10 });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    let task: any;
    await until(async () => {
      task = (await bed.a.send('GET', `/api/tasks/${r.body.id}`)).body;
      // Past the disk copy (1 MiB): the memory pass (64 MiB) is counted.
      return task.status !== 'running' || (task.cancellable && task.progress?.data_total >= 64 * 1024 * 1024);
    }, 60_000, 'the migration to move memory');
    assert.equal(task.status, 'running', `still running when aborted: ${task.message}`);
    assert.ok(task.progress.data_processed > 0 && task.progress.percent < 100, JSON.stringify(task.progress));
    assert.ok(await hasVolume(bed.b.conn, LOCAL_POOL, volName), 'the copy target exists on B while it runs');

    const c = await bed.a.send('POST', `/api/tasks/${r.body.id}/cancel`);
    assert.equal(c.status, 202, JSON.stringify(c.body));
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'cancelled', done.message);
    assert.equal(done.cancellable, false);
    assert.match(done.message, 'still runs on a');
    // Kimchi has no cancelled status: there the task is failed, in Kimchi's four fields.
    const k = await bed.a.send('GET', `/plugins/kimchi/tasks/${r.body.id}`);
    assert.equal(k.body, { id: r.body.id, status: 'failed', message: done.message, target_uri: done.target_uri });

    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.RUNNING);
    assert.equal(await stateOn(bed.b.conn, g.name), null);
    assert.not.ok(await hasVolume(bed.b.conn, LOCAL_POOL, volName), 'no leftover volume on B');
    assert.equal(bed.store.sqlite.prepare('select count(*) n from pending_undo').get(), { n: 0 }, 'nothing left to undo');
    // The lock is gone: the guest can be migrated again (the checks pass).
    const targets = await bed.a.send('GET', `/api/vms/${g.name}/migration-targets?storage=copy`);
    assert.equal(targets.body, [{ host: 'b', ok: true }]);

    const again = await bed.a.send('POST', `/api/tasks/${r.body.id}/cancel`);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'KCHTASK0002E');
  } finally {
    for (const s of [bed.a, bed.b]) {
      const dom = await s.conn.domainLookupByName(g.name).catch(() => null);
      if (dom) { await s.conn.domainDestroy(dom).catch(() => undefined); await s.conn.domainUndefine(dom).catch(() => undefined); }
      const p = await s.conn.storagePoolLookupByName(LOCAL_POOL);
      await s.conn.storageVolLookupByName(p, volName).then((v) => s.conn.storageVolDelete(v)).catch(() => undefined);
    }
  }
});

test('a task whose work cannot be stopped answers 409 KCHTASK0003E', async () => {
  const g = await guest(bed.a, LOCAL_POOL, 'clone-me');
  try {
    await bed.a.conn.domainDestroy(g.dom);
    const r = await bed.a.send('POST', `/api/vms/${g.name}/clone`);
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.equal(r.body.cancellable, false);
    const c = await bed.a.send('POST', `/api/tasks/${r.body.id}/cancel`);
    if (c.status !== 409) throw new Error(JSON.stringify(c.body));
    assert.ok(['KCHTASK0003E', 'KCHTASK0002E'].includes(c.body.code), c.body.code);
    await settle(bed.a, r.body.id);
  } finally {
    const dom = await bed.a.conn.domainLookupByName(g.name).catch(() => null);
    if (dom) await bed.a.conn.domainUndefine(dom).catch(() => undefined);
  }
});

test.run();
