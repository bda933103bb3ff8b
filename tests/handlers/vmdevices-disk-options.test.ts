// Disk options (cache, serial, read-only, shareable, discard), host paths as a disk's source, and editing a shut-off
// VM's disk, over the test driver. It cannot attach devices (libvirt answers "not supported"), but it keeps saved
// definitions: the path rules, the views and the edits (a redefinition) run here; attaching runs on QEMU (tests/qemu/disk-options).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildDomainXML, parseDomainXML, type DiskModel, type DomainModel } from '../../libvirt/xml/index.ts';
import { en, pt } from '../../handlers/i18n/vmdevices.ts';
import { makeApp, sender, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let req: ReturnType<typeof sender>;
let dir: string;
test.before(async () => {
  t = await makeApp({ domains: ['test-vm'] }); req = sender(t.app);
  dir = await mkdtemp(join(tmpdir(), 'kimchi-test-dopt-'));
});
test.after(async () => { await t.cleanup(); await rm(dir, { recursive: true, force: true }); });

const disk = (file: string, dev = 'vda', bus = 'virtio'): DiskModel =>
  ({ type: 'file', device: 'disk', driver: { name: 'qemu', type: 'raw' }, source: { file }, target: { dev, bus } });
const CDROM: DiskModel = { type: 'file', device: 'cdrom', driver: { name: 'qemu', type: 'raw' }, target: { dev: 'hdc', bus: 'ide' }, readonly: true };

function model(name: string, disks: DiskModel[]): DomainModel {
  return {
    type: 'test', name, memory: 256 * 1024, vcpu: 1, os: { type: 'hvm', boot: ['hd'] }, features: [], metadata: [],
    devices: { disks, interfaces: [], graphics: [], consoles: [], serials: [] },
  };
}

async function withVm(name: string, disks: DiskModel[], fn: () => Promise<void>): Promise<void> {
  const conn = t.client.connection;
  const dom = await conn.domainDefineXML(buildDomainXML(model(name, disks)));
  try { await fn(); } finally {
    await conn.domainDestroy(dom).catch(() => {});
    await conn.domainUndefine(dom).catch(() => {});
  }
}

const saved = async (name: string) => parseDomainXML(await t.client.connection.domainGetXMLDesc(await t.client.connection.domainLookupByName(name), DomainXMLFlags.INACTIVE));
const devs = async (name: string) => (await req('GET', `/api/vms/${name}/storages`)).body.map((s: { dev: string }) => s.dev).sort();

test('bad options and bodies are 400 naming the field, nothing attached', () => withVm('kimchi-test-dopt-400', [CDROM], async () => {
  const vm = '/api/vms/kimchi-test-dopt-400/storages';
  const cases: [unknown, string][] = [
    [{ type: 'disk', pool: 'default', size: 1, cache: 'sometimes' }, 'cache'],
    [{ type: 'disk', pool: 'default', size: 1, serial: 'has space' }, 'serial'],
    [{ type: 'disk', pool: 'default', size: 1, serial: 'A'.repeat(21) }, 'serial'],
    [{ type: 'disk', pool: 'default', size: 1, discard: 'trim' }, 'discard'],
    [{ type: 'disk', pool: 'default', size: 1, readonly: 'yes' }, 'readonly'],
    [{ type: 'disk', path: '/srv/x.img', pool: 'default' }, 'pool'],
    [{ type: 'disk', path: 'relative.img' }, 'path'],
    [{ type: 'disk' }, 'pool'],
    [{ type: 'cdrom', cache: 'none' }, 'cache'],
  ];
  for (const [body, field] of cases) {
    const r = await req('POST', vm, body);
    assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], JSON.stringify(body));
    assert.ok(r.body.reason.includes(field), `${JSON.stringify(body)} → ${r.body.reason}`);
  }
  let r = await req('PUT', `${vm}/hdc`, { path: '/srv/a.iso', bus: 'sata' });
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E'], 'a medium change goes alone');
  r = await req('PUT', `${vm}/hdc`, { cache: 'always' });
  assert.equal([r.status, r.body.code], [400, 'KCHAPI0005E']);
  assert.equal(await devs('kimchi-test-dopt-400'), ['hdc']);
}));

