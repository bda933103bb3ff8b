// The checks before a migration (4xx, nothing changed), the destination picker, and Kimchi 3.0's migrate form.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainState } from '../../libvirt/index.ts';
import { guest, hasVolume, LOCAL_POOL, openBed, PREFIX, settle, SHARED_POOL, stateOn, type Bed } from './bed.ts';

let bed: Bed;
const NET = `${PREFIX}net`;
test.before(async () => {
  bed = await openBed();
  // A network only A has (no addresses: nothing but a bridge inside A's namespace).
  await bed.a.conn.networkCreateXML(`<network><name>${NET}</name><bridge name='kmtbr0'/></network>`);
});
test.after(async () => {
  const net = await bed?.a.conn.networkLookupByName(NET).catch(() => null);
  if (net) await bed.a.conn.networkDestroy(net).catch(() => undefined);
  await bed?.close();
  bed?.tb.down();
});

async function removeGuest(name: string): Promise<void> {
  for (const s of [bed.a, bed.b]) {
    const dom = await s.conn.domainLookupByName(name).catch(() => null);
    if (dom) { await s.conn.domainDestroy(dom).catch(() => undefined); await s.conn.domainUndefine(dom).catch(() => undefined); }
    for (const pool of [SHARED_POOL, LOCAL_POOL]) {
      const p = await s.conn.storagePoolLookupByName(pool);
      await s.conn.storagePoolRefresh(p).catch(() => undefined);
      for (const v of await s.conn.storagePoolListAllVolumes(p)) if (v.name.startsWith(name)) await s.conn.storageVolDelete(v).catch(() => undefined);
    }
  }
}

test('a network missing on the destination: 409 KCHMIG0009E in the caller\'s language, nothing changed, the picker says why', async () => {
  const g = await guest(bed.a, SHARED_POOL, 'nonet', { network: NET });
  try {
    const tasks = (await bed.a.send('GET', '/api/tasks')).body.length;
    const r = await bed.a.send('POST', `/api/vms/${g.name}/migrate`, { destination: 'b', storage: 'shared', unsafe: true }, 'pt-BR');
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 'KCHMIG0009E');
    assert.match(r.body.reason, `A rede ${NET}`);
    assert.equal(await stateOn(bed.a.conn, g.name), DomainState.RUNNING);
    assert.equal(await stateOn(bed.b.conn, g.name), null);
    assert.equal((await bed.a.send('GET', '/api/tasks')).body.length, tasks, 'no task started');
    assert.equal(bed.store.sqlite.prepare('select count(*) n from vm_locks').get(), { n: 0 }, 'no lock left');

    const picker = await bed.a.send('GET', `/api/vms/${g.name}/migration-targets?storage=shared`);
    assert.equal(picker.status, 200);
    assert.equal(picker.body.length, 1, 'every other host, not the source');
    assert.equal(picker.body[0].host, 'b');
    assert.equal(picker.body[0].ok, false);
    assert.equal(picker.body[0].code, 'KCHMIG0009E');
    assert.match(picker.body[0].reason, NET);
  } finally {
    await removeGuest(g.name);
  }
});

test('the other checks: unknown destination, the host itself, a shut-off guest, copy onto an existing volume, bad bodies', async () => {
  const g = await guest(bed.a, LOCAL_POOL, 'checks');
  try {
    const post = (body: unknown) => bed.a.send('POST', `/api/vms/${g.name}/migrate`, body);
    let r = await post({ destination: 'nowhere', storage: 'shared' });
    assert.equal([r.status, r.body.code], [400, 'KCHMIG0001E']);
    r = await post({ destination: 'a', storage: 'shared' });
    assert.equal([r.status, r.body.code], [409, 'KCHMIG0003E']);
    r = await post({ destination: 'b', storage: 'sideways' });
    assert.equal(r.status, 400);
    r = await post({ destination: 'b', storage: 'copy', surprise: 1 });
    assert.equal(r.status, 400);
    assert.equal((await bed.a.send('POST', `/api/vms/${PREFIX}absent/migrate`, { destination: 'b', storage: 'copy' })).status, 404);

    // A volume of the same name on B: the copy would overwrite it.
    const pb = await bed.b.conn.storagePoolLookupByName(LOCAL_POOL);
    await bed.b.conn.storageVolCreateXML(pb, `<volume><name>${g.name}.qcow2</name><capacity>1048576</capacity><target><format type='qcow2'/></target></volume>`);
    r = await post({ destination: 'b', storage: 'copy' });
    assert.equal([r.status, r.body.code], [409, 'KCHMIG0013E']);
    assert.ok(await hasVolume(bed.b.conn, LOCAL_POOL, `${g.name}.qcow2`), 'B\'s volume untouched');

    // Shut off: live is refused; offline runs the same disk checks (B's volume is still in the way).
    await bed.a.conn.domainDestroy(g.dom);
    r = await post({ destination: 'b', storage: 'copy', live: true });
    assert.equal([r.status, r.body.code], [409, 'KCHMIG0020E']);
    r = await post({ destination: 'b', storage: 'copy' });
    assert.equal([r.status, r.body.code], [409, 'KCHMIG0013E']);
    assert.ok(await hasVolume(bed.b.conn, LOCAL_POOL, `${g.name}.qcow2`), 'B\'s volume still untouched');
  } finally {
    await removeGuest(g.name);
  }
});

test('Kimchi 3.0 form: remote_host matched against registered hosts (its migration address), a Kimchi task, the guest on B', async () => {
  const g = await guest(bed.a, LOCAL_POOL, 'kimchi');
  const K = `/plugins/kimchi/vms/${g.name}/migrate`;
  try {
    let r = await bed.a.send('POST', K, { remote_host: '192.0.2.7', user: 'root' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, '400 Bad Request');
    assert.match(r.body.reason, /^KCHMIG0017E: 192\.0\.2\.7 is not a registered host \(known: b\)/);
    r = await bed.a.send('POST', K, { remote_host: '10.250.16.2', user: 'root', password: 'secret' });
    assert.equal(r.status, 400);
    assert.match(r.body.reason, /^KCHMIG0018E: /);
    r = await bed.a.send('POST', K, { user: 'root' });
    assert.match(r.body.reason, /^KCHVM0060E: /);
    r = await bed.a.send('POST', K, { remote_host: '10.250.16.2', color: 'red' });
    assert.equal(r.status, 400);

    r = await bed.a.send('POST', K, { remote_host: '10.250.16.2', user: 'root' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.equal(Object.keys(r.body).sort(), ['id', 'message', 'status', 'target_uri']);
    assert.equal(r.body.target_uri, K);
    await settle(bed.a, r.body.id);
    const t = await bed.a.send('GET', `/plugins/kimchi/tasks/${r.body.id}`);
    assert.equal(t.body.status, 'finished', t.body.message);
    assert.equal(await stateOn(bed.b.conn, g.name), DomainState.RUNNING, 'the disk only A saw was copied: storage "copy"');
    assert.equal(await stateOn(bed.a.conn, g.name), null);
  } finally {
    await removeGuest(g.name);
  }
});

test.run();
