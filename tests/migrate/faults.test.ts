// A migration whose destination dies mid-way ends failed, with the guest still running on its source (issue 14 faults).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainState } from '../../libvirt/index.ts';
import { guest, openBed, settle, SHARED_POOL, stateOn, until, type Bed } from './bed.ts';

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

test.run();
