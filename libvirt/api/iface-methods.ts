// Typed host interface methods (libvirt's interface driver: udev or netcf backend, read-only use here).
import type { Iface } from '../protocol/iface.ts';
import { Caller } from './base.ts';

export abstract class IfaceMethods extends Caller {
  interfaceLookupByName(name: string) { return this.invoke('interfaceLookupByName', { name }); }
  interfaceGetXMLDesc(iface: Iface, flags = 0) { return this.invoke('interfaceGetXMLDesc', { iface, flags }); }
  interfaceIsActive(iface: Iface) { return this.invoke('interfaceIsActive', { iface }); }
  /** flags: ListInterfacesFlags (ACTIVE | INACTIVE; 0 = both). */
  async connectListAllInterfaces(flags = 0): Promise<Iface[]> {
    return (await this.invoke('connectListAllInterfaces', { need_results: 1, flags })).ifaces;
  }
}
