// QEMU truth for a clone cut off by SIGKILL: the real server (npm start's runtime/main.ts) is killed while libvirt
// copies the disk; the next start leaves no orphan volume and the next clone of that VM succeeds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibvirtClient, type Connection, type StoragePool } from '../../libvirt/index.ts';
import { buildDomainXML, buildStorageVolXML } from '../../libvirt/xml/index.ts';
import { createPool, QEMU_URI, removePool, sweep, testName, tinyVM } from '../helpers/qemu.ts';
import { basic, createUser, removeUser, type TestUser } from '../helpers/users.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { until } from '../helpers/server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PREFIX = 'kimchi-test-t12u-';
const DISK_MIB = 1024; // raw, every byte written: libvirt takes a few seconds to copy it here (measured ~750 MB/s unloaded)

test.before(async () => {
  const c = new LibvirtClient({ uri: QEMU_URI });
  try {
    const left = await sweep(await c.open(), PREFIX);
    if (left.length) console.log(`# swept leftovers: ${left.join(', ')}`);
  } finally { await c.close(); }
});

interface Server { child: ChildProcess; url: string; out: () => string; exited: Promise<unknown> }

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts', '--port', '0'], {
    cwd: ROOT, env: { ...process.env, KIMCHI_LIBVIRT_URI: QEMU_URI, KIMCHI_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (const end = Date.now() + 30_000; Date.now() < end;) {
    const url = /"url":"(http:[^"]+)"/.exec(out)?.[1];
    if (url) return { child, url, out: () => out, exited };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start: ${out}`);
}

/** A raw volume with every byte written (so libvirt really copies DISK_MIB of data). */
async function fullDisk(conn: Connection, pool: StoragePool, name: string): Promise<void> {
  const vol = await conn.storageVolCreateXML(pool, buildStorageVolXML({ name, capacityBytes: DISK_MIB * 2 ** 20, format: 'raw' }));
  const fd = openSync(await conn.storageVolGetPath(vol), 'r+');
  try {
    const chunk = randomBytes(2 ** 20);
    for (let i = 0; i < DISK_MIB; i++) writeSync(fd, chunk, 0, chunk.length, i * 2 ** 20);
  } finally { closeSync(fd); }
}

const volumeNames = async (conn: Connection, pool: StoragePool) => (await conn.storagePoolListAllVolumes(pool)).map((v) => v.name).sort();


/** A pool whose volume libvirt still fills cannot be stopped yet: retry until it goes. */
async function removePoolWhenIdle(conn: Connection, name: string): Promise<void> {
  for (const end = Date.now() + 120_000; Date.now() < end;) {
    const pool = await conn.storagePoolLookupByName(name).catch(() => undefined);
    if (!pool) return;
    await removePool(conn, pool);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('SIGKILL mid-clone: the next start removes the half-made copy, and a new clone of the VM succeeds', async () => {
  const client = new LibvirtClient({ uri: QEMU_URI });
  const conn = await client.open();
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-t12u-'));
  const dataDir = join(dir, 'data');
  const poolName = testName(PREFIX);
  const vm = testName(PREFIX);
  const servers: Server[] = [];
  let user: TestUser | undefined;
  try {
    user = createUser('kt12u', ['sudo']);
    const auth = { Authorization: basic(user) };
    const pool = await createPool(conn, poolName);
    await fullDisk(conn, pool, `${vm}-0.img`);
    const model = tinyVM(vm, poolName, `${vm}-0.img`);
    model.devices.disks[0].driver = { name: 'qemu', type: 'raw' };
    await conn.domainDefineXML(buildDomainXML(model));

    const first = await startServer(dataDir);
    servers.push(first);
    const r = await fetch(`${first.url}/api/vms/${vm}/clone`, { method: 'POST', headers: auth });
    assert.is(r.status, 202, await r.clone().text());
    const copy = `${vm}-clone-1-0.img`;
    const t0 = Date.now();
    const cloneTask = (await r.json()).id;
    await until(async () => (await volumeNames(conn, pool)).includes(copy), 30_000, 'libvirt to start the copy');
    // In flight: the copy's volume exists and the Task has not ended (the old code journaled only after the copy).
    const before = await (await fetch(`${first.url}/api/tasks/${cloneTask}`, { headers: auth })).json();
    first.child.kill('SIGKILL');
    assert.is(before.status, 'running', 'the clone was still running when the server was killed');
    await first.exited;
    const killedAt = Date.now() - t0;
    assert.ok((await volumeNames(conn, pool)).includes(copy), 'the copy libvirt started outlives the server');

    const second = await startServer(dataDir);
    servers.push(second);
    const again = await fetch(`${second.url}/api/vms/${vm}/clone`, { method: 'POST', headers: auth });
    assert.is(again.status, 202, await again.clone().text());
    const id = (await again.json()).id;
    let task: { status: string; message: string } = { status: 'running', message: '' };
    await until(async () => {
      task = await (await fetch(`${second.url}/api/tasks/${id}`, { headers: auth })).json();
      return task.status !== 'running';
    }, 120_000, 'the second clone');
    assert.equal([task.status, task.message], ['finished', 'OK'], second.out());

    // libvirt refuses to delete a volume while it fills it: the orphan goes once that copy ends (or at once, when the
    // copy had already ended; then the new clone may reuse its name). Either way only two volumes stay.
    await until(async () => (await volumeNames(conn, pool)).length === 2, 120_000, 'the orphan copy to go')
      .catch(async (e) => { throw new Error(`${e.message}; volumes: ${(await volumeNames(conn, pool)).join(', ')}; second server said:\n${second.out()}`); });
    const names = await volumeNames(conn, pool);
    assert.is(names.length, 2, `the source and the new clone's disk only: ${names.join(', ')}`);
    assert.ok(names.includes(`${vm}-0.img`));
    const db = new Database(join(dataDir, 'kimchi.db'), { readonly: true });
    try {
      assert.is((db.prepare('SELECT count(*) AS n FROM pending_undo').get() as { n: number }).n, 0, 'the journal is clear');
    } finally { db.close(); }
    const recovery = second.out().split('\n').filter((l) => l.includes('interrupted task')).map((l) => JSON.parse(l).msg);
    console.log(`# killed ${killedAt} ms into the copy of ${DISK_MIB} MiB; recovery said: ${recovery.join(' / ') || '(nothing)'}`);
  } finally {
    for (const s of servers) s.child.kill('SIGKILL');
    await cleanUp([
      ['servers', () => Promise.all(servers.map((s) => s.exited))],
      ['pool', () => removePoolWhenIdle(conn, poolName)],
      ['leftovers', () => sweep(conn, PREFIX)],
      ['client', () => client.close()],
      ['user', () => removeUser(user)],
      ['dir', () => rmSync(dir, { recursive: true, force: true })],
    ]);
  }
});

test.run();
