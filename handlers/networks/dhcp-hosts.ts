// Fixed DHCP hosts of a network (MAC → IPv4 address, optional name): listed, added and removed live with networkUpdate.
import { NetworkSection, NetworkUpdateCommand, NetworkUpdateFlags, type Connection, type Network as NetHandle } from '../../libvirt/index.ts';
import { buildDhcpHostXML } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import type { DhcpHost, DhcpHostInput } from './schemas.ts';
import { formatSubnet, ipToInt, isHostOf, subnetOf } from './subnet.ts';
import { factsOf, lookupNetwork, type NetFacts } from './view.ts';

const view = (f: NetFacts): DhcpHost[] => f.model.dhcpHosts.map((h) => ({ mac: h.mac ?? null, ip: h.ip, name: h.name ?? null }));

/** Both the running network and its saved definition, so a reservation survives a restart and applies now. */
function affect(f: NetFacts): number {
  return (f.active ? NetworkUpdateFlags.AFFECT_LIVE : 0) | (f.persistent ? NetworkUpdateFlags.AFFECT_CONFIG : 0);
}

export async function listDhcpHosts(conn: Connection, name: string): Promise<DhcpHost[]> {
  return view(await factsOf(conn, await lookupNetwork(conn, name)));
}

export async function addDhcpHost(conn: Connection, name: string, input: DhcpHostInput): Promise<DhcpHost[]> {
  const net = await lookupNetwork(conn, name);
  const f = await factsOf(conn, net);
  const v4 = f.model.ipv4;
  const subnet = v4 && subnetOf(v4.address, v4.prefix);
  if (!v4 || !subnet || !v4.dhcp) throw new KimchiError(409, 'KCHNET0029E', { name });
  const ip = ipToInt(input.ip)!;
  if (!isHostOf(ip, subnet) || ip === ipToInt(v4.address)) {
    throw new KimchiError(400, 'KCHNET0027E', { ip: input.ip, subnet: formatSubnet(subnet), name });
  }
  const sameMac = f.model.dhcpHosts.find((h) => h.mac === input.mac);
  if (sameMac) throw new KimchiError(409, 'KCHNET0025E', { mac: input.mac, ip: sameMac.ip, name });
  const sameIp = f.model.dhcpHosts.find((h) => ipToInt(h.ip) === ip);
  if (sameIp) throw new KimchiError(409, 'KCHNET0026E', { ip: input.ip, name, mac: sameIp.mac ?? sameIp.name ?? '?' });
  await update(conn, net, f, NetworkUpdateCommand.ADD_LAST, buildDhcpHostXML(input));
  return listDhcpHosts(conn, name);
}

export async function removeDhcpHost(conn: Connection, name: string, mac: string): Promise<void> {
  const net = await lookupNetwork(conn, name);
  const f = await factsOf(conn, net);
  const host = f.model.dhcpHosts.find((h) => h.mac === mac.toLowerCase());
  if (!host) throw new KimchiError(404, 'KCHNET0028E', { name, mac });
  await update(conn, net, f, NetworkUpdateCommand.DELETE, buildDhcpHostXML(host));
}

function update(conn: Connection, net: NetHandle, f: NetFacts, command: number, xml: string): Promise<void> {
  return conn.networkUpdate(net, command, NetworkSection.IP_DHCP_HOST, -1, xml, affect(f));
}
