// Networks on qemu:///system for tests: free 10.254.x.0/24 subnets, free fd6b:x::/64 prefixes, kbr-test-N bridges, the sweep.
import { existsSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { hostAddresses, hostRoutes, overlaps, parseSubnet, subnetOf } from '../../handlers/networks/subnet.ts';
import { hostAddresses6, hostRoutes6, overlaps6, parseSubnet6, subnet6Of } from '../../handlers/networks/subnet6.ts';
import type { Connection } from '../../libvirt/index.ts';
import { parseNetworkXML } from '../../libvirt/xml/index.ts';

export const PREFIX = 'kimchi-test-net-';

/** Destroy and undefine every network named kimchi-test-net-*; never throws. */
export async function sweepNetworks(c: Connection): Promise<void> {
  for (const net of await c.connectListAllNetworks()) {
    if (!net.name.startsWith(PREFIX)) continue;
    await c.networkDestroy(net).catch(() => {});
    await c.networkUndefine(net).catch(() => {});
  }
}

async function models(c: Connection) {
  return Promise.all((await c.connectListAllNetworks()).map(async (n) => parseNetworkXML(await c.networkGetXMLDesc(n))));
}

/** `count` 10.254.x.0/24 subnets that no libvirt network, host route or host address touches. */
export async function freeSubnets(c: Connection, count: number): Promise<string[]> {
  const taken = [...hostRoutes(), ...hostAddresses()].map((h) => h.subnet);
  for (const m of await models(c)) {
    const s = m.ipv4 && subnetOf(m.ipv4.address, m.ipv4.prefix);
    if (s) taken.push(s);
  }
  const out: string[] = [];
  for (let x = 1; x < 255 && out.length < count; x++) {
    const s = parseSubnet(`10.254.${x}.0/24`)!;
    if (!taken.some((t) => overlaps(s, t))) out.push(`10.254.${x}.0/24`);
  }
  if (out.length < count) throw new Error('no free 10.254.x.0/24 subnets on this host');
  return out;
}

/** `count` unique-local fd6b:<random>::/64 prefixes that nothing on the host or in libvirt uses. */
export async function freePrefixes6(c: Connection, count: number): Promise<string[]> {
  const taken = [...hostRoutes6(), ...hostAddresses6()].map((h) => h.subnet);
  for (const m of await models(c)) {
    const s = m.ipv6 && subnet6Of(m.ipv6.address, m.ipv6.prefix);
    if (s) taken.push(s);
  }
  const out: string[] = [];
  while (out.length < count) {
    const p = `fd6b:${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}:1::/64`;
    const s = parseSubnet6(p)!;
    if (!taken.some((t) => overlaps6(s, t)) && !out.includes(p)) out.push(p);
  }
  return out;
}

/** Unused kbr-test-N bridge names. */
export function freeBridges(count: number): string[] {
  const out: string[] = [];
  for (let n = Math.floor(Math.random() * 9000); out.length < count; n++) {
    if (!existsSync(`/sys/class/net/kbr-test-${n}`)) out.push(`kbr-test-${n}`);
  }
  return out;
}
