// IPv4 subnets: parse "a.b.c.d/prefix|netmask", overlap tests, the host's routes and addresses, DHCP range rules.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

export interface Subnet { network: number; prefix: number }

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The address as an unsigned 32-bit number, or undefined when it is not dotted-quad IPv4. */
export function ipToInt(s: string): number | undefined {
  const m = IPV4.exec(s);
  if (!m) return undefined;
  const o = m.slice(1).map(Number);
  if (o.some((n) => n > 255)) return undefined;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

export const intToIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const maskOf = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** The prefix length of a contiguous netmask, else undefined. */
function prefixOfMask(mask: number): number | undefined {
  const hostBits = 32 - Math.clz32(~mask >>> 0);
  const p = 32 - hostBits;
  return maskOf(p) === mask >>> 0 ? p : undefined;
}

/** "192.168.5.0/24" or "192.168.5.0/255.255.255.0" (host bits are cleared); undefined when malformed. */
export function parseSubnet(s: string): Subnet | undefined {
  const [addr, len, ...rest] = s.trim().split('/');
  if (!addr || !len || rest.length) return undefined;
  const ip = ipToInt(addr);
  let prefix: number | undefined;
  if (/^\d{1,2}$/.test(len)) prefix = Number(len) <= 32 ? Number(len) : undefined;
  else { const m = ipToInt(len); prefix = m === undefined ? undefined : prefixOfMask(m); }
  if (ip === undefined || prefix === undefined) return undefined;
  return { network: (ip & maskOf(prefix)) >>> 0, prefix };
}

export const subnetOf = (address: string, prefix: number): Subnet | undefined => {
  const ip = ipToInt(address);
  return ip === undefined ? undefined : { network: (ip & maskOf(prefix)) >>> 0, prefix };
};
export const formatSubnet = (s: Subnet) => `${intToIp(s.network)}/${s.prefix}`;
export const broadcast = (s: Subnet) => (s.network | ~maskOf(s.prefix)) >>> 0;

export function overlaps(a: Subnet, b: Subnet): boolean {
  const p = Math.min(a.prefix, b.prefix);
  return ((a.network & maskOf(p)) >>> 0) === ((b.network & maskOf(p)) >>> 0);
}

/** True when `ip` is a usable host address of `s` (not the network or broadcast address). */
export function isHostOf(ip: number, s: Subnet): boolean {
  return ip > s.network && ip < broadcast(s) && overlaps({ network: ip, prefix: 32 }, s);
}

/** What else on the host claims IPv4 space: a route (from /proc/net/route) or an interface address. */
export interface HostClaim { subnet: Subnet; iface: string }

/** Routes of this host except default routes; /proc/net/route stores addresses little-endian in hex. */
export function hostRoutes(text?: string): HostClaim[] {
  let body = text;
  if (body === undefined) {
    try { body = readFileSync('/proc/net/route', 'utf8'); } catch { return []; }
  }
  const out: HostClaim[] = [];
  for (const line of body.split('\n').slice(1)) {
    const [iface, dest, , , , , , mask] = line.trim().split(/\s+/);
    if (!iface || !dest || !mask) continue;
    const le = (h: string) => Buffer.from(h.padStart(8, '0'), 'hex').readUInt32LE(0);
    const prefix = prefixOfMask(le(mask));
    if (prefix === undefined || prefix === 0) continue;
    out.push({ iface, subnet: { network: (le(dest) & maskOf(prefix)) >>> 0, prefix } });
  }
  return out;
}

/** IPv4 addresses of this host's interfaces with their prefixes (loopback left out). */
export function hostAddresses(): HostClaim[] {
  const out: HostClaim[] = [];
  for (const [iface, addrs] of Object.entries(networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.family !== 'IPv4' || a.internal) continue;
      const s = a.cidr ? parseSubnet(a.cidr) : undefined;
      if (s) out.push({ iface, subnet: s });
    }
  }
  return out;
}

/** The first 192.168.x.0/24 (x = 1…254) that overlaps none of `taken`. */
export function firstFree(taken: Subnet[]): Subnet | undefined {
  for (let x = 1; x < 255; x++) {
    const s = { network: ipToInt(`192.168.${x}.0`)!, prefix: 24 };
    if (!taken.some((t) => overlaps(s, t))) return s;
  }
  return undefined;
}
