// libvirt/xml without a daemon: hostile values round-trip, virsh-made XML survives edits, builders' output.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  buildDomainXML, buildNetworkXML, buildStoragePoolXML, buildStorageVolXML, buildDiskDeviceXML, metadataElement,
  parseDomainXML, parseStoragePoolXML, parseXml, updateDomainXML, child, children, type DomainModel,
} from '../../libvirt/xml/index.ts';

const HOSTILE = [
  `</name><devices>`,
  `it's "quoted" <b>&amp; bold</b> ]]> done`,
  `]]>`,
  `<![CDATA[ x ]]>`,
  `  leading and trailing spaces  `,
  `line one\nline two\ttabbed\r\nwindows`,
  `ünïcødé ✓ 🐧 日本語`,
  `&lt;already escaped&gt; &#65; &nbsp;`,
  `<!-- not a comment -->`,
  `<?xml version="1.0"?>`,
];

function tiny(over: Partial<DomainModel> = {}): DomainModel {
  return {
    type: 'kvm', name: 'vm', memory: 131072, vcpu: 1, os: { type: 'hvm', boot: ['hd'] }, features: ['acpi'], metadata: [],
    devices: { disks: [], interfaces: [], graphics: [], consoles: [], serials: [] }, ...over,
  };
}

test('hostile names and titles survive build then parse exactly', () => {
  for (const s of HOSTILE) {
    const back = parseDomainXML(buildDomainXML(tiny({ name: s, title: s, description: s + s })));
    assert.is(back.name, s, `name ${JSON.stringify(s)}`);
    assert.is(back.title, s, `title ${JSON.stringify(s)}`);
    assert.is(back.description, s + s);
  }
});

test('a title that closes the name element stays a title and adds no device', () => {
  const xml = buildDomainXML(tiny({ title: `</title></name><devices><disk type='file'/></devices>` }));
  const m = parseDomainXML(xml);
  assert.is(m.devices.disks.length, 0);
  assert.is(children(parseXml(xml).root, 'devices').length, 0);
  assert.is(children(parseXml(xml).root, 'name').length, 1);
});

test('hostile attribute values (quotes, newline, tab, ampersand) round-trip in a disk source', () => {
  const file = `/var/lib/libvirt/images/it's a "disk"\n\t&<x>.qcow2`;
  const disk = { type: 'file', device: 'disk', driver: { name: 'qemu', type: 'qcow2' }, source: { file }, target: { dev: 'vda', bus: 'virtio' } };
  const back = parseDomainXML(buildDomainXML(tiny({ devices: { disks: [disk], interfaces: [], graphics: [], consoles: [], serials: [] } })));
  assert.is(back.devices.disks[0]!.source!.file, file);
  assert.ok(!buildDiskDeviceXML(disk).includes('\n'), 'no raw newline inside an attribute');
});

test('number-like and boolean-like values stay strings', () => {
  for (const name of ['007', '1e3', '0x10', '42', 'true', '-0', '1.50']) {
    const m = parseDomainXML(buildDomainXML(tiny({ name, title: name })));
    assert.type(m.name, 'string');
    assert.is(m.name, name);
    assert.is(m.title, name);
  }
});

