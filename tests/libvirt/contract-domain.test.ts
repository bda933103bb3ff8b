// Contract suite, domains: lifecycle, XML, tuning, stats, snapshots, screenshot (test driver, fresh hypervisor per test).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  LibvirtError, ErrorCode, DomainState, DomainXMLFlags, DomainAffect, DomainStatsTypes,
} from '../../libvirt/index.ts';
import { withTestConn, testDomainXML } from './harness.ts';

test('destroying a domain that is not running is LibvirtError 55 (operation invalid)', () => withTestConn(async (c) => {
  const dom = await c.domainLookupByName('alpha');
  await c.domainDestroy(dom);
  try {
    await c.domainDestroy(dom);
    assert.unreachable('domain is not running');
  } catch (e) {
    assert.instance(e, LibvirtError);
    assert.is((e as LibvirtError).code, ErrorCode.OPERATION_INVALID);
  }
}, { domains: ['alpha'] }));

test('define then undefine a domain', () => withTestConn(async (c) => {
  const dom = await c.domainDefineXML(testDomainXML('fresh'));
  assert.is(dom.name, 'fresh');
  const inactive = await c.connectListAllDomains(2 /* INACTIVE */);
  assert.ok(inactive.some((d) => d.name === 'fresh'));
  assert.is((await c.domainGetState(dom)).state, DomainState.SHUTOFF);
  await c.domainUndefine(dom);
  const after = await c.connectListAllDomains();
  assert.not.ok(after.some((d) => d.name === 'fresh'));
}, { domains: [] }));

test('start, suspend, resume and destroy change the state', () => withTestConn(async (c) => {
  let dom = await c.domainDefineXML(testDomainXML('life'));
  dom = await c.domainCreate(dom);
  assert.ok(dom.id > 0, 'a started domain has an id');
  assert.is((await c.domainGetState(dom)).state, DomainState.RUNNING);
  assert.ok(await c.domainIsActive(dom));
  await c.domainSuspend(dom);
  assert.is((await c.domainGetState(dom)).state, DomainState.PAUSED);
  await c.domainResume(dom);
  assert.is((await c.domainGetInfo(dom)).state, DomainState.RUNNING);
  await c.domainDestroy(dom);
  assert.is((await c.domainGetState(dom)).state, DomainState.SHUTOFF);
  await c.domainUndefine(dom);
}, { domains: [] }));

test('domain info reports memory in KiB and CPU time as BigInt', () => withTestConn(async (c) => {
  const info = await c.domainGetInfo(await c.domainLookupByName('alpha'));
  assert.is(info.maxMem, 1048576);
  assert.ok(typeof info.cpuTime === 'bigint');
}, { domains: ['alpha'] }));

test('XML honours the inactive flag: a config-only change shows only in the inactive XML', () => withTestConn(async (c) => {
  const dom = await c.domainLookupByName('alpha');
  await c.domainSetMemoryFlags(dom, 524288, DomainAffect.CONFIG);
  const live = await c.domainGetXMLDesc(dom);
  const inactive = await c.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE);
  assert.match(live, /<name>alpha<\/name>/);
  assert.match(inactive, /<currentMemory unit='KiB'>524288<\/currentMemory>/);
  assert.not.match(live, /<currentMemory unit='KiB'>524288<\/currentMemory>/);
  assert.match(await c.domainGetXMLDesc(dom, DomainXMLFlags.SECURE), /<domain/);
}, { domains: ['alpha'] }));

test('autostart can be read and set', () => withTestConn(async (c) => {
  const dom = await c.domainLookupByName('alpha');
  assert.is(await c.domainGetAutostart(dom), false);
  await c.domainSetAutostart(dom, true);
  assert.is(await c.domainGetAutostart(dom), true);
  await c.domainSetAutostart(dom, false);
  assert.is(await c.domainGetAutostart(dom), false);
}, { domains: ['alpha'] }));

test('all-domain stats decode typed parameters into a plain object per domain', () => withTestConn(async (c) => {
  // The test driver reports the "state" group only; QEMU's richer groups are covered by the QEMU suite.
  const stats = await c.connectGetAllDomainStats(DomainStatsTypes.STATE);
  assert.equal(stats.map((s) => s.dom.name).sort(), ['alpha', 'beta']);
  for (const s of stats) {
    assert.is(s.stats['state.state'], DomainState.RUNNING);
    assert.type(s.stats['state.reason'], 'number');
  }
  const one = await c.connectGetAllDomainStats(DomainStatsTypes.STATE, 0, [stats[0]!.dom]);
  assert.is(one.length, 1);
}, { domains: ['alpha', 'beta'] }));

test('memory and vcpus can be changed in the persistent config', () => withTestConn(async (c) => {
  const dom = await c.domainDefineXML(testDomainXML('tune'));
  await c.domainSetVcpusFlags(dom, 3, DomainAffect.CONFIG);
  assert.is(await c.domainGetVcpusFlags(dom, DomainAffect.CONFIG), 3);
  await c.domainSetMemoryFlags(dom, 262144, DomainAffect.CONFIG);
  assert.is((await c.domainGetInfo(dom)).memory, 262144);
  await c.domainUndefine(dom);
}, { domains: [] }));

test('snapshots can be created, listed, read, reverted to and deleted', () => withTestConn(async (c) => {
  const dom = await c.domainLookupByName('alpha');
  const snap = await c.domainSnapshotCreateXML(dom, '<domainsnapshot><name>s1</name><description>first</description></domainsnapshot>');
  assert.is(snap.name, 's1');
  assert.is(snap.dom.name, 'alpha');
  const list = await c.domainListAllSnapshots(dom);
  assert.equal(list.map((s) => s.name), ['s1']);
  assert.match(await c.domainSnapshotGetXMLDesc(snap), /<description>first<\/description>/);
  assert.is((await c.domainSnapshotCurrent(dom)).name, 's1');
  await c.domainRevertToSnapshot(snap);
  await c.domainSnapshotDelete(snap);
  assert.equal(await c.domainListAllSnapshots(dom), []);
}, { domains: ['alpha'] }));

// libvirt's test driver has no device hot-plug: what it says then must reach the caller intact. Attach and detach
// on a real hypervisor: tests/qemu/vm-devices, disk-options and disk-grow.
test('attach on a driver without it: libvirt\'s "not supported" comes back as a LibvirtError with its code; the domain is untouched', () => withTestConn(async (c) => {
  const dom = await c.domainDefineXML(testDomainXML('dev'));
  const disk = `<disk type="file" device="disk"><source file="/guests/extra.img"/><target dev="vdb" bus="virtio"/></disk>`;
  try {
    const err = await c.domainAttachDeviceFlags(dom, disk, DomainAffect.CONFIG).then(() => undefined, (e: unknown) => e);
    assert.instance(err, LibvirtError);
    assert.is((err as LibvirtError).code, ErrorCode.NO_SUPPORT);
    assert.match((err as LibvirtError).message, /virDomainAttachDeviceFlags/);
    assert.not.match(await c.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE), /dev='vdb'/);
  } finally {
    await c.domainUndefine(dom);
  }
}, { domains: [] }));

test('a screenshot streams image bytes', () => withTestConn(async (c) => {
  const dom = await c.domainLookupByName('alpha');
  const { mime, stream } = await c.domainScreenshot(dom);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const img = Buffer.concat(chunks);
  assert.is(mime, 'image/png');
  assert.ok(img.subarray(1, 4).toString() === 'PNG', 'PNG signature');
  assert.ok(await c.domainIsActive(dom), 'connection still usable after the stream');
}, { domains: ['alpha'] }));

test.run();
