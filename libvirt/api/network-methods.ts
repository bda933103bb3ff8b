// Typed network methods (lookup, state, define/undefine, XML, DHCP leases) used by the sanity check and handlers.
import type { Network } from '../protocol/index.ts';
import { Caller } from './base.ts';

export abstract class NetworkMethods extends Caller {
  networkLookupByName(name: string) { return this.invoke('networkLookupByName', { name }); }
  networkLookupByUUID(uuid: string) { return this.invoke('networkLookupByUUID', { uuid }); }
  networkIsActive(net: Network) { return this.invoke('networkIsActive', { net }); }
  networkIsPersistent(net: Network) { return this.invoke('networkIsPersistent', { net }); }
  networkCreate(net: Network) { return this.invoke('networkCreate', { net }); }
  networkCreateXML(xml: string) { return this.invoke('networkCreateXML', { xml }); }
  networkDestroy(net: Network) { return this.invoke('networkDestroy', { net }); }
  networkDefineXML(xml: string) { return this.invoke('networkDefineXML', { xml }); }
  networkUndefine(net: Network) { return this.invoke('networkUndefine', { net }); }
  networkGetXMLDesc(net: Network, flags = 0) { return this.invoke('networkGetXMLDesc', { net, flags }); }
  /** virNetworkUpdate: `parentIndex` picks the `<ip>` (-1: the first that fits); flags from NetworkUpdateFlags. */
  networkUpdate(net: Network, command: number, section: number, parentIndex: number, xml: string, flags: number) {
    return this.invoke('networkUpdate', { net, command, section, parentIndex, xml, flags });
  }
  networkGetAutostart(net: Network) { return this.invoke('networkGetAutostart', { net }); }
  networkSetAutostart(net: Network, autostart: boolean) { return this.invoke('networkSetAutostart', { net, autostart }); }
  async connectListAllNetworks(flags = 0): Promise<Network[]> {
    return (await this.invoke('connectListAllNetworks', { need_results: 1, flags })).nets;
  }
  /** Every lease of the network's DHCP server, or those of one MAC address. */
  async networkGetDHCPLeases(net: Network, mac: string | null = null, flags = 0) {
    return (await this.invoke('networkGetDHCPLeases', { net, mac, need_results: 1, flags })).leases;
  }
}
