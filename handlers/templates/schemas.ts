// Zod schemas of the Template resource (Kimchi's /templates): what a new VM is made of.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';
import { machineFields } from '../vms/machine-schemas.ts';

export const DISK_FORMATS = ['qcow2', 'raw'] as const;
export const DISK_BUSES = ['virtio', 'sata', 'scsi', 'ide'] as const;
export const NIC_MODELS = ['virtio', 'e1000', 'e1000e', 'rtl8139'] as const;

export const TemplateDisk = z.strictObject({
  index: z.int().min(0).max(25).optional(),
  /** GiB. */
  size: z.number().positive().max(64 * 1024).openapi({ example: 10, description: 'Size in GiB' }),
  pool: z.strictObject({ name: ResourceName }).optional().openapi({ description: 'Pool of the new volume (default: the template storagepool)' }),
  format: z.enum(DISK_FORMATS).optional(),
  /** A read-only base image (template made from a VM): new VMs get a qcow2 overlay on it. */
  base: z.string().startsWith('/').max(4096).optional(),
});

export const Graphics = z.strictObject({
  type: z.enum(['vnc', 'spice']).nullable(),
  listen: z.union([z.ipv4(), z.ipv6()]).optional().openapi({ example: '127.0.0.1' }),
});

export const Topology = z.strictObject({ sockets: z.int().min(1).max(64), cores: z.int().min(1).max(256), threads: z.int().min(1).max(8) });

/** POST /templates and the stored spec. */
export const TemplateInput = z.strictObject({
  name: ResourceName,
  os_distro: z.string().max(64).optional(),
  os_version: z.string().max(64).optional(),
  memory: z.strictObject({
    current: z.int().min(16).max(16 * 1024 * 1024).openapi({ description: 'MiB' }),
    maxmemory: z.int().min(16).max(16 * 1024 * 1024).optional().openapi({ description: 'MiB' }),
  }).optional(),
  cpu_info: z.strictObject({
    vcpus: z.int().min(1).max(4096).optional(),
    maxvcpus: z.int().min(1).max(4096).optional(),
    topology: Topology.optional(),
  }).optional(),
  cdrom: z.string().startsWith('/').max(4096).optional().openapi({ description: 'Absolute path of an install ISO on the host, under the same rule as a VM\'s CD-ROM (no system directories, an ISO 9660 image)' }),
  storagepool: z.string().max(200).optional().openapi({ example: '/plugins/kimchi/storagepools/default' }),
  disks: z.array(TemplateDisk).max(8).optional(),
  networks: z.array(ResourceName).max(8).optional(),
  graphics: Graphics.optional(),
  icon: z.string().max(512).optional(),
  folder: z.array(z.string().max(100)).max(10).optional(),
  disk_bus: z.enum(DISK_BUSES).optional(),
  nic_model: z.enum(NIC_MODELS).optional(),
  netboot: z.boolean().optional().openapi({ description: 'Install from the network: VMs boot hd, cdrom, network (Kimchi 3.0 source_media netboot)' }),
  ...machineFields,
});
export type TemplateInput = z.infer<typeof TemplateInput>;

/** PUT /templates/:name — any subset of the fields. */
export const TemplateUpdate = TemplateInput.partial();

/** A stored template with every default filled in. */
export const TemplateSpec = z.object({
  name: z.string(),
  os_distro: z.string(),
  os_version: z.string(),
  memory: z.object({ current: z.int(), maxmemory: z.int() }),
  cpu_info: z.object({ vcpus: z.int(), maxvcpus: z.int(), topology: Topology.optional() }),
  cdrom: z.string().optional(),
  storagepool: z.string(),
  disks: z.array(z.object({ index: z.int(), size: z.number(), pool: z.object({ name: z.string() }), format: z.enum(DISK_FORMATS), base: z.string().optional() })),
  networks: z.array(z.string()),
  graphics: z.object({ type: z.enum(['vnc', 'spice']).nullable(), listen: z.string() }),
  icon: z.string().optional(),
  folder: z.array(z.string()),
  disk_bus: z.enum(DISK_BUSES),
  nic_model: z.enum(NIC_MODELS),
  netboot: z.boolean().optional(),
  ...machineFields,
});
export type TemplateSpec = z.infer<typeof TemplateSpec>;

/** GET: the spec plus what no longer exists (Kimchi's `invalid`), so a broken template is shown, not hidden. */
export const Template = TemplateSpec.extend({
  invalid: z.object({
    cdrom: z.array(z.string()).optional(),
    storagepools: z.array(z.string()).optional(),
    networks: z.array(z.string()).optional(),
    disks: z.array(z.string()).optional(),
  }).openapi({ description: 'What the template names that no longer exists (empty when valid)' }),
  invalid_reason: z.string().optional().openapi({ description: 'The same, as one translated sentence' }),
}).openapi('Template');
export type Template = z.infer<typeof Template>;