test('a host path is refused when missing, a directory, a system path, or another VM\'s disk; translated', async () => {
  const used = join(dir, 'used.img');
  await writeFile(used, Buffer.alloc(4096));
  await withVm('kimchi-test-dopt-other', [disk(used)], () => withVm('kimchi-test-dopt-path', [CDROM], async () => {
    const vm = '/api/vms/kimchi-test-dopt-path/storages';
    const missing = join(dir, 'nope.img');
    let r = await req('POST', vm, { type: 'disk', path: missing });
    assert.equal([r.status, r.body.code, r.body.reason], [400, 'KCHVMSTOR0030E', en.KCHVMSTOR0030E.replace('{path}', missing)]);
    r = await req('POST', vm, { type: 'disk', path: missing }, 'pt-BR');
    assert.is(r.body.reason, pt.KCHVMSTOR0030E.replace('{path}', missing));
    r = await req('POST', vm, { type: 'disk', path: dir });
    assert.equal([r.status, r.body.code], [400, 'KCHVMSTOR0033E']);
    assert.match(r.body.reason, /is a directory; a disk must be a regular image file or a block device/);
    for (const [path, sys] of [['/etc/hostname', '/etc'], ['/var/lib/dpkg/status', '/var/lib'], ['/dev/null', '/dev']]) {
      r = await req('POST', vm, { type: 'disk', path });
      assert.equal([r.status, r.body.code], [400, path === '/dev/null' ? 'KCHVMSTOR0033E' : 'KCHVMSTOR0032E'], path);
      if (path !== '/dev/null') assert.ok(r.body.reason.includes(sys), r.body.reason);
    }
    r = await req('POST', vm, { type: 'disk', path: used });
    assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0036E']);
    assert.ok(r.body.reason.includes('kimchi-test-dopt-other'), r.body.reason);
    r = await req('POST', '/plugins/kimchi/vms/kimchi-test-dopt-path/storages', { type: 'disk', path: used });
    assert.equal([r.status, r.body.code], [400, '400 Bad Request'], 'Kimchi 3.0 attaches no disk by path');
    assert.match(r.body.reason, /^WOKAPI0008E: .*path: this field is not accepted/, r.body.reason);
    assert.equal(await devs('kimchi-test-dopt-path'), ['hdc'], 'nothing attached');
  }));
});

test('the block device the host\'s / is mounted from is refused, translated; nothing attached', async () => {
  const root = (await readFile('/proc/self/mounts', 'utf8')).split('\n').map((l) => l.split(' ')).find((f) => f[1] === '/')?.[0] ?? '';
  if (!(await stat(root).catch(() => undefined))?.isBlockDevice()) { console.log(`  (skipped: / is on ${root || 'nothing'}, not a block device)`); return; }
  await withVm('kimchi-test-dopt-blk', [CDROM], async () => {
    let r = await req('POST', '/api/vms/kimchi-test-dopt-blk/storages', { type: 'disk', path: root });
    assert.equal([r.status, r.body.code, r.body.reason], [400, 'KCHVMSTOR0034E', en.KCHVMSTOR0034E.replace('{path}', root)]);
    r = await req('POST', '/api/vms/kimchi-test-dopt-blk/storages', { type: 'disk', path: root }, 'pt-BR');
    assert.match(r.body.reason, /está em uso pelo host/);
    assert.equal(await devs('kimchi-test-dopt-blk'), ['hdc']);
  });
});

test('a free image file passes the path rules and reaches libvirt (which the test driver refuses to attach)', async () => {
  const free = join(dir, 'free.img');
  await writeFile(free, Buffer.alloc(4096));
  await withVm('kimchi-test-dopt-free', [CDROM], async () => {
    const r = await req('POST', '/api/vms/kimchi-test-dopt-free/storages', { type: 'disk', path: free, cache: 'none', serial: 'S1' });
    assert.equal([r.status, r.body.code], [409, 'KCHVMSTOR0009E'], JSON.stringify(r.body));
  });
});

