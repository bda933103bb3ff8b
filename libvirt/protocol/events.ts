// Event registration procedures and the event messages libvirtd pushes (callback-style, with callbackID).
import { x } from '../xdr/index.ts';
import { domain, network, none, proc, storagePool } from './types.ts';

/** virDomainEventID values we subscribe to. */
export const DomainEventId = { LIFECYCLE: 0, REBOOT: 1, DEVICE_REMOVED: 15, DEVICE_ADDED: 19 } as const;
export const NetworkEventId = { LIFECYCLE: 0 } as const;
export const StoragePoolEventId = { LIFECYCLE: 0, REFRESH: 1 } as const;

export const eventProcedures = {
  connectNetworkEventRegisterAny: proc('connectNetworkEventRegisterAny', 313,
    x.struct({ eventID: x.int, net: x.optional(network) }), x.int),
  connectNetworkEventDeregisterAny: proc('connectNetworkEventDeregisterAny', 314, x.struct({ callbackID: x.int }), none),
  connectDomainEventCallbackRegisterAny: proc('connectDomainEventCallbackRegisterAny', 316,
    x.struct({ eventID: x.int, dom: x.optional(domain) }), x.int),
  connectDomainEventCallbackDeregisterAny: proc('connectDomainEventCallbackDeregisterAny', 317,
    x.struct({ callbackID: x.int }), none),
  connectStoragePoolEventRegisterAny: proc('connectStoragePoolEventRegisterAny', 368,
    x.struct({ eventID: x.int, pool: x.optional(storagePool) }), x.int),
  connectStoragePoolEventDeregisterAny: proc('connectStoragePoolEventDeregisterAny', 369,
    x.struct({ callbackID: x.int }), none),
};

const lifecycle = x.struct({ callbackID: x.int, dom: domain, event: x.int, detail: x.int });
const devAlias = x.struct({ callbackID: x.int, dom: domain, devAlias: x.string });

/** Event message procedure number → [event name, body codec]. */
export const eventMessages = {
  318: ['domainLifecycle', lifecycle],
  319: ['domainReboot', x.struct({ callbackID: x.int, dom: domain })],
  333: ['domainDeviceRemoved', devAlias],
  354: ['domainDeviceAdded', devAlias],
  315: ['networkLifecycle', x.struct({ callbackID: x.int, net: network, event: x.int, detail: x.int })],
  370: ['poolLifecycle', x.struct({ callbackID: x.int, pool: storagePool, event: x.int, detail: x.int })],
  373: ['poolRefresh', x.struct({ callbackID: x.int, pool: storagePool })],
} as const;

type Msgs = typeof eventMessages;
/** Typed payloads of the events a Connection emits. */
export type LibvirtEvents = { [K in keyof Msgs as Msgs[K][0]]: x.Infer<Msgs[K][1]> };
