// Event subscription methods: register/deregister domain, network and storage pool callbacks with libvirtd.
import { LibvirtError } from '../errors.ts';
import { DomainEventId, NetworkEventId, StoragePoolEventId, type Domain, type Network, type StoragePool } from '../protocol/index.ts';
import { Caller } from './base.ts';

export type EventFamily = 'domain' | 'network' | 'storagePool';
export interface Subscription { family: EventFamily; eventID: number; callbackID: number }

/** What subscribeEvents() registers: every event the Connection turns into a typed event. */
const ALL: [EventFamily, number][] = [
  ['domain', DomainEventId.LIFECYCLE], ['domain', DomainEventId.REBOOT],
  ['domain', DomainEventId.DEVICE_ADDED], ['domain', DomainEventId.DEVICE_REMOVED],
  ['network', NetworkEventId.LIFECYCLE], ['storagePool', StoragePoolEventId.LIFECYCLE],
];

export abstract class EventMethods extends Caller {
  connectDomainEventCallbackRegisterAny(eventID: number, dom: Domain | null = null) {
    return this.invoke('connectDomainEventCallbackRegisterAny', { eventID, dom });
  }
  connectDomainEventCallbackDeregisterAny(callbackID: number) {
    return this.invoke('connectDomainEventCallbackDeregisterAny', { callbackID });
  }
  connectNetworkEventRegisterAny(eventID: number, net: Network | null = null) {
    return this.invoke('connectNetworkEventRegisterAny', { eventID, net });
  }
  connectNetworkEventDeregisterAny(callbackID: number) {
    return this.invoke('connectNetworkEventDeregisterAny', { callbackID });
  }
  connectStoragePoolEventRegisterAny(eventID: number, pool: StoragePool | null = null) {
    return this.invoke('connectStoragePoolEventRegisterAny', { eventID, pool });
  }
  connectStoragePoolEventDeregisterAny(callbackID: number) {
    return this.invoke('connectStoragePoolEventDeregisterAny', { callbackID });
  }

  /**
   * Register for domain lifecycle/reboot/device-added/device-removed, network lifecycle and pool lifecycle.
   * A driver without support for a family (libvirt error) is skipped; other failures reject.
   */
  async subscribeEvents(): Promise<Subscription[]> {
    const out: Subscription[] = [];
    const results = await Promise.allSettled(ALL.map(([family, eventID]) => this.register(family, eventID)));
    results.forEach((r, i) => {
      const [family, eventID] = ALL[i]!;
      if (r.status === 'fulfilled') out.push({ family, eventID, callbackID: r.value });
      else if (!(r.reason instanceof LibvirtError)) throw r.reason;
      else this.emit('warning', r.reason);
    });
    return out;
  }

  async unsubscribeEvents(subs: Subscription[]): Promise<void> {
    await Promise.allSettled(subs.map((s) =>
      s.family === 'domain' ? this.connectDomainEventCallbackDeregisterAny(s.callbackID)
        : s.family === 'network' ? this.connectNetworkEventDeregisterAny(s.callbackID)
          : this.connectStoragePoolEventDeregisterAny(s.callbackID)));
  }

  private register(family: EventFamily, eventID: number): Promise<number> {
    if (family === 'domain') return this.connectDomainEventCallbackRegisterAny(eventID);
    if (family === 'network') return this.connectNetworkEventRegisterAny(eventID);
    return this.connectStoragePoolEventRegisterAny(eventID);
  }
}