test('the view shows cache, serial, readonly, shareable and discard; null or false when unset', async () => {
  const withOpts: DiskModel = { ...disk('/guests/a.img', 'vdb'), driver: { name: 'qemu', type: 'raw', cache: 'none', discard: 'unmap' }, serial: 'SN-1', shareable: true };
  await withVm('kimchi-test-dopt-view', [disk('/guests/b.img'), withOpts, CDROM], async () => {
    const r = await req('GET', '/api/vms/kimchi-test-dopt-view/storages');
    const pick = (s: Record<string, unknown>) => [s.dev, s.cache, s.serial, s.readonly, s.shareable, s.discard];
    assert.equal(r.body.map(pick), [
      ['vda', null, null, false, false, null], ['vdb', 'none', 'SN-1', false, true, 'unmap'], ['hdc', null, null, true, false, null],
    ]);
    const k = await req('GET', '/plugins/kimchi/vms/kimchi-test-dopt-view/storages/vdb');
    assert.equal(Object.keys(k.body).sort(), ['bus', 'dev', 'format', 'path', 'type'], 'Kimchi 3.0 keeps its five fields');
  });
});

test('edit on a shut-off VM: a bus change takes a free name on the new bus; options land in the saved XML', () => withVm('kimchi-test-dopt-edit', [disk('/guests/a.img'), disk('/guests/c.img', 'sda', 'sata'), CDROM], async () => {
  const vm = '/api/vms/kimchi-test-dopt-edit/storages';
  let r = await req('PUT', `${vm}/vda`, { bus: 'sata', cache: 'writeback', serial: 'DATA01', discard: 'unmap', readonly: true, shareable: true });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal([r.body.dev, r.body.bus, r.body.path, r.body.cache, r.body.serial, r.body.discard, r.body.readonly, r.body.shareable],
    ['sdb', 'sata', '/guests/a.img', 'writeback', 'DATA01', 'unmap', true, true]);
  const d = (await saved('kimchi-test-dopt-edit')).devices.disks.find((x) => x.source?.file === '/guests/a.img')!;
  assert.equal([d.target, d.driver?.cache, d.driver?.discard, d.serial, d.readonly, d.shareable], [{ dev: 'sdb', bus: 'sata' }, 'writeback', 'unmap', 'DATA01', true, true]);
  assert.is((await req('GET', `${vm}/vda`)).status, 404, 'vda is gone');
  r = await req('PUT', `${vm}/sdb`, { cache: 'default', readonly: false, shareable: false });
  assert.equal([r.status, r.body.dev, r.body.cache, r.body.readonly, r.body.shareable, r.body.serial], [200, 'sdb', null, false, false, 'DATA01']);
  r = await req('PUT', `${vm}/hdc`, { cache: 'none' }, 'pt-BR');
  assert.equal([r.status, r.body.code], [400, 'KCHVMSTOR0038E']);
  assert.match(r.body.reason, /só podem ser alterados em um disco/);
}));

test('edit on a running VM is 409 with a translated reason, and nothing changes', () => withVm('kimchi-test-dopt-run', [disk('/guests/a.img')], async () => {
  const conn = t.client.connection;
  await conn.domainCreate(await conn.domainLookupByName('kimchi-test-dopt-run'));
  let r = await req('PUT', '/api/vms/kimchi-test-dopt-run/storages/vda', { cache: 'none', bus: 'scsi' });
  assert.equal([r.status, r.body.code, r.body.reason], [409, 'KCHVMSTOR0037E',
    'The disk vda of the virtual machine kimchi-test-dopt-run can be changed only while it is shut off; shut it down first.']);
  r = await req('PUT', '/api/vms/kimchi-test-dopt-run/storages/vda', { cache: 'none' }, 'pt-BR');
  assert.match(r.body.reason, /desligue-a primeiro/);
  const d = (await saved('kimchi-test-dopt-run')).devices.disks[0]!;
  assert.equal([d.target.dev, d.driver?.cache], ['vda', undefined]);
}));

test.run();
