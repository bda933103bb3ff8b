// Zod schemas of a VM's snapshots (Kimchi's /vms/:name/snapshots): the snapshot view and the create body.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';
import { VmParams } from '../vms/schemas.ts';

export const Snapshot = z.object({
  name: z.string().openapi({ example: 'snap-20261126-065208' }),
  parent: z.string().openapi({ description: 'The parent snapshot\'s name, "" for a root snapshot' }),
  created: z.int().openapi({ description: 'When it was taken, in seconds since the epoch' }),
  state: z.string().openapi({ example: 'running', description: 'The VM\'s state when it was taken (running, paused, shutoff …)' }),
  current: z.boolean().openapi({ description: 'The snapshot the VM last was at (taken or reverted to)' }),
  children: z.array(z.string()).openapi({ description: 'Names of the snapshots taken from this one' }),
}).openapi('Snapshot');
export type Snapshot = z.infer<typeof Snapshot>;
export const SnapshotList = z.array(Snapshot).openapi('SnapshotList');

export const SnapshotCreate = z.strictObject({
  name: ResourceName.refine((s) => s !== 'current', { message: '"current" names the current snapshot' }).optional()
    .openapi({ description: 'Default: snap-<UTC date>-<time>' }),
  memory: z.boolean().optional().openapi({
    description: 'Save the memory too; a running VM\'s snapshot always does, a shut-off VM has none (default: whether it runs)',
  }),
}).openapi('SnapshotCreate');
export type SnapshotCreate = z.infer<typeof SnapshotCreate>;

export const SnapshotParams = VmParams.extend({
  snapshot: z.string().min(1).max(1024).openapi({ param: { name: 'snapshot', in: 'path' }, example: 'snap-20261126-065208' }),
});
