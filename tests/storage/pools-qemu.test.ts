// Pools for truth on qemu:///system: a dir pool (volume create, resize, wipe, delete) and a logical pool built on a
// loop device (pvcreate/vgcreate through the pool build); everything removed in finally.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { ErrorCode, LibvirtClient, LibvirtError, SecretUsage } from '../../libvirt/index.ts';
import { chapUsage } from '../../handlers/storage/pool-spec.ts';
import { volumeXML } from '../../handlers/vms/volumes.ts';
import { buildDomainXML, buildStoragePoolXML } from '../../libvirt/xml/index.ts';
import { sweep, tinyVM } from '../helpers/qemu.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from '../helpers/app.ts';

const root = mkdtempSync(join(tmpdir(), 'kimchi-test-storage-qemu-'));
const store = openStore(join(root, 'kimchi.db'));
const client = new LibvirtClient({ uri: 'qemu:///system' });
const events = new EventBus();
const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger: silent });
const send = (method: string, path: string, body?: unknown) => json(app.request(path, {
  method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
}));
const MiB = 2 ** 20;

async function dropPool(name: string): Promise<void> {
  const conn = client.connection;
  const pool = await conn.storagePoolLookupByName(name).catch(() => undefined);
  if (!pool) return;
  if (await conn.storagePoolIsActive(pool)) {
    for (const v of await conn.storagePoolListAllVolumes(pool)) await conn.storageVolDelete(v).catch(() => undefined);
    await conn.storagePoolDestroy(pool).catch(() => undefined);
  }
  await conn.storagePoolUndefine(pool).catch(() => undefined);
}

test.before(async () => { await sweep(await client.open(), 'kimchi-test-storage-'); }); // and what a killed run left
test.after(async () => {
  events.close();
  await client.close();
  store.close();
  rmSync(root, { recursive: true, force: true });
});

test('a dir pool on QEMU: create builds the folder; a volume is made, resized, wiped and deleted for real', async () => {
  const name = `kimchi-test-storage-dir-${process.pid}`;
  const path = join(root, 'dir-pool');
  try {
    const p = await send('POST', '/api/storagepools', { name, type: 'dir', path });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    assert.ok(existsSync(path));
    const vols = `/api/storagepools/${name}/storagevolumes`;
    const v = await send('POST', vols, { name: 'disk.qcow2', capacity: 8 * MiB, format: 'qcow2' });
    assert.equal([v.status, v.body.format, v.body.capacity], [201, 'qcow2', 8 * MiB], JSON.stringify(v.body));
    assert.equal((await send('POST', `${vols}/disk.qcow2/resize`, { size: 16 * MiB })).body.capacity, 16 * MiB);
    writeFileSync(join(path, 'raw.img'), Buffer.alloc(MiB, 0xab));
    await send('POST', `/api/storagepools/${name}/refresh`);
    const wiped = await send('POST', `${vols}/raw.img/wipe`);
    assert.equal(wiped.status, 200, JSON.stringify(wiped.body));
    assert.equal((await send('DELETE', `${vols}/disk.qcow2`)).status, 204);
    assert.not.ok(existsSync(join(path, 'disk.qcow2')));
  } finally {
    await dropPool(name);
  }
});

const lvm = (() => {
  try { execFileSync('pvcreate', ['--version'], { stdio: 'ignore' }); } catch { return 'pvcreate (lvm2) is not installed'; }
  try { execFileSync('losetup', ['-f'], { stdio: 'ignore' }); } catch { return 'no free loop device (losetup -f failed)'; }
  return undefined;
})();

(lvm ? test.skip : test)(`a logical pool on a loop device: build makes the volume group and the pool starts (LVs where device-mapper exists)${lvm ? ` (skipped: ${lvm})` : ''}`, async () => {
  const name = `kimchi-test-storage-lvm-${process.pid}`;
  const img = join(root, 'pv.img');
  writeFileSync(img, '');
  truncateSync(img, 64 * MiB);
  const loop = execFileSync('losetup', ['-f', '--show', img], { encoding: 'utf8' }).trim();
  try {
    const p = await send('POST', '/api/storagepools', { name, type: 'logical', source: { devices: [loop], name } });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    assert.equal([p.body.type, p.body.state, p.body.source.devices], ['logical', 'active', [loop]]);
    // lvcreate needs the kernel's device-mapper; this machine has none (no /sys/module/dm_mod), so LVs are
    // checked only where it exists: the pool build (pvcreate + vgcreate) and start above are real either way.
    if (existsSync('/sys/module/dm_mod')) {
      const v = await send('POST', `/api/storagepools/${name}/storagevolumes`, { name: 'lv1', capacity: 8 * MiB });
      assert.equal(v.status, 201, JSON.stringify(v.body));
      assert.equal(v.body.path, `/dev/${name}/lv1`);
    }
  } finally {
    const conn = client.connection;
    const pool = await conn.storagePoolLookupByName(name).catch(() => undefined);
    if (pool) {
      await dropPool(name);
      // the volume group and the PV label go with the pool's delete (vgremove + pvremove)
    }
    try { execFileSync('vgremove', ['-f', name], { stdio: 'ignore' }); } catch { /* already gone */ }
    try { execFileSync('pvremove', ['-ff', '-y', loop], { stdio: 'ignore' }); } catch { /* already gone */ }
    execFileSync('losetup', ['-d', loop]);
  }
});

