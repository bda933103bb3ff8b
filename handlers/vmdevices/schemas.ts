// Zod schemas of a VM's devices (Kimchi's /vms/:name/storages and /vms/:name/ifaces): views, attach and change bodies.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';
import { VmParams } from '../vms/schemas.ts';
import { IfaceName } from '../networks/schemas.ts';

export const DISK_BUSES = ['virtio', 'scsi', 'sata', 'ide'] as const;
export const CDROM_BUSES = ['sata', 'scsi', 'ide'] as const;
export const CACHE_MODES = ['none', 'writethrough', 'writeback', 'directsync', 'unsafe', 'default'] as const;
export const DISCARD_MODES = ['unmap', 'ignore'] as const;
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
  cache: z.string().nullable().openapi({ example: 'none', description: 'Host cache mode (driver cache); null: the hypervisor\'s default' }),
  serial: z.string().nullable().openapi({ description: 'Serial number the guest sees; null when none is set' }),
  readonly: z.boolean().openapi({ description: 'The guest can only read it (always true for a CD-ROM)' }),
  shareable: z.boolean().openapi({ description: 'Several VMs may use it at once' }),
  discard: z.string().nullable().openapi({ description: 'unmap: the guest\'s TRIM frees host space; ignore; null: the default' }),
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

/** A disk's options: in the <disk> XML on attach, and changeable on a shut-off VM. */
const diskOptions = {
  cache: z.enum(CACHE_MODES).optional().openapi({ description: 'Host page-cache mode (default: the hypervisor\'s)' }),
  serial: z.string().regex(/^[A-Za-z0-9._-]{1,20}$/).optional().openapi({ example: 'DATA01', description: 'Serial number the guest sees: 1–20 letters, digits, . _ -' }),
  readonly: z.boolean().optional().openapi({ description: 'The guest can only read it' }),
  shareable: z.boolean().optional().openapi({ description: 'Several VMs may use it at once (the guests must coordinate, e.g. a cluster file system)' }),
  discard: z.enum(DISCARD_MODES).optional().openapi({ description: 'unmap: the guest\'s TRIM/discard frees space on the host; ignore: it does not' }),
};
export type DiskOptions = { [K in keyof typeof diskOptions]?: z.infer<(typeof diskOptions)[K]> };

const DiskCreate = z.strictObject({
  type: z.literal('disk'),
  pool: ResourceName.optional().openapi({ description: 'Storage pool of the volume (not with path)' }),
  path: AbsPath.optional().openapi({ example: '/srv/images/data.img', description: 'A disk image file or block device of this host, instead of a pool volume (not in system directories; not used by another VM)' }),
  vol: z.string().min(1).max(255).optional().openapi({ description: 'An existing volume to attach (not with size)' }),
  size: z.number().positive().max(65536).optional().openapi({ description: 'Create a new volume of this many GiB (not with vol)' }),
  format: z.enum(['qcow2', 'raw']).optional().openapi({ description: 'Format of the new volume (default qcow2)' }),
  bus: z.enum(DISK_BUSES).optional().openapi({ description: 'Default virtio; virtio and scsi disks plug into a running VM' }),
  dev: Dev,
  ...diskOptions,
}).superRefine((d, ctx) => {
  if (d.path !== undefined) {
    for (const k of ['pool', 'vol', 'size'] as const) if (d[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'not with path' });
  } else if (d.pool === undefined) {
    ctx.addIssue({ code: 'custom', path: ['pool'], message: 'give pool (with vol or size) or path', params: { problem: 'problem.required' } });
  } else if ((d.vol === undefined) === (d.size === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['vol'], message: 'give either vol (existing volume) or size (new volume)' });
  }
  if (d.format !== undefined && d.size === undefined) ctx.addIssue({ code: 'custom', path: ['format'], message: 'only with size' });
});

export const StorageCreate = z.discriminatedUnion('type', [CdromCreate, DiskCreate]).openapi('VmStorageCreate');
export type StorageCreate = z.infer<typeof StorageCreate>;
export type DiskCreate = z.infer<typeof DiskCreate>;
export type CdromCreate = z.infer<typeof CdromCreate>;

export const StorageUpdate = z.strictObject({
  path: AbsPath.or(z.literal('')).nullable().optional().openapi({ description: 'New ISO for a CD-ROM, under the same rule as on attach; "" or null ejects the medium' }),
  bus: z.enum(DISK_BUSES).optional().openapi({ description: 'A disk of a shut-off VM: move it to this bus (it gets the first free device name there)' }),
  ...diskOptions,
}).superRefine((d, ctx) => {
  const disk = Object.keys(d).filter((k) => k !== 'path');
  if (d.path !== undefined && disk.length) ctx.addIssue({ code: 'custom', path: [disk[0]!], message: 'path (a CD-ROM\'s medium) goes alone' });
  if (d.path === undefined && !disk.length) ctx.addIssue({ code: 'custom', path: ['path'], message: 'give path (CD-ROM) or disk options', params: { problem: 'problem.required' } });
}).openapi('VmStorageUpdate');
export type StorageUpdate = z.infer<typeof StorageUpdate>;

export const StorageResize = z.strictObject({
  size: z.number().positive().max(65536).openapi({ example: 20, description: 'The new size in GiB, larger than the current one' }),
}).openapi('VmStorageResize');

export const StorageDetachQuery = z.strictObject({
  delete_volume: z.enum(['true', 'false']).optional().openapi({
    description: 'Also delete the disk\'s volume (shut-off VMs; refused when another VM\'s disk or overlay, or a template, uses it)',
  }),
});

export const StorageParams = VmParams.extend({
  dev: z.string().min(1).max(32).openapi({ param: { name: 'dev', in: 'path' }, example: 'vdb' }),
});