test('a built domain parses back to the same model', () => {
  const model = tiny({
    uuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0', title: 't', description: 'd', currentMemory: 65536, vcpu: 2, currentVcpu: 1,
    os: { type: 'hvm', arch: 'x86_64', machine: 'pc', boot: ['cdrom', 'hd'], firmware: 'bios' }, features: ['acpi', 'apic'],
    devices: {
      disks: [{ type: 'volume', device: 'disk', driver: { name: 'qemu', type: 'qcow2' }, source: { pool: 'default', volume: 'a.qcow2' }, target: { dev: 'vda', bus: 'virtio' } },
        { type: 'file', device: 'cdrom', source: { file: '/iso/x.iso' }, target: { dev: 'sda', bus: 'sata' }, readonly: true }],
      interfaces: [{ type: 'network', source: { network: 'default' }, mac: '52:54:00:12:34:56', model: 'virtio' }],
      graphics: [{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1' }],
      consoles: [{ type: 'pty', target: { type: 'serial', port: 0 } }],
      serials: [{ type: 'pty', target: { port: 0 } }],
    },
  });
  assert.equal(JSON.parse(JSON.stringify(parseDomainXML(buildDomainXML(model)))), JSON.parse(JSON.stringify(model)));
});

const VIRSH = `<domain type='kvm' id='7' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>fedora-39</name>
  <uuid>8e3b8f2c-8f4e-4c1a-9a3e-2f0c3b7d9e11</uuid>
  <title>Old title</title>
  <metadata>
    <kimchi:metadata xmlns:kimchi="https://github.com/kimchi-project/kimchi"><kimchi:os distro="fedora" version="39"/></kimchi:metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0"><libosinfo:os id="http://fedoraproject.org/fedora/39"/></libosinfo:libosinfo>
  </metadata>
  <memory unit='GiB'>2</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static' current='1'>4</vcpu>
  <resource><partition>/machine</partition></resource>
  <os>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>
    <boot dev='hd'/>
  </os>
  <features><acpi/><apic/><vmport state='off'/></features>
  <cpu mode='host-passthrough' check='none' migratable='on'/>
  <!-- edited by hand: keep this comment -->
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' discard='unmap'/>
      <source file='/var/lib/libvirt/images/fedora-39.qcow2' index='1'/>
      <backingStore/>
      <target dev='vda' bus='virtio'/>
      <alias name='virtio-disk0'/>
      <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
    </disk>
    <controller type='usb' index='0' model='qemu-xhci' ports='15'/>
    <interface type='network'>
      <mac address='52:54:00:aa:bb:cc'/>
      <source network='default' portid='0b2f' bridge='virbr0'/>
      <model type='virtio'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </interface>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <graphics type='spice' port='5900' autoport='yes' listen='127.0.0.1'>
      <listen type='address' address='127.0.0.1'/>
      <image compression='off'/>
    </graphics>
    <video><model type='virtio' heads='1' primary='yes'/></video>
  </devices>
  <seclabel type='dynamic' model='dac' relabel='yes'><label>+64055:+64055</label></seclabel>
  <qemu:commandline><qemu:arg value='-newarg'/></qemu:commandline>
</domain>
`;

test('a virsh-style domain parses into the model (units converted, values as written)', () => {
  const m = parseDomainXML(VIRSH);
  assert.is(m.name, 'fedora-39');
  assert.is(m.memory, 2 * 1024 * 1024);
  assert.is(m.currentMemory, 2097152);
  assert.is(m.vcpu, 4);
  assert.is(m.currentVcpu, 1);
  assert.equal(m.os, { type: 'hvm', arch: 'x86_64', machine: 'pc-q35-7.2', boot: ['hd'], firmware: 'efi' }, 'a pflash loader is UEFI');
  assert.equal(m.features, ['acpi', 'apic', 'vmport']);
  assert.is(m.devices.disks[0]!.source!.file, '/var/lib/libvirt/images/fedora-39.qcow2');
  assert.is(m.devices.interfaces[0]!.mac, '52:54:00:aa:bb:cc');
  assert.equal(m.devices.graphics[0], { type: 'spice', port: 5900, autoport: true, listen: '127.0.0.1' });
  assert.is(child(metadataElement(m, 'https://github.com/kimchi-project/kimchi'), 'kimchi:os')?.attrs.distro, 'fedora');
});

test('firmware: <os firmware="efi"> or an OVMF loader is UEFI; no loader, or SeaBIOS, is BIOS', () => {
  const os = (inner: string, attrs = '') => parseDomainXML(`<domain type="kvm"><name>f</name><memory>1024</memory><os${attrs}><type>hvm</type>${inner}</os></domain>`).os.firmware;
  assert.is(os('', ' firmware="efi"'), 'efi');
  assert.is(os('<loader readonly="yes">/usr/share/OVMF/OVMF_CODE_4M.fd</loader>'), 'efi');
  assert.is(os('<loader readonly="yes" type="rom">/usr/share/AAVMF/AAVMF_CODE.fd</loader>'), 'efi');
  assert.is(os(''), 'bios');
  assert.is(os('<loader readonly="yes" type="rom">/usr/share/seabios/bios.bin</loader>'), 'bios');
  assert.is(os('', ' firmware="bios"'), 'bios');
});

const UNKNOWN = ['<resource>', '<loader readonly="yes" type="pflash">', '<cpu mode="host-passthrough"', '<!-- edited by hand: keep this comment -->',
  '<backingStore/>', 'discard="unmap"', 'index="1"', '<alias name="virtio-disk0"/>', '<controller type="usb"', 'portid="0b2f"',
  '<channel type="unix">', '<image compression="off"/>', '<video>', '<seclabel', '<qemu:commandline><qemu:arg value="-newarg"/>',
  'xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0"', '<libosinfo:os id=', '<memory unit="GiB">2</memory>',
  'function="0x0"/>\n    </disk>'];

test('updating the title of a virsh-made domain keeps every element it does not model', () => {
  const out = updateDomainXML(VIRSH, (m) => { m.title = '</name><devices>'; });
  for (const s of UNKNOWN) assert.ok(out.includes(s), `kept ${s}`);
  const before = parseDomainXML(VIRSH), after = parseDomainXML(out);
  assert.is(after.title, '</name><devices>');
  assert.equal(JSON.parse(JSON.stringify({ ...after, title: 'x', metadata: [] })), JSON.parse(JSON.stringify({ ...before, title: 'x', metadata: [] })));
});

test('device edits touch only the edited device: its address survives, others stay, removals remove one', () => {
  const out = updateDomainXML(VIRSH, (m) => {
    m.devices.disks[0] = { ...m.devices.disks[0]!, readonly: true, target: { dev: 'vdb', bus: 'virtio' } };
    m.devices.interfaces = [];
    m.devices.disks.push({ type: 'file', device: 'cdrom', target: { dev: 'sda', bus: 'sata' }, readonly: true });
  });
  const doc = parseXml(out).root;
  const disks = children(child(doc, 'devices'), 'disk');
  assert.is(disks.length, 2);
  assert.ok(child(disks[0], 'address'), 'the edited disk keeps its <address>');
  assert.is(child(disks[0], 'target')?.attrs.dev, 'vdb');
  assert.ok(child(disks[0], 'readonly'));
  assert.is(disks[1]!.attrs.device, 'cdrom');
  assert.is(children(child(doc, 'devices'), 'interface').length, 0);
  assert.ok(out.includes('<channel type="unix">'));
});

test('memory changes are written in KiB; unchanged memory keeps its original unit', () => {
  const out = updateDomainXML(VIRSH, (m) => { m.currentMemory = 1048576; });
  assert.ok(out.includes('<memory unit="GiB">2</memory>'));
  assert.ok(out.includes('<currentMemory unit="KiB">1048576</currentMemory>'));
  assert.is(parseDomainXML(updateDomainXML(VIRSH, (m) => { m.memory = 3 * 1024 * 1024; })).memory, 3 * 1024 * 1024);
});

test('a direct edit of the root in the update callback is not undone by the unchanged model', () => {
  const out = updateDomainXML(VIRSH, (_m, root) => { child(root, 'title')!.children = [{ text: 'raw edit' }]; });
  assert.is(parseDomainXML(out).title, 'raw edit');
});

test('titles keep their exact whitespace and CDATA content', () => {
  const m = parseDomainXML(`<domain><name>a</name><title>  two  spaces  </title><description><![CDATA[<b>]]></description></domain>`);
  assert.is(m.title, '  two  spaces  ');
  assert.is(m.description, '<b>');
});

test('malformed XML and other roots are refused', () => {
  assert.throws(() => parseDomainXML('<domain><name>a</name>'), /invalid XML/);
  assert.throws(() => parseDomainXML('<pool><name>a</name></pool>'), /expected <domain>/);
  assert.throws(() => parseDomainXML('<domain><name>a</nam></domain>'), /invalid XML/);
});

test('storage pool, volume and network builders escape values and produce the libvirt shapes', () => {
  const name = `p"o'o<l>&`;
  const pool = parseXml(buildStoragePoolXML({ type: 'dir', name, targetPath: '/var/lib/libvirt/images/a&b' })).root;
  assert.is(pool.attrs.type, 'dir');
  assert.equal(parseStoragePoolXML(buildStoragePoolXML({ type: 'dir', name, targetPath: '/x/y' })), { type: 'dir', name, targetPath: '/x/y' });
  const vol = parseXml(buildStorageVolXML({ name: '007.qcow2', capacityBytes: 10 * 2 ** 30, format: 'qcow2' })).root;
  assert.is(child(vol, 'capacity')?.attrs.unit, 'bytes');
  assert.equal(child(vol, 'capacity')?.children, [{ text: String(10 * 2 ** 30) }]);
  assert.is(child(child(vol, 'target'), 'format')?.attrs.type, 'qcow2');
  const nat = parseXml(buildNetworkXML({ name: 'n<1>', forward: 'nat', ip: { address: '10.0.0.1', prefix: 24, dhcp: { start: '10.0.0.2', end: '10.0.0.9' } } })).root;
  assert.is(child(nat, 'forward')?.attrs.mode, 'nat');
  assert.is(child(child(child(nat, 'ip'), 'dhcp'), 'range')?.attrs.end, '10.0.0.9');
  const iso = parseXml(buildNetworkXML({ name: 'iso', forward: 'isolated' })).root;
  assert.not.ok(child(iso, 'forward'), 'an isolated network has no <forward>');
});

test.run();
