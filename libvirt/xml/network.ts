// Network XML: build NAT, routed, open, isolated, host-bridge, macvtap and VLAN networks (IPv4 and IPv6); parse what handlers show.
import { parseXml, serializeXml, type XElement } from './node.ts';
import { attr, child, childText, children, el, num } from './tree.ts';

/** `<forward mode>` values; `isolated` means no `<forward>` (guests reach only each other and the host). */
export type NetworkForward = 'nat' | 'route' | 'open' | 'isolated' | 'bridge' | 'private' | 'vepa' | 'passthrough';

/** An address block of a network: the host's address on it, the prefix, and one DHCP range. */
export interface NetworkIp { address: string; prefix: number; dhcp?: { start: string; end: string } }

/** A fixed DHCP host (`<ip><dhcp><host>`): IPv4 hosts are matched by MAC, IPv6 ones by name or id. */
export interface DhcpHost { mac?: string; ip: string; name?: string }

export interface NetworkSpec {
  name: string;
  forward: NetworkForward;
  /**
   * nat/route/isolated: the bridge libvirt creates (virbrN when absent). Forward `bridge`: an existing host
   * bridge the guests join (no stp/delay then: libvirt refuses them outside nat/route/isolated).
   */
  bridge?: string;
  /** Host interface the traffic leaves through (nat/route only). */
  forwardDev?: string;
  /** macvtap (direct) networks: the host devices guests attach to (`<forward><interface dev/>`). */
  interfaces?: string[];
  /** 802.1Q tag (`<vlan><tag id/>`); libvirt honours it for passthrough and Open vSwitch bridges. */
  vlan?: number;
  ip?: { address: string; netmask?: string; prefix?: number; dhcp?: { start: string; end: string } };
  /** An IPv6 block (`<ip family='ipv6'>`), with or without `ip`; a DHCP range there is served by DHCPv6. */
  ip6?: NetworkIp;
}

const makesBridge = (f: NetworkForward) => f === 'nat' || f === 'route' || f === 'open' || f === 'isolated';

const dhcpOf = (d: { start: string; end: string } | undefined) => (d ? [el('dhcp', {}, [el('range', { start: d.start, end: d.end })])] : []);

/** `<network>` for networkDefineXML / networkCreateXML. */
export function buildNetworkXML(spec: NetworkSpec): string {
  const ip = spec.ip;
  const ifaces = (spec.interfaces ?? []).map((dev) => el('interface', { dev }));
  return serializeXml(el('network', {}, [
    el('name', {}, [{ text: spec.name }]),
    ...(spec.forward !== 'isolated' ? [el('forward', { mode: spec.forward, dev: spec.forwardDev }, ifaces)] : []),
    ...(spec.bridge ? [el('bridge', makesBridge(spec.forward) ? { name: spec.bridge, stp: 'on', delay: 0 } : { name: spec.bridge })] : []),
    ...(spec.vlan !== undefined ? [el('vlan', {}, [el('tag', { id: spec.vlan })])] : []),
    ...(ip ? [el('ip', { address: ip.address, netmask: ip.netmask, prefix: ip.prefix }, dhcpOf(ip.dhcp))] : []),
    ...(spec.ip6 ? [el('ip', { family: 'ipv6', address: spec.ip6.address, prefix: spec.ip6.prefix }, dhcpOf(spec.ip6.dhcp))] : []),
  ]));
}

/** `<host>` for networkUpdate's IP_DHCP_HOST section. */
export function buildDhcpHostXML(h: DhcpHost): string {
  return serializeXml(el('host', { mac: h.mac, name: h.name, ip: h.ip }));
}

/** What a `<network>` says, as handlers show it. */
export interface NetworkModel {
  name: string;
  uuid?: string;
  /** The `<forward mode>` (nat when the element has no mode), or `isolated` without `<forward>`. */
  forward: string;
  forwardDev?: string;
  /** `<forward><interface dev>` entries (macvtap and passthrough networks). */
  interfaces: string[];
  bridge?: string;
  vlan?: number;
  /** The first IPv4 `<ip>`: address with prefix (from `prefix` or `netmask`) and its first DHCP range. */
  ipv4?: NetworkIp;
  /** The first IPv6 `<ip>`. */
  ipv6?: NetworkIp;
  /** Fixed DHCP hosts of every `<ip>`. */
  dhcpHosts: DhcpHost[];
}

function prefixOf(ip: XElement): number | undefined {
  const p = num(attr(ip, 'prefix'));
  if (p !== undefined) return p;
  const mask = attr(ip, 'netmask');
  if (!mask) return undefined;
  const bits = mask.split('.').map((o) => Number(o).toString(2).padStart(8, '0')).join('');
  if (bits.length !== 32 || !/^1*0*$/.test(bits)) return undefined;
  return bits.lastIndexOf('1') + 1;
}

export function parseNetworkXML(xml: string): NetworkModel {
  const root = parseXml(xml).root;
  const forward = child(root, 'forward');
  const model: NetworkModel = {
    name: childText(root, 'name') ?? '',
    forward: forward ? attr(forward, 'mode') ?? 'nat' : 'isolated',
    interfaces: children(forward, 'interface').map((i) => attr(i, 'dev')).filter((d): d is string => !!d),
    dhcpHosts: [],
  };
  const uuid = childText(root, 'uuid');
  if (uuid) model.uuid = uuid.trim();
  const dev = attr(forward, 'dev');
  if (dev) model.forwardDev = dev;
  const bridge = attr(child(root, 'bridge'), 'name');
  if (bridge) model.bridge = bridge;
  const vlan = num(attr(child(child(root, 'vlan'), 'tag'), 'id'));
  if (vlan !== undefined) model.vlan = vlan;
  const ips = children(root, 'ip');
  const isV6 = (i: XElement) => attr(i, 'family') === 'ipv6' || !!attr(i, 'address')?.includes(':');
  const v4 = ipOf(ips.find((i) => !isV6(i)));
  if (v4) model.ipv4 = v4;
  const v6 = ipOf(ips.find(isV6));
  if (v6) model.ipv6 = v6;
  model.dhcpHosts = ips.flatMap((i) => children(child(i, 'dhcp'), 'host')).flatMap((h) => {
    const ip = attr(h, 'ip');
    if (!ip) return [];
    const host: DhcpHost = { ip };
    const mac = attr(h, 'mac'), name = attr(h, 'name');
    if (mac) host.mac = mac.toLowerCase();
    if (name) host.name = name;
    return [host];
  });
  return model;
}

function ipOf(ip: XElement | undefined): NetworkIp | undefined {
  const address = attr(ip, 'address');
  const prefix = ip && prefixOf(ip);
  if (!ip || !address || prefix === undefined) return undefined;
  const out: NetworkIp = { address, prefix };
  const range = child(child(ip, 'dhcp'), 'range');
  const start = attr(range, 'start'), end = attr(range, 'end');
  if (start && end) out.dhcp = { start, end };
  return out;
}
