// A VM's snapshots over the test driver: create as a Task, the tree (parent, children, current), revert, delete with
// children handed to the parent, and every refusal (names, memory vs state, raw disks, external snapshots, locks).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { lockVm, unlockVm } from '../../db/index.ts';
import { buildDomainXML, parseSnapshotXML, type DiskModel, type DomainModel } from '../../libvirt/xml/index.ts';
import { isExternal, unsnapshottableDisk } from '../../handlers/snapshots/service.ts';
import { json, makeApp, sender, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let req: ReturnType<typeof sender>;
test.before(async () => { t = await makeApp({ domains: ['test-vm'] }); req = sender(t.app); });
test.after(async () => { await t.cleanup(); });

const get = (path: string) => req('GET', path);

async function finished(task: { id: string }): Promise<{ status: string; message: string; target_uri: string }> {
  for (let i = 0; i < 100; i++) {
    const r = await get(`/api/tasks/${task.id}`);
    if (r.body.status !== 'running') return r.body;
    await sleep(20);
  }
  throw new Error('task still running');
}

async function snap(vm: string, body: unknown = {}): Promise<string> {
  const r = await req('POST', `/api/vms/${vm}/snapshots`, body);
  assert.is(r.status, 202, JSON.stringify(r.body));
  const done = await finished(r.body);
  assert.is(done.status, 'finished', done.message);
  return decodeURIComponent(done.target_uri.split('/').pop()!);
}

const disk = (extra: Partial<DiskModel> = {}): DiskModel =>
  ({ type: 'file', device: 'disk', driver: { name: 'qemu', type: 'qcow2' }, source: { file: '/guests/s.qcow2' }, target: { dev: 'vda', bus: 'virtio' }, ...extra });

function model(name: string, disks: DiskModel[] = [disk()]): DomainModel {
  return {
    type: 'test', name, memory: 256 * 1024, vcpu: 1, os: { type: 'hvm', boot: ['hd'] }, features: [], metadata: [],
    devices: { disks, interfaces: [], graphics: [], consoles: [], serials: [] },
  };
}

async function withVm(name: string, fn: () => Promise<void>, m: DomainModel = model(name), start = true): Promise<void> {
  const conn = t.client.connection;
  const dom = await conn.domainDefineXML(buildDomainXML(m));
  if (start) await conn.domainCreate(dom);
  try { await fn(); } finally {
    await conn.domainDestroy(dom).catch(() => {});
    await conn.domainUndefine(dom, 2 /* SNAPSHOTS_METADATA */).catch(() => {});
  }
}

test('a snapshot is a Task; its default name is time based; the list is a tree with parent, children and current', () => withVm('snap-tree', async () => {
  assert.equal((await get('/api/vms/snap-tree/snapshots')).body, []);
  let r = await get('/api/vms/snap-tree/snapshots/current');
  assert.equal([r.status, r.body.code], [404, 'KCHSNAP0002E']);
  const before = Math.floor(Date.now() / 1000);
  const first = await snap('snap-tree');
  assert.match(first, /^snap-\d{8}-\d{6}$/);
  await snap('snap-tree', { name: 'second' });
  await snap('snap-tree', { name: 'third', memory: true });
  r = await get('/api/vms/snap-tree/snapshots');
  assert.is(r.status, 200);
  assert.equal(r.body.map((s: { name: string }) => s.name), [first, 'second', 'third']);
  const [a, b, c] = r.body;
  assert.equal({ ...a, created: 0 }, { name: first, parent: '', created: 0, state: 'running', current: false, children: ['second'] });
  assert.ok(a.created >= before - 1, 'created in seconds since the epoch');
  assert.equal([b.parent, b.children, c.parent, c.current], [first, ['third'], 'second', true]);
  assert.equal((await get('/api/vms/snap-tree/snapshots/current')).body, c);
  const kimchi = { created: String(b.created), name: 'second', parent: b.parent, state: b.state };
  assert.equal((await get('/plugins/kimchi/vms/snap-tree/snapshots/second')).body, kimchi, 'Kimchi 3.0 has four fields, created a string');
}));

test('revert makes the snapshot current; delete hands its children to its parent', () => withVm('snap-revert', async () => {
  await snap('snap-revert', { name: 'a' });
  await snap('snap-revert', { name: 'b' });
  await snap('snap-revert', { name: 'c' });
  let r = await req('POST', '/api/vms/snap-revert/snapshots/a/revert');
  assert.equal([r.status, r.body.name, r.body.current], [200, 'a', true]);
  assert.is((await get('/api/vms/snap-revert/snapshots/current')).body.name, 'a');
  r = await req('DELETE', '/api/vms/snap-revert/snapshots/b');
  assert.is(r.status, 204);
  const list = (await get('/api/vms/snap-revert/snapshots')).body;
  assert.equal(list.map((s: { name: string; parent: string; children: string[] }) => [s.name, s.parent, s.children]), [['a', '', ['c']], ['c', 'a', []]]);
  r = await get('/api/vms/snap-revert/snapshots/b');
  assert.equal([r.status, r.body.code], [404, 'KCHSNAP0001E']);
  r = await req('POST', '/api/vms/snap-revert/snapshots/b/revert');
  assert.equal([r.status, r.body.code], [404, 'KCHSNAP0001E']);
  r = await req('DELETE', '/api/vms/snap-revert/snapshots/b');
  assert.equal([r.status, r.body.code], [404, 'KCHSNAP0001E']);
}));

test('bad names are 400, a taken name 409, an unknown VM 404 — before any task starts', () => withVm('snap-names', async () => {
  await snap('snap-names', { name: 'taken' });
  for (const body of [{ name: 'current' }, { name: 'a/b' }, { name: ' x' }, { name: '' }, { name: 'ok', color: 1 }, { memory: 'yes' }]) {
    const r = await req('POST', '/api/vms/snap-names/snapshots', body);
    assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], JSON.stringify(body));
  }
  let r = await req('POST', '/api/vms/snap-names/snapshots', { name: 'taken' });
  assert.equal([r.status, r.body.code], [409, 'KCHSNAP0003E']);
  r = await req('POST', '/api/vms/nope/snapshots', {});
  assert.equal([r.status, r.body.code], [404, 'KCHVM0002E']);
  r = await get('/api/vms/nope/snapshots');
  assert.equal([r.status, r.body.code], [404, 'KCHVM0002E']);
  assert.equal((await get('/api/tasks?target_uri=/plugins/kimchi/vms/snap-names/snapshots/current')).body, []);
}));

