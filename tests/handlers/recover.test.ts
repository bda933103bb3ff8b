// A server stopped in the middle of a long operation: the steps Rollback journaled in SQLite are undone at the next
// start (real libvirtd test driver, real SQLite file; the server shares the test's connection so they see one hypervisor).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTask, openStore, putVmMeta, type Store } from '../../db/index.ts';
import { ErrorCode, LibvirtClient, LibvirtError, type Connection, type Domain, type StorageVol } from '../../libvirt/index.ts';
import { buildDomainXML } from '../../libvirt/xml/index.ts';
import { Rollback } from '../../handlers/vms/rollback.ts';
import { undoInterrupted } from '../../handlers/vms/recover.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, getJson } from '../helpers/server.ts';
import { createApp } from '../../handlers/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { json, silent } from '../helpers/app.ts';
import { cleanUp } from '../helpers/cleanup.ts';

interface World { fx: Fixture; dir: string; dbPath: string; client: LibvirtClient; conn: Connection }

async function world(): Promise<World> {
  const fx = writeFixture();
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-recover-'));
  mkdirSync(join(dir, 'data'));
  const client = new LibvirtClient({ uri: fx.uri, events: true });
  await client.open();
  return { fx, dir, dbPath: join(dir, 'data', 'kimchi.db'), client, conn: client.connection };
}

const done = (w: World) => cleanUp([['client', () => w.client.close()], ['fixture', () => w.fx.cleanup()], ['dir', () => rmSync(w.dir, { recursive: true, force: true })]]);

/** What a VM create does up to its last step (volume, domain, metadata), journaled, and never finished. */
async function halfMadeVm(w: World, store: Store, name: string): Promise<{ task: number; vol: StorageVol; dom: Domain }> {
  const task = createTask(store.db, `/plugins/kimchi/vms/${name}`, 'defining the virtual machine').id;
  const undo = new Rollback(undefined, {}, { db: store.db, taskId: task });
  const pool = await w.conn.storagePoolLookupByName('default');
  const vol = await w.conn.storageVolCreateXML(pool, `<volume><name>${name}-0.qcow2</name><capacity>1048576</capacity></volume>`);
  undo.push('delete volume', () => w.conn.storageVolDelete(vol), { kind: 'volume', pool: 'default', name: `${name}-0.qcow2` });
  const dom = await w.conn.domainDefineXML(buildDomainXML({
    type: 'test', name, memory: 65536, currentMemory: 65536, vcpu: 1, os: { type: 'hvm', boot: [] }, features: [], metadata: [],
    devices: {
      disks: [{ type: 'file', device: 'disk', source: { file: await w.conn.storageVolGetPath(vol) }, target: { dev: 'vda', bus: 'virtio' } }],
      interfaces: [], graphics: [], consoles: [], serials: [],
    },
  }));
  undo.push('undefine', () => w.conn.domainUndefine(dom), { kind: 'domain', uuid: dom.uuid });
  putVmMeta(store.db, dom.uuid, { template: 't1', icon: null });
  undo.push('delete metadata', () => {}, { kind: 'vm_meta', uuid: dom.uuid });
  return { task, vol, dom };
}

const isGone = (p: Promise<unknown>, code: number) => p.then(() => false, (e) => e instanceof LibvirtError && e.code === code);
const count = (dbPath: string, table: string) => {
  const db = new Database(dbPath, { readonly: true });
  try { return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n; } finally { db.close(); }
};

test('after a stop mid-create, the next start removes the VM\'s volume, domain and metadata and the task says it was interrupted', async () => {
  const w = await world();
  try {
    const store = openStore(w.dbPath);
    const { task, vol, dom } = await halfMadeVm(w, store, 'crashed-vm');
    store.close(); // the process "stops" here: no commit, no rollback
    const server = await serve(w.fx.uri, { client: w.client, dataDir: join(w.dir, 'data') });
    try {
      assert.ok(await isGone(w.conn.domainLookupByUUID(dom.uuid), ErrorCode.NO_DOMAIN), 'the domain was undefined');
      assert.ok(await isGone(w.conn.storageVolGetPath(vol), ErrorCode.NO_STORAGE_VOL), 'the volume was deleted');
      assert.is(count(w.dbPath, 'vm_meta'), 0, 'the metadata went with the VM');
      assert.is(count(w.dbPath, 'pending_undo'), 0, 'the journal is empty');
      const t = await getJson(`${server.url}/api/tasks/${task}`);
      assert.equal([t.body.status, t.body.message], ['failed', 'The server stopped while this task was running.']);
    } finally {
      await server.stop();
    }
  } finally {
    await done(w);
  }
});

test('a half-made VM someone started meanwhile is kept whole: domain, disk and metadata stay', async () => {
  const w = await world();
  try {
    const store = openStore(w.dbPath);
    const { dom } = await halfMadeVm(w, store, 'revived-vm');
    await w.conn.domainCreate(dom);
    store.close();
    const server = await serve(w.fx.uri, { client: w.client, dataDir: join(w.dir, 'data') });
    try {
      assert.ok(await w.conn.domainIsActive(await w.conn.domainLookupByUUID(dom.uuid)), 'still defined and running');
      const pool = await w.conn.storagePoolLookupByName('default');
      assert.ok(await w.conn.storageVolLookupByName(pool, 'revived-vm-0.qcow2'), 'its disk is there (used by the VM)');
      assert.is(count(w.dbPath, 'vm_meta'), 1);
      assert.is(count(w.dbPath, 'pending_undo'), 0, 'kept on purpose: nothing left to retry');
    } finally {
      await server.stop();
    }
  } finally {
    await done(w);
  }
});

