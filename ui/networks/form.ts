// The create-network form: its state, live checks (the server's rules, in the browser) and the request it becomes.
import type { NetworkInput } from '../api/networks.ts';
import type { NetMessageKey } from './i18n.ts';

export type Connection = NetworkInput['connection'];
export const CONNECTIONS: readonly Connection[] = ['nat', 'isolated', 'bridge', 'macvtap', 'vepa', 'passthrough'];
/** Types that get a subnet and DHCP; the others attach to host interfaces. */
export const routedHere = (c: Connection) => c === 'nat' || c === 'isolated';

export interface NetworkForm {
  name: string;
  connection: Connection;
  subnet: string;
  dhcpStart: string;
  dhcpEnd: string;
  iface: string;
  vlan: string;
  autostart: boolean;
}

export const emptyForm = (): NetworkForm => ({
  name: '', connection: 'nat', subnet: '', dhcpStart: '', dhcpEnd: '', iface: '', vlan: '', autostart: true,
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
    if (f.subnet && !parseSubnet(f.subnet)) errors.subnet = 'err.subnet';
    const dhcp = checkDhcp(f);
    if (dhcp) errors.dhcpStart = dhcp;
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
      ...(f.subnet ? { subnet: f.subnet.trim() } : {}),
      ...(f.dhcpStart && f.dhcpEnd ? { dhcp: { start: f.dhcpStart.trim(), end: f.dhcpEnd.trim() } } : {}),
    };
  }
  return { name: f.name, connection: f.connection, autostart: f.autostart, interfaces: [f.iface], ...(f.vlan ? { vlan_id: Number(f.vlan) } : {}) };
}
