// QEMU/KVM truth for an install that ends while its volumes' pool is stopped: libvirt cannot see them, so their files
// stay and so does the <ua:install> record of them; when the pool starts again (or at the next sweep) they are deleted
// and the record goes. The pool is a persistent one of our own (a transient pool that stops is gone altogether).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { endInstall, sweepInstalls } from '../../handlers/vms/unattended-cleanup.ts';
import type { StoragePool } from '../../libvirt/index.ts';
import { buildStoragePoolXML } from '../../libvirt/xml/index.ts';
import { IMAGES, removePool, testName } from '../helpers/qemu.ts';
import { PREFIX, uaKit, type UaKit } from './kit.ts';
import { dom, recordOf, uaServer, until } from './server-kit.ts';

const OURS = `${PREFIX}c3-`;
let k: UaKit;
let pool: StoragePool;
let poolDir = '';
test.before(async () => {
  k = await uaKit(); // sweeps kimchi-test-unattended-*, ours included
  const name = testName(OURS);
  poolDir = join(IMAGES, name);
  mkdirSync(poolDir, { recursive: true });
  pool = await k.conn.storagePoolDefineXML(buildStoragePoolXML({ type: 'dir', name, targetPath: poolDir }));
  await k.conn.storagePoolCreate(pool);
});
test.after(async () => {
  for (const d of await k.conn.connectListAllDomains()) {
    if (!d.name.startsWith(OURS)) continue;
    await k.conn.domainDestroy(d).catch(() => undefined);
    await k.send('DELETE', `/api/vms/${d.name}`);
  }
  await k.conn.storagePoolCreate(pool).catch(() => undefined);
  await removePool(k.conn, pool);
  await k.cleanup();
});

/** A Windows guest (its install volume is the script CD-ROM) whose disk and install volumes are in our pool, running. */
async function install(name: string): Promise<string> {
  const r = await k.send('POST', '/api/vms', {
    name, source: { type: 'iso', path: k.isos.windows }, storagepool: `/api/storagepools/${pool.name}`, networks: [], memory: 128,
    disk_size: 1, start: true, unattended: { user: 'bob', password: 'secret-2', locale: 'en-GB', product_key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' },
  });
  assert.is(r.status, 202, JSON.stringify(r.body));
  assert.is((await k.settle(r.body.id)).status, 'finished');
  const script = join(poolDir, `${name}-install-script.iso`);
  assert.equal(await recordOf(k, name), [script]);
  return script;
}

test('the install ends while its pool is stopped: file and record stay; the pool\'s start (an event) deletes them', async () => {
  const s = await uaServer(k);
  try {
    await s.swept();
    const name = `${OURS}event`;
    const script = await install(name);
    await k.conn.storagePoolDestroy(pool);
    await k.conn.domainDestroy(await dom(k, name));
    await until(() => s.lines.some((l) => l.includes(name) && l.includes('wait for it to start')), 'the server handled the stop');
    assert.ok(existsSync(script), 'the file is still on disk');
    assert.equal(await recordOf(k, name), [script], 'so the record of it stays');

    await k.conn.storagePoolCreate(pool);
    await until(() => !existsSync(script), 'the pool\'s start had the install volume deleted');
    await until(async () => (await recordOf(k, name)).length === 0, 'and the record of it left the saved definition');
    assert.ok(existsSync(join(poolDir, `${name}-0.qcow2`)), 'the guest\'s disk stays');
  } finally {
    await s.kimchi.close();
    await k.conn.storagePoolCreate(pool).catch(() => undefined); // started again when a check failed mid-way
  }
});

test('endInstall and the sweep: "waiting" while the pool is stopped, "cleaned" once it runs, then nothing left to do', async () => {
  const name = `${OURS}sweep`;
  const script = await install(name);
  const d = await dom(k, name);
  await k.conn.domainDestroy(d);
  await k.conn.storagePoolDestroy(pool);
  try {
    assert.equal(await endInstall(k.conn, d, k.store.db), { status: 'waiting', deleted: [], waiting: [script] });
    assert.equal([...(await sweepInstalls(k.conn, k.store.db)).keys()].filter((n) => n.startsWith(OURS)), [], 'a sweep leaves it too');
    assert.ok(existsSync(script));
    assert.equal(await recordOf(k, name), [script]);
  } finally {
    await k.conn.storagePoolCreate(pool);
  }
  const cleaned = await sweepInstalls(k.conn, k.store.db);
  assert.equal(cleaned.get(name), [script], 'the next sweep (a host connect) deletes it');
  assert.not.ok(existsSync(script));
  assert.equal(await endInstall(k.conn, d, k.store.db), { status: 'none' }, 'the record went with it');
});

test.run();
