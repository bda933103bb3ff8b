// Zod schemas of a VM's devices (Kimchi's /vms/:name/storages and /vms/:name/ifaces): views, attach and change bodies.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';
import { VmParams } from '../vms/schemas.ts';

export const DISK_BUSES = ['virtio', 'scsi', 'sata', 'ide'] as const;
export const CDROM_BUSES = ['sata', 'scsi', 'ide'] as const;
export const NIC_MODELS = ['virtio', 'e1000', 'e1000e', 'rtl8139', 'ne2k_pci', 'pcnet', 'i82551', 'i82557b', 'i82559er'] as const;

const pending = {
  pending: z.boolean().openapi({
    description: 'The saved configuration and the running VM differ for this device (attached, changed or removed in one only); '
      + 'the configuration wins at the next boot',
  }),
  note: z.string().nullable().openapi({ description: 'Why it is pending, in the caller\'s language; null when not pending' }),
};

export const Storage = z.object({
  dev: z.string().openapi({ example: 'vdb', description: 'Device name in the guest (target dev)' }),
  type: z.enum(['disk', 'cdrom', 'floppy', 'lun']),
  path: z.string().nullable().openapi({ description: 'Host path of the image or ISO; null for an empty CD-ROM drive' }),
  bus: z.string().nullable().openapi({ example: 'virtio' }),
  format: z.string().nullable().openapi({ example: 'qcow2', description: 'Image format from the disk driver' }),
  pool: z.string().nullable().openapi({ description: 'Storage pool, when the image is a volume of one' }),
  vol: z.string().nullable().openapi({ description: 'Volume name in that pool' }),
  ...pending,
}).openapi('VmStorage');
export type Storage = z.infer<typeof Storage>;
export const StorageList = z.array(Storage).openapi('VmStorageList');

const Dev = z.string().regex(/^(vd|sd|hd)[a-z]{1,2}$/).optional()
  .openapi({ description: 'Device name (vdX on virtio, sdX on scsi/sata, hdX on ide); the first free one when absent' });
const AbsPath = z.string().min(2).max(4096).regex(/^\/[^\u0000-\u001f\u007f]*$/)
  .refine((s) => !s.split('/').includes('..'), { message: 'no ".." segments' })
  .openapi({ example: '/var/lib/libvirt/images/install.iso', description: 'Absolute host path' });

const CdromCreate = z.strictObject({
  type: z.literal('cdrom'),
  path: AbsPath.nullable().optional().openapi({ description: 'ISO 9660 or UDF image: a regular file outside the host\'s system directories, or a volume of a storage pool; absent or null for an empty drive' }),
  bus: z.enum(CDROM_BUSES).optional().openapi({ description: 'Default: sata on q35 machines, ide otherwise' }),
  dev: Dev,
});

const DiskCreate = z.strictObject({
  type: z.literal('disk'),
  pool: ResourceName.openapi({ description: 'Storage pool of the volume' }),
  vol: z.string().min(1).max(255).optional().openapi({ description: 'An existing volume to attach (not with size)' }),
  size: z.number().positive().max(65536).optional().openapi({ description: 'Create a new volume of this many GiB (not with vol)' }),
  format: z.enum(['qcow2', 'raw']).optional().openapi({ description: 'Format of the new volume (default qcow2)' }),
  bus: z.enum(DISK_BUSES).optional().openapi({ description: 'Default virtio; virtio and scsi disks plug into a running VM' }),
  dev: Dev,
}).superRefine((d, ctx) => {
  if ((d.vol === undefined) === (d.size === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['vol'], message: 'give either vol (existing volume) or size (new volume)' });
  }
  if (d.format !== undefined && d.size === undefined) ctx.addIssue({ code: 'custom', path: ['format'], message: 'only with size' });
});

export const StorageCreate = z.discriminatedUnion('type', [CdromCreate, DiskCreate]).openapi('VmStorageCreate');
export type StorageCreate = z.infer<typeof StorageCreate>;
export type DiskCreate = z.infer<typeof DiskCreate>;
export type CdromCreate = z.infer<typeof CdromCreate>;

export const StorageUpdate = z.strictObject({
  path: AbsPath.or(z.literal('')).nullable().openapi({ description: 'New ISO for a CD-ROM, under the same rule as on attach; "" or null ejects the medium' }),
}).openapi('VmStorageUpdate');
export type StorageUpdate = z.infer<typeof StorageUpdate>;

export const StorageParams = VmParams.extend({
  dev: z.string().min(1).max(32).openapi({ param: { name: 'dev', in: 'path' }, example: 'vdb' }),
});

export const Iface = z.object({
  mac: z.string().openapi({ example: '52:54:00:12:34:56' }),
  type: z.string().openapi({ example: 'network', description: 'network, bridge, direct, user …' }),
  network: z.string().nullable().openapi({ description: 'The virtual network, for type network' }),
  bridge: z.string().nullable().openapi({ description: 'The host bridge, for type bridge' }),
  model: z.string().nullable().openapi({ example: 'virtio' }),
  ips: z.array(z.string()).openapi({ description: 'Addresses the network\'s DHCP server leased to this MAC (running VMs)' }),
  reserved_ip: z.string().nullable().openapi({ description: 'The fixed address the network keeps for this MAC (its DHCP hosts)' }),
  ...pending,
}).openapi('VmIface');
export type Iface = z.infer<typeof Iface>;
export const IfaceList = z.array(Iface).openapi('VmIfaceList');

export const IfaceCreate = z.strictObject({
  type: z.literal('network'),
  network: ResourceName.openapi({ example: 'default' }),
  model: z.enum(NIC_MODELS).optional().openapi({ description: 'NIC model (libvirt\'s default when absent)' }),
}).openapi('VmIfaceCreate');
export type IfaceCreate = z.infer<typeof IfaceCreate>;

export const IfaceUpdate = z.strictObject({
  network: ResourceName.optional().openapi({ description: 'Move to this network, live and in the configuration' }),
  model: z.enum(NIC_MODELS).optional().openapi({ description: 'Saved configuration only: takes effect at the next boot' }),
}).openapi('VmIfaceUpdate');
export type IfaceUpdate = z.infer<typeof IfaceUpdate>;

export const IfaceParams = VmParams.extend({
  mac: z.string().regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/).openapi({ param: { name: 'mac', in: 'path' }, example: '52:54:00:12:34:56' }),
});

export const Serial = z.object({
  port: z.int().openapi({ example: 0, description: 'Serial port number in the guest (0 is ttyS0 / COM1)' }),
  type: z.string().openapi({ example: 'pty', description: 'Host side of the port: pty, file, unix, tcp …' }),
  ...pending,
}).openapi('VmSerial');
export type Serial = z.infer<typeof Serial>;
export const SerialList = z.array(Serial).openapi('VmSerialList');
