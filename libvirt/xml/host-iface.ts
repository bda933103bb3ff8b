// Host interface XML (libvirt's interface driver): name, kind, MAC, addresses, bridge members.
import { parseXml, type XElement } from './node.ts';
import { attr, child, children, num } from './tree.ts';

export interface HostIfaceModel {
  name: string;
  /** ethernet | bridge | vlan | bond (libvirt's `<interface type>`). */
  type: string;
  mac?: string;
  /** `<link state>`: up, down, unknown… when the backend reports it. */
  link?: string;
  addresses: { family: 'ipv4' | 'ipv6'; address: string; prefix?: number }[];
  /** Bridge ports or bond slaves named inside the element. */
  members: string[];
}

function members(e: XElement): string[] {
  const holder = child(e, 'bridge') ?? child(e, 'bond') ?? child(e, 'vlan');
  return children(holder, 'interface').map((i) => attr(i, 'name')).filter((n): n is string => !!n);
}

export function parseHostIfaceXML(xml: string): HostIfaceModel {
  const root = parseXml(xml).root;
  const model: HostIfaceModel = { name: attr(root, 'name') ?? '', type: attr(root, 'type') ?? 'ethernet', addresses: [], members: members(root) };
  const mac = attr(child(root, 'mac'), 'address');
  if (mac) model.mac = mac;
  const link = attr(child(root, 'link'), 'state');
  if (link) model.link = link;
  for (const p of children(root, 'protocol')) {
    const family = attr(p, 'family') === 'ipv6' ? 'ipv6' : 'ipv4';
    for (const ip of children(p, 'ip')) {
      const address = attr(ip, 'address');
      if (!address) continue;
      const prefix = num(attr(ip, 'prefix'));
      model.addresses.push(prefix === undefined ? { family, address } : { family, address, prefix });
    }
  }
  return model;
}
