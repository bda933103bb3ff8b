// The QEMU/KVM truth for issue 4: template → VM → start → poweroff → clone → template from the VM → VM on an overlay → all removed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile as execFileCb } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deleteTemplate, getTemplate, insertTemplate, openStore, type Store } from '../../db/index.ts';
import { createApp } from '../../handlers/index.ts';
import type { TemplateSpec } from '../../handlers/templates/schemas.ts';
import { parseVolumeXML } from '../../handlers/vms/volumes.ts';
import { DomainState, DomainXMLFlags, LibvirtClient, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from '../helpers/app.ts';
import { createPool, IMAGES, QEMU_URI, removePool, sweep, testName } from '../helpers/qemu.ts';
import { spec } from '../helpers/vm-create.ts';

const execFile = promisify(execFileCb);
const PREFIX = 'kimchi-test-flow-';

test.before(async () => {
  const c = new LibvirtClient({ uri: QEMU_URI });
  try {
    const left = await sweep(await c.open(), PREFIX);
    if (left.length) console.log(`# swept leftovers: ${left.join(', ')}`);
  } finally { await c.close(); }
});

async function settle(app: ReturnType<typeof createApp>, id: string): Promise<{ status: string; message: string; target_uri: string }> {
  for (let i = 0; i < 1200; i++) {
    const r = await json(app.request(`/api/tasks/${id}`));
    if (r.body.status !== 'running') return r.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`task ${id} did not end`);
}

async function eventually(fn: () => Promise<boolean>, what: string, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

test('template → VM → start → poweroff → clone → template from the VM → VM on an overlay of the base → nothing left', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-flow-'));
  const client = new LibvirtClient({ uri: QEMU_URI });
  const conn: Connection = await client.open();
  const store: Store = openStore(join(dir, 'kimchi.db'));
  const events = new EventBus();
  const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger: silent, version: 'test' });
  const poolName = testName(PREFIX);
  let pool: StoragePool | undefined;
  const post = async (path: string, body?: unknown) => json(app.request(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }));
  const state = async (name: string) => (await conn.domainGetState(await conn.domainLookupByName(name))).state;
  const vol = async (path: string) => {
    const v = await conn.storageVolLookupByPath(path);
    return { ...parseVolumeXML(await conn.storageVolGetXMLDesc(v)), ...(await conn.storageVolGetInfo(v)) };
  };
  const diskOf = async (name: string) => parseDomainXML(await conn.domainGetXMLDesc(await conn.domainLookupByName(name), DomainXMLFlags.INACTIVE)).devices.disks;
  try {
    pool = await createPool(conn, poolName);
    const poolDir = join(IMAGES, poolName);
    // A small install ISO (not bootable: the guest only has to run), inside the pool so qemu may read it.
    const src = join(dir, 'iso');
    mkdirSync(src);
    writeFileSync(join(src, 'README.TXT'), 'kimchi-ts flow test\n');
    const iso = join(poolDir, 'install.iso');
    await execFile('xorriso', ['-as', 'mkisofs', '-V', 'TEST', '-o', iso, src]);
    await conn.storagePoolRefresh(pool);

    const vm = `${PREFIX}vm`;
    insertTemplate(store.db, 'flow', spec('flow', {
      cdrom: iso, storagepool: `/plugins/kimchi/storagepools/${poolName}`, networks: [],
      disks: [{ index: 0, size: 16 / 1024, pool: { name: poolName }, format: 'qcow2' }],
    }));

    // 1. VM from the template.
    const made = await settle(app, (await post('/api/vms', { name: vm, template: '/plugins/kimchi/templates/flow' })).body.id);
    assert.equal([made.status, made.message], ['finished', 'OK']);
    const disks = await diskOf(vm);
    assert.equal(disks.map((d) => [d.device, d.source?.file]), [['disk', join(poolDir, `${vm}-0.qcow2`)], ['cdrom', iso]]);
    assert.is((await vol(disks[0].source!.file!)).capacity, 16 * 1024 * 1024);

    // 2. It runs on KVM, then powers off.
    assert.is((await post(`/api/vms/${vm}/start`)).status, 200);
    await eventually(async () => (await state(vm)) === DomainState.RUNNING, 'running');
    const running = await post(`/api/vms/${vm}/clone`);
    assert.equal([running.status, running.body.code], [409, 'KCHVMCR0005E']);
    assert.is((await post(`/api/vms/${vm}/poweroff`)).status, 200);
    await eventually(async () => (await state(vm)) === DomainState.SHUTOFF, 'shut off');

    // Some data in the disk, so a copy and an overlay differ in size.
    await execFile('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0xab 0 4M', disks[0].source!.file!]);

    // 3. Clone: its own full copy of the disk, the same ISO.
    const cloned = await settle(app, (await post(`/api/vms/${vm}/clone`)).body.id);
    assert.equal([cloned.status, cloned.target_uri], ['finished', `/plugins/kimchi/vms/${vm}-clone-1`]);
    const cloneDisks = await diskOf(`${vm}-clone-1`);
    assert.equal(cloneDisks.map((d) => d.source?.file), [join(poolDir, `${vm}-clone-1-0.qcow2`), iso]);
    const copy = await vol(cloneDisks[0].source!.file!);
    assert.ok(copy.allocation >= 4 * 1024 * 1024, `the copy holds the data (${copy.allocation})`);
    assert.is(copy.backingPath, undefined);

    // 4. Template from the VM: read-only base, the VM moved onto an overlay of it.
    const t = await settle(app, (await post(`/api/vms/${vm}/template`, { name: 'flow-golden' })).body.id);
    assert.equal([t.status, t.message], ['finished', 'OK']);
    const base = join(poolDir, 'flow-golden-base.qcow2');
    const b = await vol(base);
    assert.is(b.mode, '0444');
    assert.is(statSync(base).mode & 0o777, 0o444);
    const vmDisk = (await diskOf(vm))[0].source!.file!;
    assert.is(vmDisk, join(poolDir, `${vm}-flow-golden.qcow2`));
    assert.is((await vol(vmDisk)).backingPath, base);
    assert.is(getTemplate<TemplateSpec>(store.db, 'flow-golden')?.disks[0].base, base);

    // The VM still boots on its overlay.
    assert.is((await post(`/api/vms/${vm}/start`)).status, 200);
    await eventually(async () => (await state(vm)) === DomainState.RUNNING, 'running on the overlay');
    assert.is((await post(`/api/vms/${vm}/poweroff`)).status, 200);
    await eventually(async () => (await state(vm)) === DomainState.SHUTOFF, 'shut off again');

    // 5. A VM from that template: an overlay of the base, not a copy.
    const child = `${PREFIX}child`;
    const c = await settle(app, (await post('/api/vms', { name: child, template: '/plugins/kimchi/templates/flow-golden' })).body.id);
    assert.equal([c.status, c.message], ['finished', 'OK']);
    const childVol = await vol((await diskOf(child))[0].source!.file!);
    assert.is(childVol.backingPath, base);
    assert.ok(childVol.allocation < 1024 * 1024 && b.allocation >= 4 * 1024 * 1024, `overlay ${childVol.allocation} vs base ${b.allocation}`);

    // 6. Delete everything made through the API; the base stays for the template until it goes too.
    for (const name of [child, `${vm}-clone-1`, vm]) {
      const r = await json(app.request(`/api/vms/${name}`, { method: 'DELETE' }));
      assert.is(r.status, 204, `${name}: ${JSON.stringify(r.body)}`);
    }
    await conn.storagePoolRefresh(pool);
    const left = (await conn.storagePoolListAllVolumes(pool)).map((v) => v.name).sort();
    assert.equal(left, ['flow-golden-base.qcow2', 'install.iso']);
    deleteTemplate(store.db, 'flow-golden');
    for (const v of await conn.storagePoolListAllVolumes(pool)) await conn.storageVolDelete(v);
    assert.equal(await conn.storagePoolListAllVolumes(pool), []);
  } finally {
    for (const d of await conn.connectListAllDomains()) {
      if (!d.name.startsWith(PREFIX)) continue;
      await conn.domainDestroy(d).catch(() => {});
      await conn.domainUndefine(d).catch(() => {});
    }
    if (pool) await removePool(conn, pool);
    events.close();
    await client.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
