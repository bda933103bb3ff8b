// The VM resource on QEMU/KVM, for truth: a tiny guest started, sampled, paused, powered off and deleted through the API.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import { LibvirtClient, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { buildDomainXML, buildStorageVolXML, type DiskModel } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { VmStatsSampler } from '../../runtime/vm-stats.ts';
import { json, silent } from '../helpers/app.ts';
import { createPool, QEMU_URI, removePool, sweep, testName, tinyVM } from '../helpers/qemu.ts';

const PREFIX = 'kimchi-test-vms-';

interface World { app: ReturnType<typeof createApp>; conn: Connection; pool: StoragePool; sampler: VmStatsSampler; store: Store }

async function withWorld(fn: (w: World) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-vms-qemu-'));
  const store = openStore(join(dir, 'kimchi.db'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const events = new EventBus();
  const sampler = new VmStatsSampler(client, { intervalMs: 250 });
  let pool: StoragePool | undefined;
  try {
    const conn = await client.open();
    pool = await createPool(conn, testName(PREFIX));
    const sanity = { current: () => null, recheck: async () => null };
    const app = createApp({ libvirt: client, db: store.db, sanity, events, vmStats: sampler, logger: silent, version: 'test' });
    sampler.start();
    await fn({ app, conn, pool, sampler, store });
  } finally {
    sampler.stop();
    const conn = client.connected ? client.connection : undefined;
    if (conn) {
      await sweep(conn, PREFIX).catch(() => {});
      if (pool) await removePool(conn, pool);
    }
    events.close();
    await client.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function eventually<T>(fn: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v !== undefined) return v;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test.before(async () => {
  const client = new LibvirtClient({ uri: QEMU_URI });
  try { await sweep(await client.open(), PREFIX); } finally { await client.close(); }
});

test('a tiny KVM guest: start → CPU rate moves → suspend/resume → poweroff → delete removes its volume', () => withWorld(async ({ app, conn, pool, sampler }) => {
  const vol = await conn.storageVolCreateXML(pool, buildStorageVolXML({ name: 'disk.qcow2', capacityBytes: 64 << 20, format: 'qcow2' }));
  const volPath = await conn.storageVolGetPath(vol);
  const name = testName(PREFIX);
  const dom = await conn.domainDefineXML(buildDomainXML(tinyVM(name, pool.name, vol.name)));
  const post = (action: string) => json(app.request(`/api/vms/${name}/${action}`, { method: 'POST' }));

  let r = await post('start');
  assert.equal([r.status, r.body.state], [200, 'running']);
  assert.is(r.body.graphics.type, 'vnc');
  assert.ok(r.body.graphics.port >= 5900, `a real VNC port (got ${r.body.graphics.port})`);
  assert.is(r.body.graphics.listen, '127.0.0.1');
  assert.equal(r.body.memory, { current: 128, maxmemory: 128 });

  // The firmware spins looking for a bootable disk: cpu.time grows between samples.
  const stats = await eventually(async () => {
    const v = (await json(app.request(`/api/vms/${name}`))).body;
    return v.stats.cpu_utilization > 0 ? v.stats : undefined;
  }, 15_000, 'cpu_utilization > 0 from the sampler');
  assert.ok(stats.cpu_utilization <= 100);
  assert.ok(sampler.get(dom.uuid), 'the sampler holds the running VM');
  assert.is((await json(app.request('/api/vms'))).body.find((v: { name: string }) => v.name === name).stats.cpu_utilization > 0, true);

  r = await post('suspend');
  assert.equal([r.status, r.body.state], [200, 'paused']);
  const refused = await post('shutdown');
  assert.equal([refused.status, refused.body.code], [409, 'KCHVM0005E']);
  r = await post('resume');
  assert.equal([r.status, r.body.state], [200, 'running']);
  r = await post('shutdown');
  assert.is(r.status, 200, 'the ACPI request is sent (a guest without an OS ignores it)');
  r = await post('poweroff');
  assert.equal([r.status, r.body.state, r.body.graphics.port], [200, 'shutoff', null]);
  await eventually(async () => (sampler.get(dom.uuid) ? undefined : true), 5_000, 'the sampler to drop the stopped VM');

  const plan = (await json(app.request(`/api/vms/${name}/deletion`))).body;
  assert.equal(plan.delete, [{ dev: 'vda', path: volPath, pool: pool.name, volume: 'disk.qcow2' }]);
  assert.equal(plan.keep, []);
  assert.ok(existsSync(volPath));
  const del = await app.request(`/api/vms/${name}`, { method: 'DELETE' });
  assert.is(del.status, 204);
  assert.not.ok(existsSync(volPath), 'the qcow2 file is gone');
  assert.equal((await conn.storagePoolListAllVolumes(pool)).map((v) => v.name), []);
  assert.not.ok((await conn.connectListAllDomains()).some((d) => d.name === name));
}));

test('a volume that cannot be deleted stops the deletion and leaves the VM defined, saying what was deleted', () => withWorld(async ({ app, conn, pool }) => {
  const mk = (n: string) => conn.storageVolCreateXML(pool, buildStorageVolXML({ name: n, capacityBytes: 16 << 20, format: 'qcow2' }));
  const [a, b] = [await mk('a.qcow2'), await mk('b.qcow2')];
  const [pa, pb] = [await conn.storageVolGetPath(a), await conn.storageVolGetPath(b)];
  const name = testName(PREFIX);
  const vm = tinyVM(name, pool.name, a.name);
  const second: DiskModel = { type: 'volume', device: 'disk', driver: { name: 'qemu', type: 'qcow2' }, source: { pool: pool.name, volume: b.name }, target: { dev: 'vdb', bus: 'virtio' } };
  vm.devices.disks.push(second);
  await conn.domainDefineXML(buildDomainXML(vm));
  // An immutable file: even root cannot unlink it, so libvirt's volume delete fails for real.
  execFileSync('chattr', ['+i', pb]);
  try {
    const r = await json(app.request(`/api/vms/${name}`, { method: 'DELETE' }));
    assert.equal([r.status, r.body.code], [500, 'KCHVM0010E']);
    assert.ok(r.body.reason.includes(pb) && r.body.reason.includes(`Already deleted: ${pa}`), r.body.reason);
    assert.ok((await conn.connectListAllDomains()).some((d) => d.name === name), 'the VM is still defined');
    assert.not.ok(existsSync(pa));
    assert.ok(existsSync(pb));
  } finally {
    execFileSync('chattr', ['-i', pb]);
  }
  // A retry plans again: the deleted volume no longer resolves, the other goes now, and the VM is undefined.
  const plan = (await json(app.request(`/api/vms/${name}/deletion`))).body;
  assert.equal(plan.delete.map((d: { path: string }) => d.path), [pb]);
  assert.is((await app.request(`/api/vms/${name}`, { method: 'DELETE' })).status, 204);
  assert.not.ok(existsSync(pb));
  assert.not.ok((await conn.connectListAllDomains()).some((d) => d.name === name));
}));

test.run();
