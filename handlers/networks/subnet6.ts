// IPv6 prefixes (through ipaddr.js): parse, overlap, the host's own IPv6 routes and addresses, gateway and DHCPv6 range.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

/** A prefix as a 128-bit number with its length. */
export interface Subnet6 { network: bigint; prefix: number }

const ALL = (1n << 128n) - 1n;
const maskOf = (prefix: number) => (ALL << BigInt(128 - prefix)) & ALL;

export function ip6ToBig(s: string): bigint | undefined {
  if (!ipaddr.IPv6.isValid(s)) return undefined;
  return ipaddr.IPv6.parse(s).toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

export function bigToIp6(n: bigint): string {
  const bytes = Array.from({ length: 16 }, (_, i) => Number((n >> BigInt(8 * (15 - i))) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

/** "fd00:1:2:3::/64" with host bits cleared; undefined when it is not an IPv6 address/prefix. */
export function parseSubnet6(s: string): Subnet6 | undefined {
  const [addr, len, ...rest] = s.trim().split('/');
  if (!addr || !len || rest.length || !/^\d{1,3}$/.test(len) || Number(len) > 128) return undefined;
  const ip = ip6ToBig(addr);
  if (ip === undefined) return undefined;
  const prefix = Number(len);
  return { network: ip & maskOf(prefix), prefix };
}

export const subnet6Of = (address: string, prefix: number): Subnet6 | undefined => {
  const ip = ip6ToBig(address);
  return ip === undefined ? undefined : { network: ip & maskOf(prefix), prefix };
};
export const formatSubnet6 = (s: Subnet6) => `${bigToIp6(s.network)}/${s.prefix}`;

export function overlaps6(a: Subnet6, b: Subnet6): boolean {
  const mask = maskOf(Math.min(a.prefix, b.prefix));
  return (a.network & mask) === (b.network & mask);
}

/** A usable address of `s`: inside it, and not its all-zeros (subnet-router anycast) address. */
export const isHostOf6 = (ip: bigint, s: Subnet6) => ip !== s.network && overlaps6({ network: ip, prefix: 128 }, s);

/** Link-local, multicast and loopback space is never a network's prefix, so it never counts as a claim. */
const SCOPED = ['linkLocal', 'multicast', 'loopback', 'unspecified'];
const routable = (s: Subnet6) => !SCOPED.includes(ipaddr.IPv6.parse(bigToIp6(s.network)).range()) && s.prefix > 0;

export interface HostClaim6 { subnet: Subnet6; iface: string }

/** Routes from /proc/net/ipv6_route (destination, prefix length in hex, …, device last), default and scoped ones left out. */
export function hostRoutes6(text?: string): HostClaim6[] {
  let body = text;
  if (body === undefined) {
    try { body = readFileSync('/proc/net/ipv6_route', 'utf8'); } catch { return []; }
  }
  const out: HostClaim6[] = [];
  for (const line of body.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^[0-9a-f]{32}$/.test(f[0]!)) continue;
    const subnet = { network: BigInt(`0x${f[0]}`), prefix: parseInt(f[1]!, 16) };
    if (routable(subnet) && f[9] !== 'lo') out.push({ iface: f[9]!, subnet });
  }
  return out;
}

/** The IPv6 addresses of this host's interfaces with their prefixes (loopback and link-local left out). */
export function hostAddresses6(): HostClaim6[] {
  const out: HostClaim6[] = [];
  for (const [iface, addrs] of Object.entries(networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.family !== 'IPv6' || a.internal || !a.cidr) continue;
      const s = parseSubnet6(a.cidr.replace(/%[^/]*/, ''));
      if (s && routable(s)) out.push({ iface, subnet: s });
    }
  }
  return out;
}
