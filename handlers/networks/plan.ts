// From a create request to a NetworkSpec: per-connection field rules, host interfaces, subnet choice and DHCP range checks.
import type { Connection } from '../../libvirt/index.ts';
import type { NetworkSpec } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import { listInterfaces } from './interfaces.ts';
import { addressing6, chooseSubnet6 } from './plan6.ts';
import type { HostInterface, NetworkInput } from './schemas.ts';
import {
  broadcast, firstFree, formatSubnet, hostAddresses, hostRoutes, intToIp, ipToInt, isHostOf, overlaps, parseSubnet, subnetOf,
  type Subnet,
} from './subnet.ts';
import type { NetFacts } from './view.ts';

const FORWARD = { bridge: 'bridge', macvtap: 'bridge', vepa: 'vepa', passthrough: 'passthrough' } as const;
const invalid = (field: string) => new KimchiError(400, 'KCHAPI0005E', { field, problem: { t: 'problem.other' } });

/** The subnet to use: the one given (checked), else the first free 192.168.x.0/24. */
export function chooseSubnet(given: string | undefined, others: NetFacts[]): Subnet {
  const nets = others.flatMap((f) => {
    const s = f.model.ipv4 && subnetOf(f.model.ipv4.address, f.model.ipv4.prefix);
    return s ? [{ name: f.model.name, subnet: s }] : [];
  });
  const host = [...hostRoutes(), ...hostAddresses()];
  if (given === undefined) {
    const free = firstFree([...nets.map((n) => n.subnet), ...host.map((h) => h.subnet)]);
    if (!free) throw new KimchiError(409, 'KCHNET0007E');
    return free;
  }
  const s = parseSubnet(given);
  if (!s || s.prefix < 8 || s.prefix > 30) throw new KimchiError(400, 'KCHNET0005E', { subnet: given });
  const subnet = formatSubnet(s);
  const net = nets.find((n) => overlaps(n.subnet, s));
  if (net) throw new KimchiError(409, 'KCHNET0003E', { subnet, other: formatSubnet(net.subnet), network: net.name });
  const claim = host.find((h) => overlaps(h.subnet, s));
  if (claim) throw new KimchiError(409, 'KCHNET0004E', { subnet, other: formatSubnet(claim.subnet), iface: claim.iface });
  return s;
}

/** Gateway = first host address; the DHCP range given must avoid it and stay inside; default: the rest of the subnet. */
export function addressing(s: Subnet, dhcp: NetworkInput['dhcp']): NonNullable<NetworkSpec['ip']> {
  const gateway = s.network + 1;
  const last = broadcast(s) - 1;
  if (dhcp) {
    const start = ipToInt(dhcp.start)!, end = ipToInt(dhcp.end)!;
    const ok = isHostOf(start, s) && isHostOf(end, s) && start <= end && (gateway < start || gateway > end);
    if (!ok) throw new KimchiError(400, 'KCHNET0006E', { ...dhcp, subnet: formatSubnet(s), gateway: intToIp(gateway) });
  }
  return { address: intToIp(gateway), prefix: s.prefix, dhcp: dhcp ?? { start: intToIp(gateway + 1), end: intToIp(last) } };
}

function checkBridgeName(bridge: string, others: NetFacts[], ifaces: HostInterface[]): void {
  const net = others.find((f) => f.model.bridge === bridge);
  if (net) throw new KimchiError(409, 'KCHNET0014E', { bridge, owner: { t: 'net.owner.network' }, name: net.model.name });
  if (ifaces.some((i) => i.name === bridge)) throw new KimchiError(409, 'KCHNET0014E', { bridge, owner: { t: 'net.owner.iface' } });
}

function hostIface(ifaces: HostInterface[], name: string): HostInterface {
  const found = ifaces.find((i) => i.name === name);
  if (!found) throw new KimchiError(404, 'KCHIFACE0001E', { name });
  return found;
}

export async function planNetwork(conn: Connection, input: NetworkInput, others: NetFacts[]): Promise<NetworkSpec> {
  const { name, connection } = input;
  const devs = input.interfaces ?? [];
  if (new Set(devs).size !== devs.length) throw invalid('interfaces');
  if (connection === 'nat' || connection === 'open' || connection === 'isolated') {
    if (input.vlan_id !== undefined) throw new KimchiError(400, 'KCHNET0013E');
    if (connection === 'isolated' ? devs.length > 0 : devs.length > 1) throw invalid('interfaces');
    const v4 = input.ipv4 !== false;
    if (!v4 && (input.subnet6 === undefined || input.subnet !== undefined || input.dhcp !== undefined)) throw new KimchiError(400, 'KCHNET0024E');
    if (input.dhcp6 !== undefined && input.subnet6 === undefined) throw invalid('dhcp6');
    const ifaces = devs.length || input.bridge ? await listInterfaces(conn) : [];
    devs.forEach((d) => hostIface(ifaces, d));
    if (input.bridge) checkBridgeName(input.bridge, others, ifaces);
    const ip = v4 ? addressing(chooseSubnet(input.subnet, others), input.dhcp) : undefined;
    const ip6 = input.subnet6 !== undefined ? addressing6(chooseSubnet6(input.subnet6, others), input.dhcp6) : undefined;
    return { name, forward: connection, bridge: input.bridge, forwardDev: devs[0], ip, ip6 };
  }
  const addressed = [input.subnet, input.dhcp, input.bridge, input.ipv4, input.subnet6, input.dhcp6];
  if (addressed.some((v) => v !== undefined)) {
    throw new KimchiError(400, 'KCHNET0012E', { connection });
  }
  const one = connection === 'bridge';
  if (one ? devs.length !== 1 : devs.length === 0) {
    throw new KimchiError(400, 'KCHNET0010E', { connection, count: { t: one ? 'net.count.one' : 'net.count.some' } });
  }
  const ifaces = await listInterfaces(conn);
  const found = devs.map((d) => hostIface(ifaces, d));
  if (one) {
    if (found[0]!.type !== 'bridge') throw new KimchiError(400, 'KCHNET0011E', { iface: found[0]!.name, type: found[0]!.type });
    return { name, forward: 'bridge', bridge: found[0]!.name, vlan: input.vlan_id };
  }
  return { name, forward: FORWARD[connection], interfaces: devs, vlan: input.vlan_id };
}
