// Network procedures (remote_protocol.x) needed by the runtime's sanity check and the network handlers.
import { x } from '../xdr/index.ts';
import { network, none, proc } from './types.ts';

const netOnly = x.struct({ net: network });

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
  connectListAllNetworks: proc('connectListAllNetworks', 283,
    x.struct({ need_results: x.int, flags: x.uint }), x.struct({ nets: x.array(network, 16384), ret: x.uint })),
};