export const Iface = z.object({
  mac: z.string().openapi({ example: '52:54:00:12:34:56' }),
  type: z.string().openapi({ example: 'network', description: 'network, bridge, direct, user …' }),
  network: z.string().nullable().openapi({ description: 'The virtual network, for type network' }),
  bridge: z.string().nullable().openapi({ description: 'The host bridge, for type bridge' }),
  model: z.string().nullable().openapi({ example: 'virtio' }),
  source_dev: z.string().nullable().openapi({ description: 'The host interface, for type direct (macvtap)' }),
  mode: z.string().nullable().openapi({ description: 'macvtap mode (vepa, bridge, private, passthrough), for type direct' }),
  link: z.enum(['up', 'down']).openapi({ description: 'down: as if the cable were pulled out' }),
  ips: z.array(z.string()).openapi({ description: 'Addresses the network\'s DHCP server leased to this MAC (running VMs)' }),
  reserved_ip: z.string().nullable().openapi({ description: 'The fixed address the network keeps for this MAC (its DHCP hosts)' }),
  ...pending,
}).openapi('VmIface');
export type Iface = z.infer<typeof Iface>;
export const IfaceList = z.array(Iface).openapi('VmIfaceList');

export const NIC_TYPES = ['network', 'bridge', 'direct'] as const;
export const MACVTAP_MODES = ['vepa', 'bridge', 'private', 'passthrough'] as const;
const Mac = z.string().regex(/^[0-9a-fA-F][02468aceACE](:[0-9a-fA-F]{2}){5}$/).transform((m) => m.toLowerCase())
  .openapi({ example: '52:54:00:12:34:56', description: 'A unicast MAC address' });

/** Where a NIC plugs in: a virtual network, a host bridge, or a host NIC directly (macvtap). */
const nicSource = {
  network: ResourceName.optional().openapi({ example: 'default', description: 'type network: the virtual network' }),
  bridge: IfaceName.optional().openapi({ example: 'br0', description: 'type bridge: a host bridge' }),
  dev: IfaceName.optional().openapi({ example: 'eth0', description: 'type direct: the host NIC (macvtap)' }),
  mode: z.enum(MACVTAP_MODES).optional().openapi({ description: 'type direct: macvtap mode (default bridge)' }),
};

/** Each type takes exactly its own source field. */
function checkSource(d: { type?: string; network?: string; bridge?: string; dev?: string; mode?: string }, ctx: z.RefinementCtx): void {
  const own = { network: 'network', bridge: 'bridge', direct: 'dev' } as const;
  for (const [type, field] of Object.entries(own)) {
    const given = d[field as keyof typeof d] !== undefined;
    if (d.type === type && !given) ctx.addIssue({ code: 'custom', path: [field], message: `required for type ${type}`, params: { problem: 'problem.required' } });
    if (d.type !== type && given) ctx.addIssue({ code: 'custom', path: [field], message: `only for type ${type}` });
  }
  if (d.mode !== undefined && d.type !== 'direct') ctx.addIssue({ code: 'custom', path: ['mode'], message: 'only for type direct' });
}

export const IfaceCreate = z.strictObject({
  type: z.enum(NIC_TYPES),
  ...nicSource,
  model: z.enum(NIC_MODELS).optional().openapi({ description: 'NIC model (libvirt\'s default when absent)' }),
  mac: Mac.optional().openapi({ description: 'Default: a free 52:54:00:xx:xx:xx address' }),
}).superRefine(checkSource).openapi('VmIfaceCreate');
export type IfaceCreate = z.infer<typeof IfaceCreate>;

export const IfaceUpdate = z.strictObject({
  network: ResourceName.optional().openapi({ description: 'Move to this network, live and in the configuration' }),
  model: z.enum(NIC_MODELS).optional().openapi({ description: 'Saved configuration only: takes effect at the next boot' }),
  link: z.enum(['up', 'down']).optional().openapi({ description: 'Plug the cable in or pull it out: live where the VM runs, and saved' }),
  type: z.enum(NIC_TYPES).optional().openapi({ description: 'With its source field: re-plug a shut-off VM\'s NIC into a network, bridge or host NIC' }),
  bridge: nicSource.bridge,
  dev: nicSource.dev,
  mode: nicSource.mode,
}).superRefine((d, ctx) => { if (d.type !== undefined) checkSource(d, ctx); else if (d.bridge ?? d.dev ?? d.mode) ctx.addIssue({ code: 'custom', path: ['type'], message: 'give the type with bridge, dev or mode' }); })
  .openapi('VmIfaceUpdate');
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

const FolderTag = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,35}$/)
  .openapi({ example: 'shared', description: 'The mount tag the guest uses (`mount -t virtiofs shared /mnt`): 1–36 letters, digits, _ . -' });

export const Folder = z.object({
  source: z.string().openapi({ example: '/srv/share', description: 'The host directory' }),
  tag: z.string().openapi({ example: 'shared' }),
  readonly: z.boolean(),
  ...pending,
}).openapi('VmFolder');
export type Folder = z.infer<typeof Folder>;
export const FolderList = z.array(Folder).openapi('VmFolderList');

export const FolderCreate = z.strictObject({
  source: AbsPath.openapi({ example: '/srv/share', description: 'An existing host directory' }),
  tag: FolderTag,
  readonly: z.boolean().optional().openapi({
    description: 'The guest may only read it. Refused (400 KCHVMFS0006E) where libvirt has no read-only virtiofs '
      + '(libvirt 9.0 with QEMU\'s virtiofsd): mount it read-only in the guest instead',
  }),
}).openapi('VmFolderCreate');
export type FolderCreate = z.infer<typeof FolderCreate>;

export const FolderParams = VmParams.extend({ tag: FolderTag.openapi({ param: { name: 'tag', in: 'path' } }) });