test('a volume under another VM\'s disk (its qcow2 backing file) cannot be deleted, resized or wiped', async () => {
  const conn = client.connection;
  const name = `kimchi-test-storage-base-${process.pid}`;
  const vm = `kimchi-test-storage-overlay-vm-${process.pid}`;
  const vols = `/api/storagepools/${name}/storagevolumes`;
  try {
    assert.equal((await send('POST', '/api/storagepools', { name, type: 'dir', path: join(root, 'base-pool') })).status, 201);
    const base = await send('POST', vols, { name: 'base.qcow2', capacity: 8 * MiB, format: 'qcow2' });
    const pool = await conn.storagePoolLookupByName(name);
    await conn.storageVolCreateXML(pool, volumeXML({ name: 'overlay.qcow2', capacityBytes: 8 * MiB, format: 'qcow2', backing: { path: base.body.path, format: 'qcow2' } }));
    await conn.domainDefineXML(buildDomainXML(tinyVM(vm, name, 'overlay.qcow2')));
    const del = await send('DELETE', `${vols}/base.qcow2`);
    assert.equal([del.status, del.body.code], [409, 'KCHVOL0003E'], JSON.stringify(del.body));
    assert.match(del.body.reason, vm);
    assert.equal((await send('POST', `${vols}/base.qcow2/wipe`)).status, 409);
    assert.equal((await send('POST', `${vols}/base.qcow2/resize`, { size: 16 * MiB })).status, 409);
    assert.ok(existsSync(base.body.path), 'the base is still on disk');
  } finally {
    const dom = await conn.domainLookupByName(vm).catch(() => undefined);
    if (dom) await conn.domainUndefine(dom).catch(() => undefined);
    await dropPool(name);
  }
});

test('a pool that cannot be built is undefined again: a 500 naming the step, and no pool left', async () => {
  const name = `kimchi-test-storage-nobuild-${process.pid}`;
  const file = join(root, 'a-file-not-a-folder');
  writeFileSync(file, 'x');
  try {
    const r = await send('POST', '/api/storagepools', { name, type: 'dir', path: join(file, 'pool') });
    assert.equal([r.status, r.body.code], [500, 'KCHPOOL0005E'], JSON.stringify(r.body));
    assert.is((await send('GET', `/api/storagepools/${name}`)).status, 404);
  } finally {
    await dropPool(name);
  }
});

const secretOf = (usage: string) => client.connection.secretLookupByUsage(SecretUsage.ISCSI, usage).catch((e: unknown) => {
  if (e instanceof LibvirtError && e.code === ErrorCode.NO_SECRET) return undefined;
  throw e;
});

test('iSCSI with CHAP: a pool that cannot start leaves neither a pool nor its secret; the password never shows', async () => {
  const name = `kimchi-test-storage-chap-${process.pid}`;
  const password = `s3cret-${process.pid}`;
  try {
    // Nothing serves iSCSI on this port: define and the secret succeed, start fails, all of it is undone.
    const r = await send('POST', '/api/storagepools', {
      name, type: 'iscsi', source: { host: '127.0.0.1', port: 3261, target: 'iqn.2024-01.org.kimchi:test', auth: { username: 'kimchi', password } },
    });
    assert.equal([r.status, r.body.code], [500, 'KCHPOOL0005E'], JSON.stringify(r.body));
    assert.match(r.body.reason, /could not be started/);
    assert.not.match(JSON.stringify(r.body), password);
    assert.is((await send('GET', `/api/storagepools/${name}`)).status, 404);
    assert.is(await secretOf(chapUsage(name)), undefined, 'the CHAP secret was removed with the pool');
  } finally {
    await dropPool(name);
    const s = await secretOf(chapUsage(name));
    if (s) await client.connection.secretUndefine(s);
  }
});

test('iSCSI with CHAP: the pool XML names the user and the secret; deleting the pool removes our secret, not one set up by hand', async () => {
  const conn = client.connection;
  const ours = `kimchi-test-storage-chap2-${process.pid}`, theirs = `kimchi-test-storage-chap3-${process.pid}`;
  const handMade = `kimchi-test-storage-hand-${process.pid}`;
  try {
    // What a successful create leaves (start needs a reachable target, which this machine has none of).
    for (const [name, usage] of [[ours, chapUsage(ours)], [theirs, handMade]] as const) {
      const s = await conn.secretDefineXML(`<secret ephemeral="no" private="yes"><usage type="iscsi"><target>${usage}</target></usage></secret>`);
      await conn.secretSetValue(s, Buffer.from('pw'));
      await conn.storagePoolDefineXML(buildStoragePoolXML({
        type: 'iscsi', name, host: '127.0.0.1', iqn: `iqn.2024-01.org.kimchi:${name}`, auth: { username: 'kimchi', secretUsage: usage },
      }));
    }
    const view = await send('GET', `/api/storagepools/${ours}`);
    assert.equal(view.body.source.auth, { username: 'kimchi' });
    assert.equal((await send('DELETE', `/api/storagepools/${ours}`)).status, 204);
    assert.is(await secretOf(chapUsage(ours)), undefined, 'our secret went with our pool');
    assert.equal((await send('DELETE', `/api/storagepools/${theirs}`)).status, 204);
    assert.ok(await secretOf(handMade), 'a secret we did not make stays');
  } finally {
    for (const name of [ours, theirs]) await dropPool(name);
    for (const usage of [chapUsage(ours), handMade]) { const s = await secretOf(usage); if (s) await conn.secretUndefine(s); }
  }
});

test('CHAP credentials on anything but an iSCSI pool are refused before anything is made', async () => {
  const r = await send('POST', '/api/storagepools', { name: `kimchi-test-storage-nochap-${process.pid}`, type: 'dir', path: join(root, 'x'), source: { auth: { username: 'u', password: 'p' } } });
  assert.equal([r.status, r.body.code], [400, 'KCHPOOL0012E']);
  assert.is(await secretOf(chapUsage(`kimchi-test-storage-nochap-${process.pid}`)), undefined);
});

test.run();
