// Network procedures (remote_protocol.x) needed by the runtime's sanity check and the network handlers.
import { x } from '../xdr/index.ts';
import { network, none, optString, proc } from './types.ts';

const netOnly = x.struct({ net: network });

/** remote_network_dhcp_lease: `expirytime` is seconds since the epoch (a hyper that fits a number); type 0 = IPv4, 1 = IPv6. */
export const dhcpLease = x.struct({
  iface: x.string, expirytime: x.map(x.hyper, Number, BigInt), type: x.int, mac: optString, iaid: optString,
  ipaddr: x.string, prefix: x.uint, hostname: optString, clientid: optString,
});

export const networkProcedures = {
  networkCreate: proc('networkCreate', 39, netOnly, none),
  networkCreateXML: proc('networkCreateXML', 40, x.struct({ xml: x.string }), network),
  networkDefineXML: proc('networkDefineXML', 41, x.struct({ xml: x.string }), network),
  networkDestroy: proc('networkDestroy', 42, netOnly, none),
  networkGetXMLDesc: proc('networkGetXMLDesc', 43, x.struct({ net: network, flags: x.uint }), x.string),
  networkGetAutostart: proc('networkGetAutostart', 44, netOnly, x.bool),
  networkLookupByName: proc('networkLookupByName', 46, x.struct({ name: x.string }), network),
  networkLookupByUUID: proc('networkLookupByUUID', 47, x.struct({ uuid: x.uuid }), network),
  networkSetAutostart: proc('networkSetAutostart', 48, x.struct({ net: network, autostart: x.bool }), none),
  networkUndefine: proc('networkUndefine', 49, netOnly, none),
  networkIsActive: proc('networkIsActive', 152, netOnly, x.bool),
  networkIsPersistent: proc('networkIsPersistent', 153, netOnly, x.bool),
  /** One section of the definition (a DHCP host, a range…) changed live and/or in the config; see NetworkUpdate. */
  networkUpdate: proc('networkUpdate', 291,
    x.struct({ net: network, command: x.uint, section: x.uint, parentIndex: x.int, xml: x.string, flags: x.uint }), none),
  connectListAllNetworks: proc('connectListAllNetworks', 283,
    x.struct({ need_results: x.int, flags: x.uint }), x.struct({ nets: x.array(network, 16384), ret: x.uint })),
  /** `mac` null for every lease; REMOTE_NETWORK_DHCP_LEASES_MAX is 65536. */
  networkGetDHCPLeases: proc('networkGetDHCPLeases', 341,
    x.struct({ net: network, mac: optString, need_results: x.int, flags: x.uint }),
    x.struct({ leases: x.array(dhcpLease, 65536), ret: x.uint })),
};
