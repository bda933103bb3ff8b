// Host interface procedures (remote_protocol.x): list, look up and describe the host's network interfaces.
import { x, type Codec } from '../xdr/index.ts';
import { proc } from './types.ts';

/** remote_nonnull_interface: libvirt looks host interfaces up by name (the MAC travels along). */
export interface Iface { name: string; mac: string }
export const iface: Codec<Iface> = x.struct({ name: x.string, mac: x.string });

/** VIR_CONNECT_LIST_INTERFACES_* */
export const ListInterfacesFlags = { INACTIVE: 1, ACTIVE: 2 } as const;

export const ifaceProcedures = {
  interfaceLookupByName: proc('interfaceLookupByName', 128, x.struct({ name: x.string }), iface),
  interfaceGetXMLDesc: proc('interfaceGetXMLDesc', 130, x.struct({ iface, flags: x.uint }), x.string),
  interfaceIsActive: proc('interfaceIsActive', 156, x.struct({ iface }), x.bool),
  /** REMOTE_INTERFACE_LIST_MAX is 16384. */
  connectListAllInterfaces: proc('connectListAllInterfaces', 284,
    x.struct({ need_results: x.int, flags: x.uint }), x.struct({ ifaces: x.array(iface, 16384), ret: x.uint })),
};
