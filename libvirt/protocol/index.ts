// The procedure table: every remote procedure we use, as data (number + argument and result codecs).
import { connectProcedures } from './connect.ts';
import { domainProcedures } from './domain.ts';
import { eventProcedures } from './events.ts';
import { ifaceProcedures } from './iface.ts';
import { hostProcedures } from './host.ts';
import { networkProcedures } from './network.ts';
import { storageProcedures } from './storage.ts';
import { migrateProcedures } from './migrate.ts';
import { secretProcedures } from './secret.ts';

export const procedures = {
  ...connectProcedures,
  ...domainProcedures,
  ...networkProcedures,
  ...storageProcedures,
  ...secretProcedures,
  ...ifaceProcedures,
  ...eventProcedures,
  ...hostProcedures,
  ...migrateProcedures,
};
export type ProcedureName = keyof typeof procedures;

export { call, type Logger } from './call.ts';
export * from './types.ts';
export { AuthType, Feature, nodeInfo, domainStatsRecord } from './connect.ts';
export { domainInfo, blockInfo, domainInterface } from './domain.ts';
export { poolInfo, volInfo } from './storage.ts';
export { SecretUsage, type Secret } from './secret.ts';
export { dhcpLease } from './network.ts';
export { ListInterfacesFlags, type Iface } from './iface.ts';
export { type NodeDevice } from './host.ts';
export { DomainEventId, NetworkEventId, StoragePoolEventId, eventMessages, type LibvirtEvents } from './events.ts';
