// libvirt/xml through real libvirtd (test driver): hostile names and titles come back from the daemon exactly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { connect, LibvirtError, type Connection } from '../../libvirt/index.ts';
import {
  buildDomainXML, buildNetworkXML, buildStoragePoolXML, buildStorageVolXML, child, parseDomainXML, parseStoragePoolXML, parseXml,
  text, updateDomainXML, type DomainModel,
} from '../../libvirt/xml/index.ts';
import { writeFixture } from '../helpers/fixture.ts';

async function withTestDriver(fn: (c: Connection) => Promise<void>): Promise<void> {
  const fx = writeFixture({ domains: [] });
  let c: Connection | undefined;
  try {
    c = await connect(fx.uri);
    await fn(c);
  } finally {
    await c?.close();
    fx.cleanup();
  }
}

function model(name: string, title: string, description: string): DomainModel {
  return {
    type: 'test', name, uuid: randomUUID(), title, description, memory: 131072, currentMemory: 131072, vcpu: 1,
    os: { type: 'hvm', boot: ['hd'] }, features: [], metadata: [],
    devices: {
      disks: [{ type: 'file', device: 'disk', source: { file: `/guests/${name.replace(/\//g, '_')}.img` }, target: { dev: 'hda' } }],
      interfaces: [], graphics: [], consoles: [], serials: [],
    },
  };
}

// libvirt itself refuses '/' in names and newlines in titles; everything else must come back verbatim.
const NAMES = [`q'u"o<t>e&s]]>`, `<name><devices><disk type='file'>`, `007`, `ünï ✓ 🐧`, `a&amp;b`];
const TITLE = `it's "quoted" </title></name><devices><disk/> & ]]> ✓ 🐧`;
const DESCRIPTION = `multi\nline\n\t<description> & ]]>\n`;

test('hostile names, titles and descriptions come back from libvirtd exactly', () => withTestDriver(async (c) => {
  for (const name of NAMES) {
    const dom = await c.domainDefineXML(buildDomainXML(model(name, TITLE, DESCRIPTION)));
    try {
      assert.is(dom.name, name, 'the handle carries the exact name');
      const back = parseDomainXML(await c.domainGetXMLDesc(dom, 0));
      assert.is(back.name, name);
      assert.is(back.title, TITLE);
      assert.is(back.description, DESCRIPTION);
      assert.is(back.devices.disks.length, 1, 'no device smuggled in through the title');
      assert.is((await c.domainLookupByName(name)).uuid, dom.uuid);
    } finally {
      await c.domainUndefine(dom);
    }
  }
}));

test('editing the XML libvirtd returned changes only the title and keeps what libvirtd added', () => withTestDriver(async (c) => {
  const dom = await c.domainDefineXML(buildDomainXML(model('edit-me', 'before', 'd')));
  try {
    const original = await c.domainGetXMLDesc(dom, 0);
    await c.domainDefineXML(updateDomainXML(original, (m) => { m.title = `</title> "after" & <b>`; }));
    const before = parseDomainXML(original), after = parseDomainXML(await c.domainGetXMLDesc(dom, 0));
    assert.is(after.title, `</title> "after" & <b>`);
    assert.equal(JSON.parse(JSON.stringify({ ...after, title: '' })), JSON.parse(JSON.stringify({ ...before, title: '' })));
  } finally {
    await c.domainUndefine(dom);
  }
}));

test('libvirtd rejects a title with a newline and the connection stays usable', () => withTestDriver(async (c) => {
  try {
    await c.domainDefineXML(buildDomainXML(model('nl', 'two\nlines', '')));
    assert.unreachable('libvirt accepted a newline in a title');
  } catch (e) {
    assert.instance(e, LibvirtError);
  }
  assert.is((await c.connectListAllDomains()).length, 0);
}));

test('built NAT and isolated networks and a dir pool with a volume are accepted and read back as built', () => withTestDriver(async (c) => {
  const nat = await c.networkDefineXML(buildNetworkXML({
    name: `nat "<&>"`, forward: 'nat', bridge: 'virbr9', ip: { address: '10.9.0.1', netmask: '255.255.255.0', dhcp: { start: '10.9.0.2', end: '10.9.0.99' } },
  }));
  const iso = await c.networkDefineXML(buildNetworkXML({ name: 'isolated', forward: 'isolated', ip: { address: '10.8.0.1', prefix: 24 } }));
  const natXml = parseXml(await c.networkGetXMLDesc(nat)).root;
  assert.is(text(child(natXml, 'name')), `nat "<&>"`);
  assert.is(child(natXml, 'forward')?.attrs.mode, 'nat');
  assert.is(child(child(child(natXml, 'ip'), 'dhcp'), 'range')?.attrs.start, '10.9.0.2');
  assert.not.ok(child(parseXml(await c.networkGetXMLDesc(iso)).root, 'forward'), 'isolated stays without <forward>');

  const pool = await c.storagePoolDefineXML(buildStoragePoolXML({ type: 'dir', name: `pool '007'`, targetPath: '/pools/007' }));
  await c.storagePoolCreate(pool);
  const back = parseStoragePoolXML(await c.storagePoolGetXMLDesc(pool));
  assert.is(back.name, `pool '007'`);
  assert.is(back.targetPath, '/pools/007');
  const vol = await c.storageVolCreateXML(pool, buildStorageVolXML({ name: '007.img', capacityBytes: 5 * 2 ** 20 }));
  assert.is(vol.name, '007.img');
  assert.is((await c.storageVolGetInfo(vol)).capacity, 5 * 2 ** 20);
}));

test.run();
