// Zod schemas of the Network and host Interface resources (Kimchi's /networks and /interfaces field names).
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';

/** What can be created; `route`, `hostdev` and others made outside the tool are listed as `other`… or by their mode. */
export const CONNECTIONS = ['nat', 'isolated', 'open', 'bridge', 'macvtap', 'vepa', 'passthrough'] as const;
export const LISTED_CONNECTIONS = [...CONNECTIONS, 'route', 'hostdev', 'private', 'other'] as const;

/** A Linux interface name: 1–15 characters of letters, digits, `_ . : -`; never `.` or `..`. */
export const IfaceName = z.string().regex(/^[A-Za-z0-9_.:-]{1,15}$/).refine((s) => s !== '.' && s !== '..', { message: 'not . or ..' })
  .openapi({ example: 'eth0', description: 'A host interface name (up to 15 characters: letters, digits, _ . : -)' });

const Ipv4 = z.ipv4().openapi({ example: '192.168.100.2' });
export const DhcpRange = z.strictObject({ start: Ipv4, end: Ipv4 });
const Ipv6 = z.ipv6().openapi({ example: 'fd6b:1:2:3::100' });
export const DhcpRange6 = z.strictObject({ start: Ipv6, end: Ipv6 });
const Mac = z.string().regex(/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/).transform((m) => m.toLowerCase()).openapi({ example: '52:54:00:12:34:56' });
const HostName = z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/).openapi({ example: 'web1', description: 'A DNS label' });

/** A fixed DHCP host: this MAC always gets this IPv4 address (and, optionally, this name). */
export const DhcpHostInput = z.strictObject({ mac: Mac, ip: Ipv4, name: HostName.optional() }).openapi('DhcpHostInput');
export type DhcpHostInput = z.infer<typeof DhcpHostInput>;
export const DhcpHost = z.object({ mac: z.string().nullable(), ip: z.string(), name: z.string().nullable() }).openapi('DhcpHost');
export type DhcpHost = z.infer<typeof DhcpHost>;

export const NetworkInput = z.strictObject({
  name: ResourceName,
  connection: z.enum(CONNECTIONS).openapi({ description: 'nat: routed through the host with NAT; open: routed, with no firewall rules of libvirt; isolated: guests and host only; bridge: join a host bridge; macvtap/vepa/passthrough: attach directly to host NICs' }),
  subnet: z.string().max(40).optional().openapi({ example: '192.168.100.0/24', description: 'nat/open/isolated: IPv4 address/prefix or address/netmask; default: the first free 192.168.x.0/24' }),
  dhcp: DhcpRange.optional().openapi({ description: 'nat/open/isolated: the DHCP range (default: the whole subnet after the gateway)' }),
  ipv4: z.boolean().optional().openapi({ description: 'nat/open/isolated: false for an IPv6-only network (needs subnet6); default true' }),
  subnet6: z.string().max(50).optional().openapi({ example: 'fd6b:1:2:3::/64', description: 'nat/open/isolated: an IPv6 prefix (length 48 to 64) besides or instead of IPv4; the host takes its ::1' }),
  dhcp6: DhcpRange6.optional().openapi({ description: 'The DHCPv6 range (prefix 64 only; default ::100 to ::1ff of the prefix)' }),
  bridge: IfaceName.optional().openapi({ example: 'virbr10', description: 'nat/open/isolated: name of the bridge libvirt creates (default: virbrN)' }),
  interfaces: z.array(IfaceName).max(16).optional().openapi({ description: 'bridge: one host bridge; macvtap/vepa/passthrough: host NICs' }),
  vlan_id: z.int().min(1).max(4094).optional().openapi({ description: '802.1Q tag (bridge, macvtap, vepa, passthrough)' }),
  autostart: z.boolean().optional().openapi({ description: 'Start with the host (default true, as in Kimchi)' }),
}).openapi('NetworkInput');
export type NetworkInput = z.infer<typeof NetworkInput>;

/** PUT: only what does not change the live state. */
export const NetworkUpdate = z.strictObject({ autostart: z.boolean() }).openapi('NetworkUpdate');
export type NetworkUpdate = z.infer<typeof NetworkUpdate>;

/** DELETE body (optional): deleting `default` needs `{"confirm": "default"}`. */
export const NetworkDelete = z.strictObject({ confirm: z.string().max(100).optional() }).openapi('NetworkDelete');
export type NetworkDelete = z.infer<typeof NetworkDelete>;

export const Network = z.object({
  name: z.string(),
  connection: z.enum(LISTED_CONNECTIONS),
  state: z.enum(['active', 'inactive']),
  autostart: z.boolean(),
  persistent: z.boolean(),
  subnet: z.string().nullable().openapi({ example: '192.168.122.0/24' }),
  gateway: z.string().nullable().openapi({ example: '192.168.122.1', description: "The host's address on the network" }),
  dhcp: DhcpRange.nullable(),
  subnet6: z.string().nullable().openapi({ example: 'fd6b:1:2:3::/64' }),
  gateway6: z.string().nullable().openapi({ example: 'fd6b:1:2:3::1' }),
  dhcp6: DhcpRange6.nullable(),
  dhcp_hosts: z.array(DhcpHost).openapi({ description: 'Fixed DHCP hosts (MAC → address)' }),
  bridge: z.string().nullable().openapi({ description: 'The host bridge guests join (made by libvirt for nat/isolated)' }),
  interfaces: z.array(z.string()),
  vlan_id: z.int().nullable(),
  in_use: z.boolean().openapi({ description: 'A VM (any state) or a template uses it' }),
  vms: z.array(z.string()).openapi({ description: 'VMs with an interface on it' }),
}).openapi('Network');
export type Network = z.infer<typeof Network>;

export const Lease = z.object({
  iface: z.string(),
  type: z.enum(['ipv4', 'ipv6']),
  mac: z.string().nullable(),
  ipaddr: z.string(),
  prefix: z.int(),
  hostname: z.string().nullable(),
  clientid: z.string().nullable(),
  iaid: z.string().nullable(),
  expirytime: z.int().openapi({ description: 'Seconds since the epoch' }),
}).openapi('Lease');
export type Lease = z.infer<typeof Lease>;

export const IFACE_TYPES = ['nic', 'bridge', 'vlan', 'bonding'] as const;
export const HostInterface = z.object({
  name: z.string(),
  type: z.enum(IFACE_TYPES),
  status: z.enum(['active', 'inactive']),
  mac: z.string().nullable(),
  /** Kimchi's first IPv4 address and netmask. */
  ipaddr: z.string().nullable(),
  netmask: z.string().nullable(),
  addresses: z.array(z.object({ family: z.enum(['ipv4', 'ipv6']), address: z.string(), prefix: z.int().nullable() })),
  members: z.array(z.string()).openapi({ description: 'Bridge ports or bond slaves' }),
}).openapi('HostInterface');
export type HostInterface = z.infer<typeof HostInterface>;
