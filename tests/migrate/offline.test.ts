// Offline migration of shut-off guests on two real libvirtd hosts: shared storage (libvirt's VIR_MIGRATE_OFFLINE),
// copied storage (streamed through the server, with progress and cancel), and what is refused.
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainState, DomainUndefineFlags } from '../../libvirt/index.ts';
import { getVmMeta, putVmMeta } from '../../db/index.ts';
import { hasVolume, LOCAL_POOL, openBed, PREFIX, readBytes, settle, SHARED_POOL, stateOn, until, type Bed, type Side } from './bed.ts';

const MiB = 1024 * 1024;
let bed: Bed;
test.before(async () => { bed = await openBed(); });
test.after(async () => {
  await bed?.close();
  bed?.tb.down();
});

/** A defined, never started guest on `s` with one raw disk of `mib` MiB whose first 64 KiB are random (returned). */
async function shutOff(s: Side, pool: string, suffix: string, mib = 1) {
  const name = `${PREFIX}${suffix}`;
  const p = await s.conn.storagePoolLookupByName(pool);
  const vol = await s.conn.storageVolCreateXML(p, `<volume><name>${name}.img</name><capacity>${mib * MiB}</capacity><target><format type='raw'/></target></volume>`);
  const mark = randomBytes(64 * 1024);
  const w = await s.conn.storageVolUpload(vol, 0, mark.length);
  await new Promise<void>((ok, ko) => { w.on('error', ko); w.end(mark, () => ok()); });
  const path = await s.conn.storageVolGetPath(vol);
  const xml = `<domain type='kvm'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>`
    + `<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os><devices>`
    + `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>`
    + `<memballoon model='none'/></devices></domain>`;
  const dom = await s.conn.domainDefineXML(xml);
  return { name, dom, vol, path, volName: `${name}.img`, mark };
}

async function sweepGuest(name: string): Promise<void> {
  for (const s of [bed.a, bed.b]) {
    const dom = await s.conn.domainLookupByName(name).catch(() => null);
    if (dom) { await s.conn.domainDestroy(dom).catch(() => undefined); await s.conn.domainUndefine(dom, DomainUndefineFlags.KEEP_NVRAM).catch(() => undefined); }
    for (const pool of [SHARED_POOL, LOCAL_POOL]) {
      const p = await s.conn.storagePoolLookupByName(pool).catch(() => null);
      if (!p) continue;
      await s.conn.storagePoolRefresh(p).catch(() => undefined);
      for (const v of await s.conn.storagePoolListAllVolumes(p)) if (v.name.startsWith(name)) await s.conn.storageVolDelete(v).catch(() => undefined);
    }
  }
}

test('a shut-off guest on shared storage moves A→B offline: defined on B, gone from A, metadata follows', async () => {
  const g = await shutOff(bed.a, SHARED_POOL, 'off-shared');
  try {
    putVmMeta(bed.store.db, g.dom.uuid, { template: 'kimchi-test-migrate-tmpl', icon: null, users: ['bob'] }, 'a');
    const targets = await bed.a.send('GET', `/api/vms/${g.name}/migration-targets?storage=shared`);
    assert.equal(targets.body, [{ host: 'b', ok: true }], 'the picker offers B for the shut-off guest');
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'shared' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'finished', done.message);
    assert.equal([done.progress?.percent, done.progress?.data_total], [100, 0], 'a full bar, no bytes copied');
    assert.equal(await stateOn(bed.b.conn, g.name), DomainState.SHUTOFF);
    assert.ok(await bed.b.conn.domainIsPersistent(await bed.b.conn.domainLookupByName(g.name)), 'defined on B');
    assert.equal(await stateOn(bed.a.conn, g.name), null, 'undefined on A');
    assert.equal(getVmMeta(bed.store.db, g.dom.uuid, 'b')?.users, ['bob']);
    assert.equal(getVmMeta(bed.store.db, g.dom.uuid, 'a'), undefined);
  } finally {
    await sweepGuest(g.name);
  }
});

