// Contract suite, host and shared objects: test driver, one fresh private hypervisor per test.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  LibvirtError, ErrorCode, DomainEventType,
} from '../../libvirt/index.ts';
import { withTestConn, testDomainXML, waitFor } from './harness.ts';

test('the host answers hostname, hypervisor and library versions', () => withTestConn(async (c) => {
  const host = await c.connectGetHostname();
  assert.type(host, 'string');
  assert.ok(host.length > 0);
  assert.ok((await c.connectGetLibVersion()) >= 9_000_000, 'libvirt >= 9.0');
  assert.ok((await c.connectGetVersion()) > 0);
}));

test('capabilities XML and node info describe the host', () => withTestConn(async (c) => {
  const caps = await c.connectGetCapabilities();
  assert.match(caps, /<capabilities>/);
  const info = await c.nodeGetInfo();
  assert.type(info.model, 'string');
  assert.ok(info.memory > 0 && info.cpus > 0 && info.mhz > 0);
  assert.is(info.cpus, info.nodes * info.sockets * info.cores * info.threads);
}));

test('list all domains returns the fixture\'s domains with name, uuid and id', () => withTestConn(async (c) => {
  const doms = await c.connectListAllDomains();
  assert.equal(doms.map((d) => d.name).sort(), ['alpha', 'beta']);
  for (const d of doms) assert.match(d.uuid, /^[0-9a-f-]{36}$/);
}, { domains: ['alpha', 'beta'] }));

test('lookup by name and by UUID give the same handle', () => withTestConn(async (c) => {
  const a = await c.domainLookupByName('alpha');
  const b = await c.domainLookupByUUID(a.uuid);
  assert.equal(a, b);
}, { domains: ['alpha'] }));

test('a missing domain is LibvirtError code 42 and the connection stays usable', () => withTestConn(async (c) => {
  try {
    await c.domainLookupByName('no-such-vm');
    assert.unreachable('lookup should fail');
  } catch (e) {
    assert.instance(e, LibvirtError);
    assert.is((e as LibvirtError).code, ErrorCode.NO_DOMAIN);
    assert.is((e as LibvirtError).procedure, 'domainLookupByName');
    assert.match((e as LibvirtError).message, /not found/i);
  }
  assert.ok((await c.connectGetHostname()).length > 0);
}));

test('a lifecycle event arrives when a domain is started', () => withTestConn(async (c) => {
  const subs = await c.subscribeEvents();
  assert.ok(subs.some((s) => s.family === 'domain'));
  const dom = await c.domainDefineXML(testDomainXML('evt'));
  const started = waitFor<any>(c, 'domainLifecycle', (e) => e.dom.name === 'evt' && e.event === DomainEventType.STARTED);
  await c.domainCreate(dom);
  const e = await started;
  assert.is(e.dom.uuid, dom.uuid);
  await c.domainDestroy(dom);
  await c.domainUndefine(dom);
  await c.unsubscribeEvents(subs);
}, { domains: [] }));

// Known gap: libvirt's test driver has no attach/detach/update device; the QEMU suite covers them.

test('the default network and pool can be looked up, stopped and started', () => withTestConn(async (c) => {
  const net = await c.networkLookupByName('default');
  assert.ok(await c.networkIsActive(net));
  await c.networkDestroy(net);
  assert.not.ok(await c.networkIsActive(net));
  await c.networkCreate(net);
  assert.match(await c.networkGetXMLDesc(net), /<name>default<\/name>/);
  const pool = await c.storagePoolLookupByName('default');
  assert.ok(await c.storagePoolIsActive(pool));
  await c.storagePoolRefresh(pool);
  assert.match(await c.storagePoolGetXMLDesc(pool), /<name>default<\/name>/);
  try {
    await c.networkLookupByName('nope');
    assert.unreachable();
  } catch (e) {
    assert.is((e as LibvirtError).code, ErrorCode.NO_NETWORK);
  }
}));

test('a volume can be created, inspected and deleted in a test pool', () => withTestConn(async (c) => {
  const pool = await c.storagePoolLookupByName('default');
  const vol = await c.storageVolCreateXML(pool, '<volume><name>disk1.img</name><capacity unit="MiB">8</capacity></volume>');
  assert.is(vol.name, 'disk1.img');
  assert.equal(await c.storageVolLookupByName(pool, 'disk1.img'), vol);
  assert.is((await c.storageVolGetInfo(vol)).capacity, 8 * 1024 * 1024);
  assert.match(await c.storageVolGetPath(vol), /disk1\.img$/);
  await c.storageVolDelete(vol);
  try {
    await c.storageVolLookupByName(pool, 'disk1.img');
    assert.unreachable();
  } catch (e) {
    assert.is((e as LibvirtError).code, ErrorCode.NO_STORAGE_VOL);
  }
}));

test.run();
