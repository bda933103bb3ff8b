// Contract suite, migration procedures: the test driver's refusals decode, and on two QEMU hosts a peer-to-peer
// migration call runs for as long as it takes while job stats and other calls go on over the same connection.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainJobType, DomainState, ErrorCode, Feature, LibvirtError, MigrateFlags } from '../../libvirt/index.ts';
import { withTestConn } from './harness.ts';
import { guest, openBed, SHARED_POOL, stateOn, until } from '../migrate/bed.ts';

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof LibvirtError ? e.code : String(e)));

test('the test driver answers each migration procedure with "not supported" (the arguments decoded) and stays usable', () => withTestConn(async (c) => {
  const dom = await c.domainLookupByName('alpha');
  assert.is(await c.connectSupportsFeature(Feature.MIGRATION_P2P), false);
  assert.is(await code(c.domainGetJobStats(dom)), ErrorCode.NO_SUPPORT);
  assert.is(await code(c.domainAbortJob(dom)), ErrorCode.NO_SUPPORT);
  assert.is(await code(c.domainMigrateSetMaxDowntime(dom, 10)), ErrorCode.NO_SUPPORT);
  assert.is(await code(c.domainMigrateSetMaxSpeed(dom, 10)), ErrorCode.NO_SUPPORT);
  assert.is(await code(c.domainMigrateToURI3(dom, 'test:///default', { bandwidth: 1, migrate_disks: ['vda', 'vdb'] },
    MigrateFlags.LIVE | MigrateFlags.PEER2PEER)), ErrorCode.NO_SUPPORT);
  assert.is((await c.domainGetState(dom)).state, DomainState.RUNNING);
}, { domains: ['alpha'] }));

test('QEMU: a migration call in flight holds back no other call; job stats count bytes; abort ends it with code 78', async () => {
  const bed = await openBed();
  try {
    const c = bed.a.conn;
    assert.ok(await c.connectSupportsFeature(Feature.MIGRATION_P2P));
    assert.ok(await c.connectSupportsFeature(Feature.MIGRATION_PARAMS));
    assert.ok((await bed.b.conn.nodeGetFreeMemory()) > 64 * 1024 * 1024);
    const g = await guest(bed.a, SHARED_POOL, 'contract', { dirty: true });
    const flags = MigrateFlags.LIVE | MigrateFlags.PEER2PEER | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE | MigrateFlags.UNSAFE;
    let settled = false;
    const migration = code(c.domainMigrateToURI3(g.dom, bed.tb.bTcp, { bandwidth: 1 }, flags)).finally(() => { settled = true; });
    let stats = await c.domainGetJobStats(g.dom);
    await until(async () => {
      stats = await c.domainGetJobStats(g.dom);
      return settled || Number(stats.stats.memory_total ?? 0) > 0;
    }, 60_000, 'QEMU to count the memory to move');
    assert.is(stats.type, DomainJobType.UNBOUNDED);
    await c.domainMigrateSetMaxDowntime(g.dom, 10);
    for (let i = 0; i < 20; i++) assert.type(await c.connectGetHostname(), 'string');
    assert.not.ok(settled, 'the migration is still running');
    await c.domainAbortJob(g.dom);
    assert.is(await migration, ErrorCode.OPERATION_ABORTED);
    assert.is(await stateOn(c, g.name), DomainState.RUNNING);
    assert.is(await stateOn(bed.b.conn, g.name), null);
  } finally {
    await bed.close();
    bed.tb.down();
  }
});

test.run();