test('a shut-off guest with its own disk moves B→A with "copy": the bytes arrive, B keeps nothing, progress counts bytes', async () => {
  const g = await shutOff(bed.b, LOCAL_POOL, 'off-copy', 2);
  try {
    assert.not.ok(await hasVolume(bed.a.conn, LOCAL_POOL, g.volName));
    const seen: any[] = [];
    const off = bed.events.subscribe((e) => { if (e.type === 'task') seen.push(e.render!('en-US')); });
    const r = await bed.a.send('POST', `/api/hosts/b/vms/${g.name}/migrate`, { destination: 'a', storage: 'copy', live: false });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const done = await settle(bed.a, r.body.id);
    off();
    assert.equal(done.status, 'finished', done.message);
    assert.equal([done.progress?.percent, done.progress?.data_total, done.progress?.data_processed], [100, 2 * MiB, 2 * MiB]);
    assert.ok(seen.some((t) => t.id === r.body.id && /copying/.test(t.message)), 'the copy was reported');
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.SHUTOFF);
    assert.equal(await stateOn(bed.b.conn, g.name), null, 'undefined on B');
    assert.not.ok(await hasVolume(bed.b.conn, LOCAL_POOL, g.volName), "B's volume was deleted after A had the guest");
    const copy = await bed.a.conn.storageVolLookupByPath(g.path);
    assert.ok((await readBytes(bed.a.conn, copy, 0, g.mark.length)).equals(g.mark), 'the disk content arrived');
    assert.ok((await readBytes(bed.a.conn, copy, 2 * MiB - 4096, 4096)).equals(Buffer.alloc(4096)), 'to its end');
  } finally {
    await sweepGuest(g.name);
  }
});

test('cancelling an offline copy removes the copy on the destination and leaves the guest and its disk on the source', async () => {
  // 16 MiB at 1 MiB/s: still copying when the cancel arrives.
  const g = await shutOff(bed.a, LOCAL_POOL, 'off-cancel', 16);
  try {
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'copy', live: false, bandwidth_mib_s: 1 });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    let now: any;
    await until(async () => { now = (await bed.a.send('GET', `/api/tasks/${r.body.id}`)).body; return (now.progress?.data_processed ?? 0) > 0; }, 30_000, 'bytes copied');
    assert.ok(now.cancellable, 'Abort is offered while copying');
    assert.ok(now.progress.data_processed < now.progress.data_total, 'capped at 1 MiB/s it is not done yet');
    assert.ok(await hasVolume(bed.b.conn, LOCAL_POOL, g.volName), 'the destination volume exists while copying');
    assert.equal((await bed.a.send('POST', `/api/tasks/${r.body.id}/cancel`)).status, 202);
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'cancelled', done.message);
    assert.match(done.message, 'offline migration');
    assert.match(done.message, 'still on a');
    assert.not.ok(await hasVolume(bed.b.conn, LOCAL_POOL, g.volName), 'the partial copy was removed');
    assert.equal(await stateOn(bed.b.conn, g.name), null);
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.SHUTOFF, 'still defined on A');
    assert.ok((await readBytes(bed.a.conn, g.vol, 0, g.mark.length)).equals(g.mark), "A's disk is untouched");
  } finally {
    await sweepGuest(g.name);
  }
});

test('a shut-off guest cannot migrate live, nor offline without being defined there (409, nothing started)', async () => {
  const g = await shutOff(bed.a, SHARED_POOL, 'off-refused');
  try {
    const tasks = (await bed.a.send('GET', '/api/tasks')).body.length;
    const live = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'shared', live: true });
    assert.equal([live.status, live.body.code], [409, 'KCHMIG0020E']);
    assert.match(live.body.reason, 'live: false');
    const transient = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'shared', persistent: false });
    assert.equal([transient.status, transient.body.code], [409, 'KCHMIG0021E']);
    assert.equal((await bed.a.send('GET', '/api/tasks')).body.length, tasks, 'no task started');
    assert.equal(await stateOn(bed.b.conn, g.name), null);
  } finally {
    await sweepGuest(g.name);
  }
});

test('the definition on the destination fails after the copy: the copy is removed, the guest stays on A as it was', async () => {
  const g = await shutOff(bed.a, LOCAL_POOL, 'off-clash', 4);
  try {
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'copy', bandwidth_mib_s: 2 });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await until(async () => ((await bed.a.send('GET', `/api/tasks/${r.body.id}`)).body.progress?.data_processed ?? 0) > 0, 30_000, 'bytes copied');
    // Meanwhile someone defines another guest of that name on B: libvirt refuses the second definition.
    const twin = await bed.b.conn.domainDefineXML(`<domain type='kvm'><name>${g.name}</name><memory unit='MiB'>64</memory>`
      + `<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`);
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'failed', done.message);
    assert.match(done.message, `Copying the disk ${g.path} to b failed`);
    assert.not.ok(await hasVolume(bed.b.conn, LOCAL_POOL, g.volName), 'the full copy was removed');
    assert.not.equal((await bed.b.conn.domainLookupByName(g.name)).uuid, g.dom.uuid, "B's guest is the other one");
    await bed.b.conn.domainUndefine(twin);
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.SHUTOFF, 'still defined on A');
    assert.ok((await readBytes(bed.a.conn, g.vol, 0, g.mark.length)).equals(g.mark), "A's disk is untouched");
  } finally {
    await sweepGuest(g.name);
  }
});

