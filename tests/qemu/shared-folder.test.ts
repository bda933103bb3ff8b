// A shared host folder (virtiofs) on QEMU/KVM, for truth: added to a shut-off guest through the API with its shared
// memory backing, the guest starts with virtiofsd serving it; adding one to the running guest is refused with a reason;
// removed again once it is shut off. Everything kimchi-test-share-* is removed in finally.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { DomainXMLFlags, LibvirtClient, type StoragePool } from '../../libvirt/index.ts';
import { buildDomainXML, buildStorageVolXML, parseSharedFolders, parseXml } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from '../helpers/app.ts';
import { createPool, IMAGES, QEMU_URI, removePool, sweep, testName, tinyVM } from '../helpers/qemu.ts';

const PREFIX = 'kimchi-test-share-';

test('a folder shared with a shut-off guest: memory backing set, the guest starts, running guests refuse changes', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kimchi-share-'));
  const store = openStore(join(tmp, 'kimchi.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const events = new EventBus();
  let pool: StoragePool | undefined;
  try {
    const conn = await client.open();
    await sweep(conn, PREFIX);
    pool = await createPool(conn, testName(PREFIX));
    await conn.storageVolCreateXML(pool, buildStorageVolXML({ name: 'disk.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
    const folder = join(IMAGES, pool.name, 'shared');
    mkdirSync(folder);
    const name = testName(PREFIX);
    const dom = await conn.domainDefineXML(buildDomainXML(tinyVM(name, pool.name, 'disk.qcow2')));
    const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger: silent, version: 'test' });
    const call = (method: string, path: string, body?: unknown, lang = 'en-US') => json(app.request(path, {
      method, headers: { 'Accept-Language': lang, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }));

    const missing = await call('POST', `/api/vms/${name}/filesystems`, { source: join(folder, 'nope'), tag: 'data' });
    assert.equal([missing.status, missing.body.code], [400, 'KCHVMFS0003E']);
    const added = await call('POST', `/api/vms/${name}/filesystems`, { source: folder, tag: 'data' });
    assert.equal([added.status, added.body], [201, [{ source: folder, tag: 'data', readonly: false, pending: false, note: null }]], JSON.stringify(added.body));
    const saved = parseXml(await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE)).root;
    assert.equal(parseSharedFolders(saved), [{ source: folder, tag: 'data' }]);
    const backing = saved.children.find((c) => 'name' in c && c.name === 'memoryBacking');
    assert.match(JSON.stringify(backing), /memfd[\s\S]*shared/, 'memfd shared memory for virtiofsd');
    const twice = await call('POST', `/api/vms/${name}/filesystems`, { source: folder, tag: 'data' });
    assert.equal([twice.status, twice.body.code], [409, 'KCHVMFS0002E']);

    assert.is((await call('POST', `/api/vms/${name}/start`)).body.state, 'running', 'the guest starts with the folder');
    const live = await conn.domainGetXMLDesc(dom, 0);
    assert.match(live, /<driver type=['"]virtiofs['"][^>]*>/);
    const refused = await call('POST', `/api/vms/${name}/filesystems`, { source: folder, tag: 'more' }, 'pt-BR');
    assert.equal([refused.status, refused.body.code], [409, 'KCHVMFS0001E']);
    assert.match(refused.body.reason, /Desligue/);

    await conn.domainDestroy(dom);
    assert.is((await call('DELETE', `/api/vms/${name}/filesystems/data`)).status, 204);
    assert.equal((await call('GET', `/api/vms/${name}/filesystems`)).body, []);
  } finally {
    if (client.connected) {
      await sweep(client.connection, PREFIX).catch(() => {});
      if (pool) await removePool(client.connection, pool);
    }
    events.close();
    await client.close();
    store.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
