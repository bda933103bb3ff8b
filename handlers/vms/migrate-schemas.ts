// Zod schemas of migration (live and offline): the POST /vms/{name}/migrate body and the destination picker's answer.
import { z } from '@hono/zod-openapi';

export const STORAGE_MODES = ['shared', 'copy'] as const;
export type StorageMode = (typeof STORAGE_MODES)[number];

export const VmMigrate = z.strictObject({
  destination: z.string().min(1).max(64).openapi({ description: 'A registered host (GET /api/hosts)', example: 'host-b' }),
  live: z.boolean().optional().openapi({
    description: 'A running guest: true (the default) keeps it running while its memory moves, false pauses it meanwhile. '
      + 'A shut-off guest migrates offline: false (the default for it; true is refused)',
  }),
  storage: z.enum(STORAGE_MODES).openapi({
    description: 'shared: every disk is on storage both hosts see; copy: the disks are copied to the same paths on the destination',
  }),
  unsafe: z.boolean().default(false).openapi({
    description: 'The administrator\'s word that a path both hosts see is really shared: libvirt trusts only NFS, GFS2, Ceph and the like',
  }),
  persistent: z.boolean().default(true).openapi({ description: 'Define the guest on the destination (always, for an offline migration)' }),
  undefine_source: z.boolean().default(true).openapi({ description: 'Remove its definition from the source afterwards' }),
  max_downtime_ms: z.int().min(1).max(600_000).optional().openapi({ description: 'Longest pause at the switch-over' }),
  bandwidth_mib_s: z.int().min(1).max(1_000_000).optional().openapi({
    description: 'Bandwidth cap, MiB/s: the memory stream and each copied disk\'s stream (live); the disk copy (offline)',
  }),
}).openapi('VmMigrate');
export type VmMigrate = z.infer<typeof VmMigrate>;

export const MigrationTargetsQuery = z.strictObject({ storage: z.enum(STORAGE_MODES).default('shared') });

export const MigrationTarget = z.object({
  host: z.string(),
  ok: z.boolean().openapi({ description: 'Whether every check before a migration passes now' }),
  code: z.string().optional().openapi({ description: 'The first failed check\'s error code', example: 'KCHMIG0009E' }),
  reason: z.string().optional().openapi({ description: 'Its message in the caller\'s language' }),
}).openapi('MigrationTarget');
export const MigrationTargets = z.array(MigrationTarget).openapi('MigrationTargets');
export type MigrationTarget = z.infer<typeof MigrationTarget>;