test('undefine_source: false keeps the guest and its disk on A beside the copy on B', async () => {
  const g = await shutOff(bed.a, LOCAL_POOL, 'off-keep');
  try {
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'copy', undefine_source: false });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'finished', done.message);
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.SHUTOFF);
    assert.equal(await stateOn(bed.b.conn, g.name), DomainState.SHUTOFF);
    assert.ok(await hasVolume(bed.a.conn, LOCAL_POOL, g.volName), 'A keeps its disk');
    const copy = await bed.b.conn.storageVolLookupByPath(g.path);
    assert.ok((await readBytes(bed.b.conn, copy, 0, g.mark.length)).equals(g.mark), 'B has the same bytes');
  } finally {
    await sweepGuest(g.name);
  }
});

test("Kimchi 3.0's form moves a shut-off guest offline, as Kimchi did (its own disk: copied)", async () => {
  const g = await shutOff(bed.a, LOCAL_POOL, 'off-kimchi');
  try {
    const r = await bed.a.send('POST', `/plugins/kimchi/vms/${g.name}/migrate`, { remote_host: '10.250.16.2', user: 'root' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await settle(bed.a, r.body.id);
    const t = await bed.a.send('GET', `/plugins/kimchi/tasks/${r.body.id}`);
    assert.equal(t.body.status, 'finished', t.body.message);
    assert.equal(await stateOn(bed.b.conn, g.name), DomainState.SHUTOFF);
    assert.equal(await stateOn(bed.a.conn, g.name), null);
    assert.ok(await hasVolume(bed.b.conn, LOCAL_POOL, g.volName));
    assert.not.ok(await hasVolume(bed.a.conn, LOCAL_POOL, g.volName));
  } finally {
    await sweepGuest(g.name);
  }
});

test('an overlay disk copies offline when its backing image is on both hosts; else 409 KCHMIG0027E before anything moves', async () => {
  const name = `${PREFIX}off-overlay`;
  const make = async (pool: string, vol: string, xmlTail = '') => bed.a.conn.storageVolCreateXML(await bed.a.conn.storagePoolLookupByName(pool),
    `<volume><name>${vol}</name><capacity>${MiB}</capacity><target><format type='${xmlTail ? 'qcow2' : 'raw'}'/></target>${xmlTail}</volume>`);
  try {
    const shared = await bed.a.conn.storageVolGetPath(await make(SHARED_POOL, `${name}-base.img`));
    const own = await bed.a.conn.storageVolGetPath(await make(LOCAL_POOL, `${name}-base.img`));
    for (const [suffix, base] of [['s', shared], ['o', own]] as const) {
      const top = await make(LOCAL_POOL, `${name}-${suffix}.qcow2`, `<backingStore><path>${base}</path><format type='raw'/></backingStore>`);
      await bed.a.conn.domainDefineXML(`<domain type='kvm'><name>${name}-${suffix}</name><memory unit='MiB'>64</memory>`
        + `<os><type arch='x86_64' machine='pc'>hvm</type></os><devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/>`
        + `<source file='${await bed.a.conn.storageVolGetPath(top)}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`);
    }
    const refused = await bed.a.send('POST', `/api/vms/${name}-o/migrate`, { destination: 'b', storage: 'copy' });
    assert.equal([refused.status, refused.body.code], [409, 'KCHMIG0027E']);
    assert.match(refused.body.reason, own);
    const r = await bed.a.send('POST', `/api/vms/${name}-s/migrate`, { destination: 'b', storage: 'copy' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const done = await settle(bed.a, r.body.id);
    assert.equal(done.status, 'finished', done.message);
    const copy = await bed.b.conn.storageVolLookupByName(await bed.b.conn.storagePoolLookupByName(LOCAL_POOL), `${name}-s.qcow2`);
    assert.match(await bed.b.conn.storageVolGetXMLDesc(copy), `<path>${shared}</path>`, "B's copy reads through the shared base");
    assert.equal(await stateOn(bed.b.conn, `${name}-s`), DomainState.SHUTOFF);
  } finally {
    for (const suffix of ['s', 'o']) await sweepGuest(`${name}-${suffix}`);
    await sweepGuest(name);
  }
});

test.run();
