// The host procedures against real libvirtd: node CPU/memory counters, node devices, pool capabilities (QEMU), and the test driver's refusals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect, ErrorCode, LibvirtError, NodeDeviceCap } from '../../libvirt/index.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { QEMU_URI } from '../helpers/qemu.ts';

test('nodeGetCPUStats asks for the count then the fields: kernel, user, idle, iowait in ns as BigInt', async () => {
  const c = await connect(QEMU_URI);
  try {
    const cpu = await c.nodeGetCPUStats();
    for (const f of ['kernel', 'user', 'idle', 'iowait']) assert.is(typeof cpu[f], 'bigint', f);
    assert.ok(cpu.idle! > 0n);
  } finally { await c.close(); }
});

test('nodeGetMemoryStats gives total, free, buffers and cached in KiB; the test driver refuses it with NO_SUPPORT', async () => {
  const c = await connect(QEMU_URI);
  const fx = writeFixture();
  const t = await connect(fx.uri);
  try {
    const mem = await c.nodeGetMemoryStats();
    assert.ok(mem.total! > 0n && mem.free! <= mem.total!);
    assert.is(typeof mem.cached, 'bigint');
    const err = await t.nodeGetMemoryStats().catch((e: unknown) => e);
    assert.instance(err, LibvirtError);
    assert.is((err as LibvirtError).code, ErrorCode.NO_SUPPORT);
  } finally { await c.close(); await t.close(); fx.cleanup(); }
});

test('connectListAllNodeDevices filtered to PCI returns pci_* names whose XML has a pci capability', async () => {
  const c = await connect(QEMU_URI);
  try {
    const names = await c.connectListAllNodeDevices(NodeDeviceCap.PCI_DEV);
    assert.ok(names.length > 0);
    assert.ok(names.every((n) => n.startsWith('pci_')), names.join());
    const xml = await c.nodeDeviceGetXMLDesc(names[0]!);
    assert.match(xml, /<capability type='pci'>/);
    const missing = await c.nodeDeviceGetXMLDesc('pci_ffff_ff_1f_7').catch((e: unknown) => e);
    assert.instance(missing, LibvirtError);
  } finally { await c.close(); }
});

test('connectGetStoragePoolCapabilities lists pool types with supported=yes|no', async () => {
  const c = await connect(QEMU_URI);
  try {
    const xml = await c.connectGetStoragePoolCapabilities();
    assert.match(xml, /^<storagepoolCapabilities>/);
    assert.match(xml, /<pool type='dir' supported='yes'>/);
  } finally { await c.close(); }
});

test.run();
