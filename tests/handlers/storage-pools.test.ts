// Storage pools through app.request() on the libvirt test driver: create per type, views, actions, autostart, delete rules.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp(); });
test.after(async () => { await t.cleanup(); });

const send = (method: string, path: string, body?: unknown, lang = 'en-US') => json(t.app.request(path, {
  method, headers: { 'Content-Type': 'application/json', 'Accept-Language': lang }, body: body === undefined ? undefined : JSON.stringify(body),
}));
const P = 'kimchi-test-storage-';

test('the default pool is listed with Kimchi fields: state, space in bytes, volumes, autostart, persistent, path, source', async () => {
  const r = await send('GET', '/api/storagepools');
  assert.equal(r.status, 200);
  const d = r.body.find((p: { name: string }) => p.name === 'default');
  assert.equal(Object.keys(d).sort(), ['allocated', 'autostart', 'available', 'capacity', 'name', 'nr_volumes', 'path', 'persistent', 'source', 'state', 'type']);
  assert.equal([d.type, d.state, d.path, d.persistent], ['dir', 'active', '/default-pool', true]);
  assert.type(d.capacity, 'number');
  assert.equal((await send('GET', '/plugins/kimchi/storagepools/default')).body, { ...d, in_use: false }, 'Kimchi adds in_use');
});

test('a dir pool is created active and autostarted; deactivate, activate, refresh and autostart work; delete only when inactive', async () => {
  const name = `${P}dir`;
  const r = await send('POST', '/api/storagepools', { name, type: 'dir', path: '/kimchi-test-storage-dir' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal([r.body.name, r.body.type, r.body.state, r.body.autostart, r.body.path, r.body.nr_volumes], [name, 'dir', 'active', true, '/kimchi-test-storage-dir', 0]);
  assert.equal((await send('POST', '/api/storagepools', { name, type: 'dir', path: '/x' })).status, 409);
  const busy = await send('DELETE', `/api/storagepools/${name}`, undefined, 'pt-BR');
  assert.equal([busy.status, busy.body.code], [409, 'KCHPOOL0003E']);
  assert.match(busy.body.reason, /está ativo/);
  assert.equal((await send('POST', `/api/storagepools/${name}/activate`)).body.code, 'KCHPOOL0008E');
  assert.equal((await send('POST', `/api/storagepools/${name}/refresh`)).status, 200);
  assert.equal((await send('PUT', `/api/storagepools/${name}`, { autostart: false })).body.autostart, false);
  assert.equal((await send('POST', `/api/storagepools/${name}/deactivate`)).body.state, 'inactive');
  assert.equal((await send('POST', `/api/storagepools/${name}/refresh`)).body.code, 'KCHPOOL0007E');
  assert.equal((await send('POST', `/api/storagepools/${name}/deactivate`)).body.code, 'KCHPOOL0009E');
  assert.equal((await send('POST', `/api/storagepools/${name}/activate`)).body.state, 'active');
  await send('POST', `/api/storagepools/${name}/deactivate`);
  assert.equal((await send('DELETE', `/api/storagepools/${name}`)).status, 204);
  assert.equal((await send('GET', `/api/storagepools/${name}`)).body.code, 'KCHPOOL0002E');
});

test('netfs (test driver: no NFS server here), iscsi, logical, scsi and disk pools define with their sources', async () => {
  const cases = [
    [{ name: `${P}nfs`, type: 'netfs', source: { host: 'nfs.example.com', path: '/export/isos' } }, { addr: 'nfs.example.com', path: '/export/isos' }],
    [{ name: `${P}iscsi`, type: 'iscsi', source: { host: '10.0.0.5', port: 3260, target: 'iqn.2024-01.com.example:disk1' } }, { addr: '10.0.0.5', port: 3260, target: 'iqn.2024-01.com.example:disk1' }],
    [{ name: `${P}lvm`, type: 'logical', source: { name: 'vg0' } }, { name: 'vg0' }],
    [{ name: `${P}scsi`, type: 'scsi', source: { adapter_name: 'host0' } }, { adapter_type: 'scsi_host', adapter_name: 'host0' }],
  ] as const;
  for (const [input, source] of cases) {
    const r = await send('POST', '/api/storagepools', input);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    for (const [k, v] of Object.entries(source)) assert.equal(r.body.source[k], v, `${input.type} ${k}`);
    await send('POST', `/api/storagepools/${input.name}/deactivate`);
    assert.equal((await send('DELETE', `/api/storagepools/${input.name}`)).status, 204);
  }
});

test('missing source fields and hostile values are 400s naming the field, nothing is defined', async () => {
  const nfs = await send('POST', '/api/storagepools', { name: `${P}x`, type: 'netfs', source: { host: 'h' } });
  assert.equal([nfs.status, nfs.body.code, nfs.body.reason], [400, 'KCHPOOL0006E', 'A netfs storage pool needs source.path.']);
  assert.equal((await send('POST', '/api/storagepools', { name: `${P}x`, type: 'dir' })).body.code, 'KCHPOOL0006E');
  for (const bad of [
    { name: `${P}x`, type: 'dir', path: 'relative' },
    { name: `${P}x`, type: 'dir', path: '/a/../etc' },
    { name: `${P}x`, type: 'netfs', path: '/m', source: { host: "h' onerror", path: '/e' } },
    { name: `${P}x`, type: 'iscsi', source: { host: 'h', target: 'not-an-iqn' } },
    { name: 'a/b', type: 'dir', path: '/x' },
    { name: `${P}x`, type: 'zfs', path: '/x' },
  ]) {
    assert.equal((await send('POST', '/api/storagepools', bad)).status, 400, JSON.stringify(bad));
  }
  assert.not.ok((await send('GET', '/api/storagepools')).body.some((p: { name: string }) => p.name.startsWith(P)));
});

test('two creates of one name at the same instant: one pool, and a 409 for the other (rollback on failure: pools-qemu)', async () => {
  const body = { name: `${P}twice`, type: 'dir', path: '/twice' };
  const rs = await Promise.all([send('POST', '/api/storagepools', body), send('POST', '/api/storagepools', body)]);
  try {
    assert.equal(rs.map((r) => r.status).sort(), [201, 409], JSON.stringify(rs.map((r) => r.body)));
    assert.is(rs.find((r) => r.status === 409)!.body.code, 'KCHPOOL0001E');
  } finally {
    await send('POST', `/api/storagepools/${P}twice/deactivate`);
    await send('DELETE', `/api/storagepools/${P}twice`);
  }
});

test('a pool holding a disk of a running VM cannot be deactivated, and once inactive cannot be deleted: 409s naming the VM', async () => {
  const name = `${P}used`;
  const conn = t.client.connection;
  await send('POST', '/api/storagepools', { name, type: 'dir', path: '/guests' });
  try {
    const running = await send('POST', `/api/storagepools/${name}/deactivate`);
    assert.equal([running.status, running.body.code], [409, 'KCHPOOL0011E']);
    await conn.domainDestroy(await conn.domainLookupByName('test-vm'));
    assert.equal((await send('POST', `/api/storagepools/${name}/deactivate`)).status, 200);
    const r = await send('DELETE', `/api/storagepools/${name}`);
    assert.equal([r.status, r.body.code, r.body.reason], [409, 'KCHPOOL0004E', `The storage pool ${name} holds disks of the virtual machines test-vm.`]);
  } finally {
    const pool = await conn.storagePoolLookupByName(name);
    if (await conn.storagePoolIsActive(pool)) await conn.storagePoolDestroy(pool);
    await conn.storagePoolUndefine(pool);
  }
});

test.run();
