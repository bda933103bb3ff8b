// The IPv6 block of a new nat/open/isolated network: a checked prefix (no overlap with networks or the host) and DHCPv6 range.
import type { NetworkIp } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import {
  bigToIp6, formatSubnet6, hostAddresses6, hostRoutes6, ip6ToBig, isHostOf6, overlaps6, parseSubnet6, subnet6Of, type Subnet6,
} from './subnet6.ts';
import type { NetFacts } from './view.ts';

/** The prefix given, checked against the other networks' IPv6 prefixes and the host's own routes and addresses. */
export function chooseSubnet6(given: string, others: NetFacts[]): Subnet6 {
  const s = parseSubnet6(given);
  const scoped = s && /^(fe[89ab]|ff)/.test(bigToIp6(s.network));
  if (!s || s.prefix < 48 || s.prefix > 64 || scoped) throw new KimchiError(400, 'KCHNET0020E', { subnet: given });
  const subnet = formatSubnet6(s);
  for (const f of others) {
    const o = f.model.ipv6 && subnet6Of(f.model.ipv6.address, f.model.ipv6.prefix);
    if (o && overlaps6(o, s)) throw new KimchiError(409, 'KCHNET0021E', { subnet, other: formatSubnet6(o), network: f.model.name });
  }
  const claim = [...hostRoutes6(), ...hostAddresses6()].find((h) => overlaps6(h.subnet, s));
  if (claim) throw new KimchiError(409, 'KCHNET0022E', { subnet, other: formatSubnet6(claim.subnet), iface: claim.iface });
  return s;
}

/** Gateway = the prefix's ::1; DHCPv6 (a /64 only, as dnsmasq's router advertisements need): the range given, else ::100–::1ff. */
export function addressing6(s: Subnet6, dhcp6: { start: string; end: string } | undefined): NetworkIp {
  const gateway = s.network + 1n;
  const ip: NetworkIp = { address: bigToIp6(gateway), prefix: s.prefix };
  if (dhcp6) {
    const start = ip6ToBig(dhcp6.start)!, end = ip6ToBig(dhcp6.end)!;
    const ok = s.prefix === 64 && isHostOf6(start, s) && isHostOf6(end, s) && start <= end && (gateway < start || gateway > end);
    if (!ok) throw new KimchiError(400, 'KCHNET0023E', { ...dhcp6, subnet: formatSubnet6(s), gateway: ip.address });
    ip.dhcp = dhcp6;
  } else if (s.prefix === 64) {
    ip.dhcp = { start: bigToIp6(s.network + 0x100n), end: bigToIp6(s.network + 0x1ffn) };
  }
  return ip;
}
