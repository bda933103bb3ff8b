// bandwidth_mib_s caps the copied disks too: libvirt 9.0 starts each disk's NBD mirror with the migration's
// bandwidth as its speed, so the source's block job on the disk reports the cap while the copy runs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainState } from '../../libvirt/index.ts';
import { guest, hasVolume, LOCAL_POOL, openBed, settle, stateOn, until, type Bed } from './bed.ts';

const BANDWIDTH_BYTES = 1; // VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES
let bed: Bed;
test.before(async () => { bed = await openBed(); });
test.after(async () => {
  await bed?.close();
  bed?.tb.down();
});

test('a copy-storage migration at 2 MiB/s: the disk\'s mirror job runs at 2 MiB/s on the source; then it is aborted', async () => {
  // 8 MiB of random data at 2 MiB/s: the mirror is still copying while we look.
  const g = await guest(bed.a, LOCAL_POOL, 'bw', { dirty: true, fillMiB: 8 });
  try {
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'copy', bandwidth_mib_s: 2 });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    let job: any;
    await until(async () => {
      job = await bed.a.conn.domainGetBlockJobInfo(g.dom, 'vda', BANDWIDTH_BYTES).catch(() => undefined);
      return job?.found === 1;
    }, 60_000, 'the disk mirror to start');
    assert.equal([job.type, job.bandwidth], [2, 2 * 1024 * 1024], 'a copy job capped at 2 MiB/s');
    assert.ok(job.cur < job.end || job.end === 0, `still copying: ${job.cur}/${job.end}`);
    assert.equal((await bed.a.send('POST', `/api/tasks/${r.body.id}/cancel`)).status, 202);
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'cancelled', done.message);
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.RUNNING);
    assert.not.ok(await hasVolume(bed.b.conn, LOCAL_POOL, `${g.name}.img`), 'the copy was removed');
  } finally {
    for (const s of [bed.a, bed.b]) {
      const dom = await s.conn.domainLookupByName(g.name).catch(() => null);
      if (dom) { await s.conn.domainDestroy(dom).catch(() => undefined); await s.conn.domainUndefine(dom).catch(() => undefined); }
      const p = await s.conn.storagePoolLookupByName(LOCAL_POOL);
      await s.conn.storagePoolRefresh(p).catch(() => undefined);
      for (const v of await s.conn.storagePoolListAllVolumes(p)) if (v.name.startsWith(g.name)) await s.conn.storageVolDelete(v).catch(() => undefined);
    }
  }
});

test.run();
