// Network XML for a simple NAT, routed or isolated virtual network (bridge, one IPv4 subnet, DHCP range).
import { serializeXml } from './node.ts';
import { el } from './tree.ts';

export interface NetworkSpec {
  name: string;
  /** nat | route | isolated (no <forward>: guests reach only each other and the host). */
  forward: 'nat' | 'route' | 'isolated';
  /** Host bridge name (libvirt picks virbrN when absent). */
  bridge?: string;
  /** Host interface the traffic leaves through (nat/route only). */
  forwardDev?: string;
  ip?: { address: string; netmask?: string; prefix?: number; dhcp?: { start: string; end: string } };
}

/** `<network>` for networkDefineXML / networkCreateXML. */
export function buildNetworkXML(spec: NetworkSpec): string {
  const ip = spec.ip;
  return serializeXml(el('network', {}, [
    el('name', {}, [{ text: spec.name }]),
    ...(spec.forward !== 'isolated' ? [el('forward', { mode: spec.forward, dev: spec.forwardDev })] : []),
    ...(spec.bridge ? [el('bridge', { name: spec.bridge, stp: 'on', delay: 0 })] : []),
    ...(ip ? [el('ip', { address: ip.address, netmask: ip.netmask, prefix: ip.prefix },
      ip.dhcp ? [el('dhcp', {}, [el('range', { start: ip.dhcp.start, end: ip.dhcp.end })])] : [])] : []),
  ]));
}
