// Zod schemas of ISO scans: a request (shallow, or deep over given folders) and a scan with its task and findings.
import { z } from '@hono/zod-openapi';
import { Task } from '../../tasks/schemas.ts';
import { HostPath } from '../schemas.ts';

export const IsoScanInput = z.strictObject({
  type: z.enum(['shallow', 'deep']),
  paths: z.array(HostPath).min(1).max(32).optional().openapi({ description: 'deep: the folders to walk' }),
}).openapi('IsoScanInput');

export const IsoImage = z.object({
  path: z.string(), size: z.number(), volume_id: z.string(), os_distro: z.string(), os_version: z.string(), bootable: z.boolean(),
}).openapi('IsoImage');

export const IsoScan = z.object({
  id: z.string(),
  type: z.enum(['shallow', 'deep']),
  paths: z.array(z.string()),
  files: z.int().openapi({ description: 'Files looked at so far' }),
  stop_requested: z.boolean(),
  task: Task.optional(),
  isos: z.array(IsoImage),
}).openapi('IsoScan');
export type IsoScan = z.infer<typeof IsoScan>;

export const ScanParams = z.strictObject({ id: z.string().regex(/^[1-9][0-9]{0,15}$/).openapi({ param: { name: 'id', in: 'path' } }) });
