// The Network view: libvirt's XML and state plus who uses it, in Kimchi's field names.
import type { Db } from '../../db/index.ts';
import { ErrorCode, LibvirtError, type Connection, type Network as NetHandle } from '../../libvirt/index.ts';
import { parseNetworkXML, type NetworkModel } from '../../libvirt/xml/index.ts';
import type { DomainXmlSource } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { Network } from './schemas.ts';
import { formatSubnet, intToIp, ipToInt, subnetOf } from './subnet.ts';
import { formatSubnet6, subnet6Of } from './subnet6.ts';
import { templateNetworks, usageOf, vmNics, type VmNic } from './usage.ts';

/** Kimchi's connection from libvirt's forward mode: bridge mode with devices (no bridge name) is macvtap. */
export function connectionOf(m: NetworkModel): Network['connection'] {
  switch (m.forward) {
    case 'nat': case 'isolated': case 'route': case 'open': case 'hostdev': case 'passthrough': case 'vepa': return m.forward;
    case 'bridge': return m.bridge ? 'bridge' : 'macvtap';
    case 'private': return 'private';
    default: return 'other';
  }
}

export async function lookupNetwork(conn: Connection, name: string): Promise<NetHandle> {
  try {
    return await conn.networkLookupByName(name);
  } catch (e) {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_NETWORK) throw new KimchiError(404, 'KCHNET0002E', { name }, { cause: e });
    throw e;
  }
}

export interface NetFacts { net: NetHandle; model: NetworkModel; active: boolean; autostart: boolean; persistent: boolean }

export async function factsOf(conn: Connection, net: NetHandle): Promise<NetFacts> {
  const [xml, active, autostart, persistent] = await Promise.all([
    conn.networkGetXMLDesc(net), conn.networkIsActive(net), conn.networkGetAutostart(net), conn.networkIsPersistent(net),
  ]);
  return { net, model: parseNetworkXML(xml), active, autostart, persistent };
}

function toView(f: NetFacts, nics: VmNic[], templates: Map<string, string[]>): Network {
  const m = f.model;
  const usage = usageOf(m.name, m.bridge, nics, templates);
  const subnet = m.ipv4 ? subnetOf(m.ipv4.address, m.ipv4.prefix) : undefined;
  const subnet6 = m.ipv6 ? subnet6Of(m.ipv6.address, m.ipv6.prefix) : undefined;
  const devs = m.interfaces.length ? m.interfaces : m.forwardDev ? [m.forwardDev] : [];
  const connection = connectionOf(m);
  return {
    name: m.name, connection, state: f.active ? 'active' : 'inactive', autostart: f.autostart, persistent: f.persistent,
    subnet: subnet ? formatSubnet(subnet) : null,
    gateway: m.ipv4 && ipToInt(m.ipv4.address) !== undefined ? intToIp(ipToInt(m.ipv4.address)!) : null,
    dhcp: m.ipv4?.dhcp ?? null,
    subnet6: subnet6 ? formatSubnet6(subnet6) : null,
    gateway6: subnet6 ? m.ipv6!.address : null,
    dhcp6: m.ipv6?.dhcp ?? null,
    dhcp_hosts: m.dhcpHosts.map((h) => ({ mac: h.mac ?? null, ip: h.ip, name: h.name ?? null })),
    bridge: m.bridge ?? null,
    interfaces: connection === 'bridge' && m.bridge ? [m.bridge] : devs,
    vlan_id: m.vlan ?? null,
    in_use: usage.vms.length > 0 || usage.templates.length > 0,
    vms: usage.vms,
  };
}

export async function listNetworkViews(conn: Connection, db: Db, cache?: DomainXmlSource): Promise<Network[]> {
  const [nets, nics] = await Promise.all([conn.connectListAllNetworks(), vmNics(conn, cache)]);
  const facts = await Promise.all(nets.map((n) => factsOf(conn, n)));
  const templates = templateNetworks(db);
  return facts.map((f) => toView(f, nics, templates)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function networkView(conn: Connection, db: Db, name: string, cache?: DomainXmlSource): Promise<Network> {
  const net = await lookupNetwork(conn, name);
  const [facts, nics] = await Promise.all([factsOf(conn, net), vmNics(conn, cache)]);
  return toView(facts, nics, templateNetworks(db));
}
