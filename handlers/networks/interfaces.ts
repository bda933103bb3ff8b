// Host interfaces: from libvirt's interface driver (works for remote hosts too), else from this host's /sys/class/net.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, LibvirtError, ListInterfacesFlags, parseUri, type Connection } from '../../libvirt/index.ts';
import { parseHostIfaceXML, type HostIfaceModel } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import type { HostInterface } from './schemas.ts';
import { intToIp } from './subnet.ts';

const KIND: Record<string, HostInterface['type']> = { ethernet: 'nic', bridge: 'bridge', vlan: 'vlan', bond: 'bonding' };
const SYS = '/sys/class/net';

const netmaskOf = (prefix: number) => intToIp(prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
const isLocal = (conn: Connection) => !parseUri(conn.uri).host;

/** Addresses from os.networkInterfaces() for a local interface the backend reported none for (the udev backend never does). */
function localAddresses(name: string): HostIfaceModel['addresses'] {
  return (networkInterfaces()[name] ?? []).map((a) => ({
    family: a.family === 'IPv6' ? 'ipv6' as const : 'ipv4' as const,
    address: a.address,
    prefix: a.cidr ? Number(a.cidr.split('/')[1]) : undefined,
  }));
}

function view(m: HostIfaceModel, active: boolean, local: boolean): HostInterface {
  const addresses = m.addresses.length || !local ? m.addresses : localAddresses(m.name);
  const v4 = addresses.find((a) => a.family === 'ipv4');
  return {
    name: m.name, type: KIND[m.type] ?? 'nic', status: active ? 'active' : 'inactive', mac: m.mac ?? null,
    ipaddr: v4?.address ?? null, netmask: v4?.prefix !== undefined ? netmaskOf(v4.prefix) : null,
    addresses: addresses.map((a) => ({ family: a.family, address: a.address, prefix: a.prefix ?? null })),
    members: m.members,
  };
}

const read = (...p: string[]) => { try { return readFileSync(join(SYS, ...p), 'utf8').trim(); } catch { return undefined; } };

/** One interface from sysfs: kind from the bridge/bonding directories and /proc/net/vlan, status from operstate. */
function fromSysfs(name: string): { model: HostIfaceModel; active: boolean } {
  const type = existsSync(join(SYS, name, 'bridge')) ? 'bridge'
    : existsSync(join(SYS, name, 'bonding')) ? 'bond'
    : existsSync(join('/proc/net/vlan', name)) ? 'vlan' : 'ethernet';
  let members: string[] = [];
  if (type === 'bridge') { try { members = readdirSync(join(SYS, name, 'brif')); } catch { /* none */ } }
  if (type === 'bond') members = (read(name, 'bonding', 'slaves') ?? '').split(/\s+/).filter(Boolean);
  const mac = read(name, 'address');
  return { model: { name, type, addresses: [], members, ...(mac ? { mac } : {}) }, active: read(name, 'operstate') === 'up' };
}

function sysfsInterfaces(): HostInterface[] {
  let names: string[] = [];
  try { names = readdirSync(SYS); } catch { /* no sysfs */ }
  return names.filter((n) => n !== 'lo').sort().map((n) => { const s = fromSysfs(n); return view(s.model, s.active, true); });
}

const unsupported = (e: unknown) => e instanceof LibvirtError && (e.code === ErrorCode.NO_SUPPORT || e.code === ErrorCode.INTERNAL_ERROR);

/** Every host interface but loopback, sorted by name. */
export async function listInterfaces(conn: Connection): Promise<HostInterface[]> {
  let all, active;
  try {
    [all, active] = await Promise.all([conn.connectListAllInterfaces(), conn.connectListAllInterfaces(ListInterfacesFlags.ACTIVE)]);
  } catch (e) {
    if (!unsupported(e)) throw e;
    if (!isLocal(conn)) throw new KimchiError(500, 'KCHIFACE0002E', { detail: (e as Error).message }, { cause: e });
    return sysfsInterfaces();
  }
  const up = new Set(active.map((i) => i.name));
  const local = isLocal(conn) && !conn.uri.startsWith('test:');
  const models = await Promise.all(all.map(async (i) => parseHostIfaceXML(await conn.interfaceGetXMLDesc(i))));
  return models.filter((m) => m.name !== 'lo').map((m) => view(m, up.has(m.name), local)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getInterface(conn: Connection, name: string): Promise<HostInterface> {
  const found = (await listInterfaces(conn)).find((i) => i.name === name);
  if (!found) throw new KimchiError(404, 'KCHIFACE0001E', { name });
  return found;
}
