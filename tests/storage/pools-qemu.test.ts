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
import { LibvirtClient } from '../../libvirt/index.ts';
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

test.before(async () => { await client.open(); });
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

test.run();
