// Disk options on QEMU/KVM, for truth: new volumes on each bus with cache, serial and discard land in the saved XML of
// a shut-off guest; a host image file (qcow2 found by its header) attaches by path; a shut-off guest's disk moves bus
// and changes cache; a running guest's disk edit is refused; bad input attaches nothing. kimchi-test-dopt-* is removed in finally.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { buildDomainXML, buildStorageVolXML, parseDomainXML } from '../../libvirt/xml/index.ts';
import { testName, tinyVM } from '../helpers/qemu.ts';
import { withQemuApp, type QemuWorld } from '../helpers/qemu-app.ts';

const PREFIX = 'kimchi-test-dopt-';
const withWorld = (fn: (w: QemuWorld) => Promise<void>) => withQemuApp(PREFIX, fn);

async function vmOf(w: QemuWorld, start = false): Promise<string> {
  const name = testName(PREFIX);
  await w.conn.storageVolCreateXML(w.pool, buildStorageVolXML({ name: `${name}-boot.qcow2`, capacityBytes: 64 << 20, format: 'qcow2' }));
  const dom = await w.conn.domainDefineXML(buildDomainXML(tinyVM(name, w.pool.name, `${name}-boot.qcow2`)));
  if (start) await w.conn.domainCreate(dom);
  return name;
}

const savedDisks = async (w: QemuWorld, name: string) =>
  parseDomainXML(await w.conn.domainGetXMLDesc(await w.conn.domainLookupByName(name), DomainXMLFlags.INACTIVE)).devices.disks;

test('a new volume on each bus, with cache, serial and discard, lands in the shut-off guest\'s saved XML', () => withWorld(async (w) => {
  const vm = await vmOf(w);
  const buses = [['virtio', 'none', 'vdb'], ['scsi', 'writeback', 'sda'], ['sata', 'directsync', 'sdb'], ['ide', 'writethrough', 'hda']] as const;
  for (const [bus, cache, dev] of buses) {
    const r = await w.call('POST', `/api/vms/${vm}/storages`, { type: 'disk', pool: w.pool.name, size: 0.01, bus, cache, serial: `SN-${bus}`, discard: 'unmap' });
    assert.equal([r.status, r.body.dev, r.body.bus, r.body.cache, r.body.serial, r.body.discard], [201, dev, bus, cache, `SN-${bus}`, 'unmap'], JSON.stringify(r.body));
  }
  const disks = await savedDisks(w, vm);
  for (const [bus, cache, dev] of buses) {
    const d = disks.find((x) => x.target.dev === dev);
    assert.equal([d?.target.bus, d?.driver?.cache, d?.driver?.discard, d?.serial], [bus, cache, 'unmap', `SN-${bus}`], dev);
  }
  const ro = await w.call('POST', `/api/vms/${vm}/storages`, { type: 'disk', pool: w.pool.name, size: 0.01, readonly: true, shareable: true, format: 'raw' });
  assert.equal([ro.status, ro.body.readonly, ro.body.shareable], [201, true, true], JSON.stringify(ro.body));
}));

test('a host image file attaches by path (its qcow2 format read from the header); bad input attaches nothing', async () => {
  const tmp = mkdtempSync(join(tmpdir(), PREFIX));
  try {
    await withWorld(async (w) => {
      const vm = await vmOf(w);
      const image = join(tmp, 'data.qcow2');
      execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', image, '16M']);
      const r = await w.call('POST', `/api/vms/${vm}/storages`, { type: 'disk', path: image, bus: 'virtio', cache: 'none' });
      assert.equal([r.status, r.body.dev, r.body.path, r.body.format, r.body.pool, r.body.cache], [201, 'vdb', image, 'qcow2', null, 'none'], JSON.stringify(r.body));
      const d = (await savedDisks(w, vm)).find((x) => x.target.dev === 'vdb');
      assert.equal([d?.type, d?.source?.file, d?.driver?.type, d?.driver?.cache], ['file', image, 'qcow2', 'none']);
      const again = await w.call('POST', `/api/vms/${vm}/storages`, { type: 'disk', path: image });
      assert.equal([again.status, again.body.code], [409, 'KCHVMSTOR0035E']);

      const before = (await savedDisks(w, vm)).length;
      const missing = await w.call('POST', `/api/vms/${vm}/storages`, { type: 'disk', path: join(tmp, 'nope.img') }, 'pt-BR');
      assert.equal([missing.status, missing.body.code], [400, 'KCHVMSTOR0030E']);
      assert.match(missing.body.reason, /não existe/);
      const cache = await w.call('POST', `/api/vms/${vm}/storages`, { type: 'disk', pool: w.pool.name, size: 0.01, cache: 'sometimes' });
      assert.equal([cache.status, cache.body.code], [400, 'KCHAPI0005E']);
      assert.match(cache.body.reason, /cache/);
      assert.is((await savedDisks(w, vm)).length, before, 'nothing attached');
      const vols = (await w.conn.storagePoolListAllVolumes(w.pool)).map((v) => v.name);
      assert.equal(vols, [`${vm}-boot.qcow2`], 'no volume made');
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a shut-off guest\'s disk moves from virtio to sata and changes cache; a running guest\'s is refused', () => withWorld(async (w) => {
  const vm = await vmOf(w);
  const added = await w.call('POST', `/api/vms/${vm}/storages`, { type: 'disk', pool: w.pool.name, size: 0.01, cache: 'none' });
  assert.equal([added.status, added.body.dev], [201, 'vdb'], JSON.stringify(added.body));
  const r = await w.call('PUT', `/api/vms/${vm}/storages/vdb`, { bus: 'sata', cache: 'writeback', serial: 'MOVED' });
  assert.equal([r.status, r.body.dev, r.body.bus, r.body.cache, r.body.serial], [200, 'sda', 'sata', 'writeback', 'MOVED'], JSON.stringify(r.body));
  const d = (await savedDisks(w, vm)).find((x) => x.source?.file === added.body.path);
  assert.equal([d?.target, d?.driver?.cache, d?.serial], [{ dev: 'sda', bus: 'sata' }, 'writeback', 'MOVED']);

  await w.conn.domainCreate(await w.conn.domainLookupByName(vm));
  const running = await w.call('PUT', `/api/vms/${vm}/storages/sda`, { cache: 'none' });
  assert.equal([running.status, running.body.code], [409, 'KCHVMSTOR0037E']);
  assert.match(running.body.reason, /only while it is shut off/);
  assert.is((await savedDisks(w, vm)).find((x) => x.target.dev === 'sda')?.driver?.cache, 'writeback', 'unchanged');
}));

test.run();
