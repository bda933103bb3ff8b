// Zod schemas of ISO scans: a request (shallow, or deep over given folders) and a scan with its task and findings.
import { z } from '@hono/zod-openapi';
import { Task } from '../../tasks/schemas.ts';
import { HostPath } from '../schemas.ts';
import { UnattendedOffer } from '../../vms/unattended-schemas.ts';

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

/** An install ISO as the New guest dialog lists it. */
export const InstallMedia = z.object({
  path: z.string(),
  size: z.number().openapi({ description: 'Bytes' }),
  pool: z.string().optional().openapi({ description: 'The pool holding it (absent for a file outside pools)' }),
  volume: z.string().optional(),
  volume_id: z.string().openapi({ description: 'The ISO 9660 volume label' }),
  bootable: z.boolean(),
  os_distro: z.string().openapi({ example: 'fedora', description: "'unknown' when osinfo-db does not recognise it" }),
  os_version: z.string().openapi({ example: '37' }),
  os_name: z.string().optional().openapi({ example: 'Fedora Linux 37' }),
  recommended: z.object({
    memory: z.int().openapi({ description: 'MiB' }), cpus: z.int(), disk: z.number().openapi({ description: 'GiB' }),
  }).openapi({ description: "osinfo-db's recommended resources for the OS (generic defaults when unknown)" }),
  unattended: UnattendedOffer.optional().openapi({ description: 'Present when osinfo-db has an install script for this OS and medium: POST /vms may then send `unattended`' }),
}).openapi('InstallMedia');
export type InstallMedia = z.infer<typeof InstallMedia>;

export const InspectQuery = z.strictObject({ path: HostPath.openapi({ param: { name: 'path', in: 'query' } }) });
