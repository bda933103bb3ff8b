// Public surface of the libvirt adapter: connect(), Connection, LibvirtClient, handle types and errors.
export { connect, Connection, type ConnectOptions, type ConnectionEvents } from './api/connection.ts';
export { LibvirtClient, type LibvirtClientOptions } from './api/client.ts';
export type { DomainStats, DomainCapabilitiesQuery } from './api/connect-methods.ts';
export type { JobStats, MigrateParams } from './api/migrate-methods.ts';
export type { Subscription, EventFamily } from './api/event-methods.ts';
export { NodeDeviceCap, ALL_CPUS, ALL_CELLS } from './api/host-methods.ts';
export { LibvirtStream } from './api/streams.ts';
export { LibvirtError, DisconnectedError, ProtocolError, ErrorCode, ErrorLevel } from './errors.ts';
export {
  ParamType, DomainEventId, NetworkEventId, StoragePoolEventId, Feature, paramsToObject,
  type Domain, type Network, type StoragePool, type StorageVol, type DomainSnapshot,
  type TypedParam, type ParamValue, type LibvirtEvents, type Logger,
} from './protocol/index.ts';
export { ListInterfacesFlags, SecretUsage, type Iface, type Secret } from './protocol/index.ts';
export { parseUri, DEFAULT_SOCKET, DEFAULT_PKI, type ParsedUri, type DialOptions } from './transport/index.ts';
export * from './constants.ts';