test('an upload announced but never completed before a stop: the next start deletes its volume', async () => {
  const w = await world();
  try {
    const store = openStore(w.dbPath);
    const events = new EventBus();
    const app = createApp({ libvirt: w.client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events, logger: silent });
    const r = await json(app.request('/api/storagepools/default/storagevolumes', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'half.iso', capacity: 4096, upload: true }),
    }));
    assert.is(r.status, 202, JSON.stringify(r.body));
    const pool = await w.conn.storagePoolLookupByName('default');
    assert.ok(await w.conn.storageVolLookupByName(pool, 'half.iso'), 'the empty volume waits for its content');
    events.close();
    store.close(); // stopped before any PUT
    const server = await serve(w.fx.uri, { client: w.client, dataDir: join(w.dir, 'data') });
    try {
      assert.ok(await isGone(w.conn.storageVolLookupByName(pool, 'half.iso'), ErrorCode.NO_STORAGE_VOL), 'the half volume was deleted');
      assert.is(count(w.dbPath, 'pending_undo'), 0);
    } finally {
      await server.stop();
    }
  } finally {
    await done(w);
  }
});

test('steps of a task still running are left alone; a step libvirtd cannot do now stays for the next try', async () => {
  const w = await world();
  const store = openStore(w.dbPath);
  try {
    const { vol } = await halfMadeVm(w, store, 'busy-vm');
    assert.equal(await undoInterrupted(w.conn, store.db), { undone: [], kept: [], waiting: [] }, 'its task is running: nothing undone');
    assert.ok(await w.conn.storageVolGetPath(vol));
    store.sqlite.prepare(`UPDATE tasks SET status = 'failed'`).run(); // as openStore does after a stop
    const away = new LibvirtClient({ uri: w.fx.uri });
    await away.open();
    const lost = away.connection;
    await away.close();
    await undoInterrupted(lost, store.db); // every step fails: connection closed
    assert.is(count(w.dbPath, 'pending_undo'), 3, 'all three steps wait for the next try');
    const r = await undoInterrupted(w.conn, store.db);
    assert.is(r.undone.length, 3, r.undone.join('; '));
    assert.is(count(w.dbPath, 'pending_undo'), 0);
  } finally {
    store.close();
    await done(w);
  }
});

test('the journal follows the work: steps are written as they succeed, a failed undo stays, commit clears the rest', async () => {
  const w = await world();
  const store = openStore(w.dbPath);
  try {
    const task = createTask(store.db, '/plugins/kimchi/vms/x').id;
    const undo = new Rollback(undefined, {}, { db: store.db, taskId: task });
    undo.push('fine', () => {}, { kind: 'template', name: 'a' });
    undo.push('broken', () => { throw new Error('no'); }, { kind: 'template', name: 'b' });
    undo.push('in memory only', () => {});
    assert.is(count(w.dbPath, 'pending_undo'), 2);
    assert.equal(await undo.run(), ['broken']);
    const left = store.sqlite.prepare('SELECT args FROM pending_undo').all() as { args: string }[];
    assert.equal(left.map((r) => JSON.parse(r.args)), [{ name: 'b' }], 'only the step that failed to undo is left');
    const again = new Rollback(undefined, {}, { db: store.db, taskId: task });
    again.push('x', () => {}, { kind: 'template', name: 'c' });
    again.commit();
    assert.is(count(w.dbPath, 'pending_undo'), 0, 'commit forgets every step of the task');
  } finally {
    store.close();
    await done(w);
  }
});

test('a step journaled before it starts: a stop before libvirt made it leaves nothing to do; a refusal by libvirt forgets the intent', async () => {
  const w = await world();
  try {
    const store = openStore(w.dbPath);
    const pool = await w.conn.storagePoolLookupByName('default');
    const stranger = await w.conn.storageVolCreateXML(pool, '<volume><name>taken.img</name><capacity>1024</capacity></volume>');
    const task = createTask(store.db, '/plugins/kimchi/vms/x').id;
    const undo = new Rollback(undefined, {}, { db: store.db, taskId: task });
    const refused = await undo.make('delete', { kind: 'volume', pool: 'default', name: 'taken.img' },
      () => w.conn.storageVolCreateXML(pool, '<volume><name>taken.img</name><capacity>1024</capacity></volume>'), () => {}).catch((e) => e);
    assert.instance(refused, LibvirtError);
    assert.is(count(w.dbPath, 'pending_undo'), 0, 'libvirt made nothing: the intent is gone, so no replay touches the stranger');
    void undo.make('delete', { kind: 'volume', pool: 'default', name: 'never-made.img' }, () => new Promise<never>(() => {}), () => {});
    assert.is(count(w.dbPath, 'pending_undo'), 1, 'the intent is on disk before libvirt is asked');
    store.close(); // the server stops while the step is in flight
    const server = await serve(w.fx.uri, { client: w.client, dataDir: join(w.dir, 'data') });
    try {
      assert.is(count(w.dbPath, 'pending_undo'), 0, 'never made: nothing to undo, the row is gone');
      assert.ok(await w.conn.storageVolGetPath(stranger), 'the volume of that name someone else made stays');
    } finally {
      await server.stop();
    }
  } finally {
    await done(w);
  }
});

test.run();