test('a POST without a body takes a default-named snapshot', () => withVm('snap-nobody', async () => {
  const r = await json(t.app.request('/api/vms/snap-nobody/snapshots', { method: 'POST' }));
  assert.is(r.status, 202, JSON.stringify(r.body));
  assert.is((await finished(r.body)).status, 'finished');
  assert.is((await get('/api/vms/snap-nobody/snapshots')).body.length, 1);
}));

test('memory needs a running VM; a running VM\'s snapshot always has memory', async () => {
  await withVm('snap-off', async () => {
    const r = await req('POST', '/api/vms/snap-off/snapshots', { memory: true });
    assert.equal([r.status, r.body.code], [409, 'KCHSNAP0005E']);
    assert.match(r.body.reason, /it is shut off/);
    assert.is((await snap('snap-off', { name: 'disks-only' })), 'disks-only');
    assert.is((await get('/api/vms/snap-off/snapshots/disks-only')).body.state, 'shutoff');
  }, model('snap-off'), false);
  await withVm('snap-on', async () => {
    const r = await req('POST', '/api/vms/snap-on/snapshots', { memory: false });
    assert.equal([r.status, r.body.code], [409, 'KCHSNAP0006E']);
  });
});

test('a raw disk refuses snapshots with 409 naming it, decided from the domain XML', () => withVm('snap-raw', async () => {
  const r = await req('POST', '/api/vms/snap-raw/snapshots', {}, 'pt-BR');
  assert.equal([r.status, r.body.code], [409, 'KCHSNAP0004E']);
  assert.match(r.body.reason, /disco vdb está no formato raw/);
  assert.equal((await get('/api/vms/snap-raw/snapshots')).body, []);
}, model('snap-raw', [disk(), disk({ driver: { name: 'qemu', type: 'raw' }, source: { file: '/guests/r.img' }, target: { dev: 'vdb', bus: 'virtio' } }),
  { type: 'file', device: 'cdrom', driver: { name: 'qemu', type: 'raw' }, source: { file: '/isos/a.iso' }, target: { dev: 'hdc', bus: 'ide' }, readonly: true }])));

test('the disk rule: qcow2 and CD-ROMs pass; raw, or no format on QEMU, refuse; other drivers without a format pass', () => {
  const cdrom: DiskModel = { type: 'file', device: 'cdrom', source: { file: '/a.iso' }, target: { dev: 'sda' }, readonly: true };
  assert.is(unsnapshottableDisk('kvm', [disk(), cdrom, { ...disk(), source: undefined }]), undefined);
  assert.equal(unsnapshottableDisk('kvm', [{ ...disk(), driver: undefined }]), { dev: 'vda', format: 'raw' });
  assert.equal(unsnapshottableDisk('kvm', [{ ...disk(), driver: { type: 'vmdk' } }]), { dev: 'vda', format: 'vmdk' });
  assert.is(unsnapshottableDisk('test', [{ ...disk(), driver: undefined }]), undefined);
});

test('external snapshots (data outside the disks) are told apart from internal ones by their XML', () => {
  // The test driver refuses external snapshots (no DISK_ONLY flag), so the 409 KCHSNAP0007E on revert is checked on this rule.
  const xml = (disks: string, memory = 'no') => `<domainsnapshot><name>s</name><state>running</state><creationTime>1</creationTime>`
    + `<memory snapshot='${memory}'/><disks>${disks}</disks></domainsnapshot>`;
  assert.not.ok(isExternal(parseSnapshotXML(xml("<disk name='vda' snapshot='internal'/><disk name='sda' snapshot='no'/>", 'internal'))));
  assert.ok(isExternal(parseSnapshotXML(xml("<disk name='vda' snapshot='external'><source file='/o.qcow2'/></disk>"))));
  assert.ok(isExternal(parseSnapshotXML(xml('', 'external'))));
});

test('a busy VM refuses create, revert and delete (409)', () => withVm('snap-busy', async () => {
  const dom = await t.client.connection.domainLookupByName('snap-busy');
  await snap('snap-busy', { name: 'inside' });
  lockVm(t.store.db, dom.uuid, 'clone');
  try {
    for (const [method, path] of [['POST', 'snapshots'], ['POST', 'snapshots/inside/revert'], ['DELETE', 'snapshots/inside']] as const) {
      const r = await req(method, `/api/vms/snap-busy/${path}`, path === 'snapshots' ? {} : undefined);
      assert.equal([r.status, r.body.code], [409, 'KCHVMCR0006E'], `${method} ${path}`);
    }
  } finally { unlockVm(t.store.db, dom.uuid); }
  assert.is((await get('/api/vms/snap-busy/snapshots')).body.length, 1, 'nothing made or removed');
}));

test.run();
