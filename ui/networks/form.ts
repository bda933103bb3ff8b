// The create-network form: its state, live checks (the server's rules, in the browser) and the request it becomes.
import type { NetworkInput } from '../api/networks.ts';
import type { NetMessageKey } from './i18n.ts';

export type Connection = NetworkInput['connection'];
export const CONNECTIONS: readonly Connection[] = ['nat', 'isolated', 'open', 'bridge', 'macvtap', 'vepa', 'passthrough'];
/** Types that get a subnet and DHCP; the others attach to host interfaces. */
export const routedHere = (c: Connection) => c === 'nat' || c === 'open' || c === 'isolated';

export interface NetworkForm {
  name: string;
  connection: Connection;
  /** Off: an IPv6-only network. */
  ipv4: boolean;
  subnet: string;
  subnet6: string;
  dhcpStart: string;
  dhcpEnd: string;
  iface: string;
  vlan: string;
  autostart: boolean;
}

export const emptyForm = (): NetworkForm => ({
  name: '', connection: 'nat', ipv4: true, subnet: '', subnet6: '', dhcpStart: '', dhcpEnd: '', iface: '', vlan: '', autostart: true,
});

export function ipToInt(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const o = m.slice(1).map(Number);
  if (o.some((n) => n > 255)) return undefined;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

/** address/prefix (8–30) → network number and prefix; netmask forms are left to the server. */
export function parseSubnet(s: string): { network: number; prefix: number } | undefined {
  const [addr, len, ...rest] = s.trim().split('/');
  const ip = addr ? ipToInt(addr) : undefined;
  if (ip === undefined || !len || rest.length || !/^\d{1,2}$/.test(len)) return undefined;
  const prefix = Number(len);
  if (prefix < 8 || prefix > 30) return undefined;
  const mask = (0xffffffff << (32 - prefix)) >>> 0;
  return { network: (ip & mask) >>> 0, prefix };
}

/** An IPv6 prefix the server takes: hex groups with "::" allowed, length 48 to 64 (the server checks the rest). */
export function looksLikePrefix6(s: string): boolean {
  const m = /^([0-9A-Fa-f:]+)\/(\d{2})$/.exec(s.trim());
  return !!m && m[1]!.includes(':') && Number(m[2]) >= 48 && Number(m[2]) <= 64;
}

export type FormErrors = Partial<Record<keyof NetworkForm, NetMessageKey>>;

function checkDhcp(f: NetworkForm): NetMessageKey | undefined {
  if (!f.dhcpStart && !f.dhcpEnd) return undefined;
  const start = ipToInt(f.dhcpStart), end = ipToInt(f.dhcpEnd);
  if (start === undefined || end === undefined) return 'err.dhcp';
  const s = f.subnet ? parseSubnet(f.subnet) : undefined;
  if (!s) return f.subnet ? undefined : 'err.dhcp';
  const last = (s.network | ~((0xffffffff << (32 - s.prefix)) >>> 0)) >>> 0;
  const gateway = s.network + 1;
  const inside = (ip: number) => ip > s.network && ip < last;
  return inside(start) && inside(end) && start <= end && (gateway < start || gateway > end) ? undefined : 'err.dhcp';
}

export function checkForm(f: NetworkForm): FormErrors {
  const errors: FormErrors = {};
  const name = f.name;
  // eslint-disable-next-line no-control-regex
  if (!name || name.length > 100 || name.includes('/') || name.includes('..') || name.trim() !== name || /[\u0000-\u001f\u007f]/.test(name)) {
    errors.name = 'err.name';
  }
  if (routedHere(f.connection)) {
    if (f.ipv4) {
      if (f.subnet && !parseSubnet(f.subnet)) errors.subnet = 'err.subnet';
      const dhcp = checkDhcp(f);
      if (dhcp) errors.dhcpStart = dhcp;
    }
    if (f.subnet6 ? !looksLikePrefix6(f.subnet6) : !f.ipv4) errors.subnet6 = f.ipv4 ? 'err.subnet6' : 'err.needIp';
  } else {
    if (!f.iface) errors.iface = 'err.iface';
    if (f.vlan && !(/^\d+$/.test(f.vlan) && Number(f.vlan) >= 1 && Number(f.vlan) <= 4094)) errors.vlan = 'err.vlan';
  }
  return errors;
}

export function toInput(f: NetworkForm): NetworkInput {
  if (routedHere(f.connection)) {
    return {
      name: f.name, connection: f.connection, autostart: f.autostart,
      ...(!f.ipv4 ? { ipv4: false } : {}),
      ...(f.ipv4 && f.subnet ? { subnet: f.subnet.trim() } : {}),
      ...(f.ipv4 && f.dhcpStart && f.dhcpEnd ? { dhcp: { start: f.dhcpStart.trim(), end: f.dhcpEnd.trim() } } : {}),
      ...(f.subnet6 ? { subnet6: f.subnet6.trim() } : {}),
    };
  }
  return { name: f.name, connection: f.connection, autostart: f.autostart, interfaces: [f.iface], ...(f.vlan ? { vlan_id: Number(f.vlan) } : {}) };
}
