// libvirt's public enum values callers pass as flags or compare states against (from libvirt.h).

/** virDomainState */
export const DomainState = { NOSTATE: 0, RUNNING: 1, BLOCKED: 2, PAUSED: 3, SHUTDOWN: 4, SHUTOFF: 5, CRASHED: 6, PMSUSPENDED: 7 } as const;
/** virDomainEventType (lifecycle `event`) */
export const DomainEventType = {
  DEFINED: 0, UNDEFINED: 1, STARTED: 2, SUSPENDED: 3, RESUMED: 4, STOPPED: 5, SHUTDOWN: 6, PMSUSPENDED: 7, CRASHED: 8,
} as const;
/** virNetworkUpdateCommand, virNetworkUpdateSection (the parts used) and virNetworkUpdateFlags. */
export const NetworkUpdateCommand = { MODIFY: 1, DELETE: 2, ADD_LAST: 3, ADD_FIRST: 4 } as const;
export const NetworkSection = { IP_DHCP_HOST: 4, IP_DHCP_RANGE: 5 } as const;
export const NetworkUpdateFlags = { AFFECT_CURRENT: 0, AFFECT_LIVE: 1, AFFECT_CONFIG: 2 } as const;

/** virNetworkEventLifecycleType / virStoragePoolEventLifecycleType */
export const NetworkEventType = { DEFINED: 0, UNDEFINED: 1, STARTED: 2, STOPPED: 3 } as const;
export const StoragePoolEventType = { DEFINED: 0, UNDEFINED: 1, STARTED: 2, STOPPED: 3, CREATED: 4, DELETED: 5 } as const;
/** virDomainXMLFlags */
export const DomainXMLFlags = { SECURE: 1, INACTIVE: 2, UPDATE_CPU: 4, MIGRATABLE: 8 } as const;
/** virDomainModificationImpact (memory, vcpus, devices) */
export const DomainAffect = { CURRENT: 0, LIVE: 1, CONFIG: 2 } as const;
export const DomainVcpuFlags = { MAXIMUM: 4, GUEST: 8, HOTPLUGGABLE: 16 } as const;
export const DomainMemFlags = { MAXIMUM: 4 } as const;
/** virDomainUndefineFlagsValues */
export const DomainUndefineFlags = { MANAGED_SAVE: 1, SNAPSHOTS_METADATA: 2, NVRAM: 4, KEEP_NVRAM: 8, CHECKPOINTS_METADATA: 16, TPM: 32, KEEP_TPM: 64 } as const;
/** virDomainRebootFlagValues */
export const DomainRebootFlags = { DEFAULT: 0, ACPI_POWER_BTN: 1, GUEST_AGENT: 2 } as const;
/** virConnectListAllDomainsFlags */
export const ListDomainsFlags = {
  ACTIVE: 1, INACTIVE: 2, PERSISTENT: 4, TRANSIENT: 8, RUNNING: 16, PAUSED: 32, SHUTOFF: 64, OTHER: 128,
  MANAGEDSAVE: 256, NO_MANAGEDSAVE: 512, AUTOSTART: 1024, NO_AUTOSTART: 2048, HAS_SNAPSHOT: 4096, NO_SNAPSHOT: 8192,
} as const;
/** virDomainStatsTypes for connectGetAllDomainStats */
export const DomainStatsTypes = {
  STATE: 1, CPU_TOTAL: 2, BALLOON: 4, VCPU: 8, INTERFACE: 16, BLOCK: 32, PERF: 64, IOTHREAD: 128, MEMORY: 256, DIRTYRATE: 512,
} as const;
/** virDomainSnapshotCreateFlags / delete / revert (the ones we use) */
export const SnapshotCreateFlags = { REDEFINE: 1, CURRENT: 2, NO_METADATA: 4, HALT: 8, DISK_ONLY: 16, ATOMIC: 128 } as const;
export const SnapshotDeleteFlags = { CHILDREN: 1, METADATA_ONLY: 2, CHILDREN_ONLY: 4 } as const;
export const SnapshotRevertFlags = { RUNNING: 1, PAUSED: 2, FORCE: 4 } as const;
/** virStoragePoolBuildFlags */
export const StoragePoolBuildFlags = { NEW: 0, REPAIR: 1, RESIZE: 2, NO_OVERWRITE: 4, OVERWRITE: 8 } as const;
/** VIR_CONNECT_RO for ConnectOptions.flags */
export const ConnectFlags = { RO: 1 } as const;
/** virDomainMigrateFlags (the ones we use) */
export const MigrateFlags = {
  LIVE: 1, PEER2PEER: 2, TUNNELLED: 4, PERSIST_DEST: 8, UNDEFINE_SOURCE: 16, PAUSED: 32, NON_SHARED_DISK: 64,
  NON_SHARED_INC: 128, CHANGE_PROTECTION: 256, UNSAFE: 512, OFFLINE: 1024, ABORT_ON_ERROR: 4096, AUTO_CONVERGE: 8192,
} as const;
/** VIR_MIGRATE_PARAM_* typed parameter names */
export const MigrateParam = {
  URI: 'migrate_uri', DEST_NAME: 'destination_name', DEST_XML: 'destination_xml', PERSIST_XML: 'persistent_xml',
  BANDWIDTH: 'bandwidth', MIGRATE_DISKS: 'migrate_disks',
} as const;
/** virDomainJobType (domainGetJobStats' `type`) */
export const DomainJobType = { NONE: 0, BOUNDED: 1, UNBOUNDED: 2, COMPLETED: 3, FAILED: 4, CANCELLED: 5 } as const;
/** virDomainGetJobStatsFlags */
export const JobStatsFlags = { COMPLETED: 1, KEEP_COMPLETED: 2 } as const;
