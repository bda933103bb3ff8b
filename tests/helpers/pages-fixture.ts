// A test-driver host for the Networks and Host pages: many guests with a NIC on one network, and PCI/USB node devices
// whose XML carries only hex ids (as on a host where udev's hwdb has no names).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { Fixture } from './fixture.ts';

export interface PagesFixtureOptions {
  /** Name of the extra NAT network the guests use. */
  network: string;
  /** How many guests (`<prefix>vm-001`…) have a NIC on it. */
  guests: number;
  prefix: string;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true });

const net = (name: string, bridge: string, third: number) => ({
  name, uuid: randomUUID(), bridge: { '@name': bridge }, forward: { '@mode': 'nat' },
  ip: { '@address': `192.168.${third}.1`, '@netmask': '255.255.255.0', dhcp: { range: { '@start': `192.168.${third}.2`, '@end': `192.168.${third}.254` } } },
});

/** Intel I219-V (8086:15bc, an Ethernet controller) and a Logitech (046d) USB device, hex ids only. */
export const DEVICES = [
  { name: 'pci_0000_00_1f_6', parent: 'computer', capability: { '@type': 'pci', class: '0x020000', domain: 0, bus: 0, slot: 31, function: 6,
    product: { '@id': '0x15bc' }, vendor: { '@id': '0x8086' } } },
  { name: 'usb_1_2', parent: 'computer', capability: { '@type': 'usb_device', bus: 1, device: 2, product: { '@id': '0xc52b' }, vendor: { '@id': '0x046d' } } },
];

export function writePagesFixture(o: PagesFixtureOptions): Fixture & { guests: string[] } {
  const guests = Array.from({ length: o.guests }, (_, i) => `${o.prefix}vm-${String(i + 1).padStart(3, '0')}`);
  const node = {
    domain: guests.map((name) => ({
      '@type': 'test', name, uuid: randomUUID(),
      memory: { '@unit': 'KiB', '#text': 524288 }, currentMemory: { '@unit': 'KiB', '#text': 524288 }, vcpu: 1, os: { type: 'hvm' },
      devices: { interface: { '@type': 'network', source: { '@network': o.network } } },
    })),
    network: [net('default', 'virbr0', 122), net(o.network, 'virbr-t11p', 211)],
    pool: { '@type': 'dir', name: 'default', uuid: randomUUID(), target: { path: '/default-pool' } },
    device: DEVICES,
  };
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-fixture-'));
  const path = join(dir, 'node.xml');
  writeFileSync(path, builder.build({ node }));
  return { uri: `test://${path}`, path, guests, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
