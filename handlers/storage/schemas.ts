// Zod schemas of the storage resources (Kimchi's /storagepools, /storagevolumes, /storageservers): views and inputs.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';

export const POOL_TYPES = ['dir', 'netfs', 'iscsi', 'logical', 'scsi', 'disk'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

/** An absolute host path without "..", control characters or a trailing NUL trick. */
export const HostPath = z.string().min(1).max(4096).startsWith('/')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s) && !s.split('/').includes('..'), { message: 'no ".." or control characters' })
  .openapi({ example: '/var/lib/libvirt/images' });

/** A host name or an IPv4/IPv6 address. */
export const HostName = z.string().min(1).max(253)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/)
  .openapi({ example: 'nfs.example.com' });

const Iqn = z.string().max(223).regex(/^(?:iqn\.\d{4}-\d{2}\.[^\s/]+|eui\.[0-9A-Fa-f]{16}|naa\.[0-9A-Fa-f]{16,32})$/)
  .openapi({ example: 'iqn.2024-01.com.example:storage.disk1' });

export const PoolSource = z.object({
  addr: z.string().optional().openapi({ description: 'Server of a netfs or iscsi pool' }),
  port: z.int().optional(),
  path: z.string().optional().openapi({ description: 'Export path of a netfs pool' }),
  target: z.string().optional().openapi({ description: 'Target IQN of an iscsi pool' }),
  devices: z.array(z.string()).optional().openapi({ description: 'Devices of a logical or disk pool' }),
  name: z.string().optional().openapi({ description: 'Volume group of a logical pool' }),
  adapter_type: z.string().optional(),
  adapter_name: z.string().optional(),
  wwnn: z.string().optional(),
  wwpn: z.string().optional(),
  format: z.string().optional(),
  auth: z.object({ username: z.string() }).optional().openapi({ description: 'iscsi: the CHAP user (the password stays in a libvirt secret)' }),
}).openapi('StoragePoolSource');

export const StoragePool = z.object({
  name: z.string(),
  type: z.string(),
  state: z.enum(['active', 'inactive']),
  capacity: z.number().openapi({ description: 'Bytes' }),
  allocated: z.number().openapi({ description: 'Bytes' }),
  available: z.number().openapi({ description: 'Bytes' }),
  nr_volumes: z.int().openapi({ description: '0 for inactive pools' }),
  autostart: z.boolean(),
  persistent: z.boolean(),
  path: z.string(),
  source: PoolSource,
}).openapi('StoragePool');
export type StoragePool = z.infer<typeof StoragePool>;

const Wwn = z.string().regex(/^(?:0x)?[0-9A-Fa-f]{16}$/);

export const PoolInput = z.strictObject({
  name: ResourceName,
  type: z.enum(POOL_TYPES),
  path: HostPath.optional().openapi({ description: 'Target path (dir: the folder; netfs: the mount point)' }),
  source: z.strictObject({
    host: HostName.optional().openapi({ description: 'netfs, iscsi: the server' }),
    path: HostPath.optional().openapi({ description: 'netfs: the export path' }),
    devices: z.array(HostPath).min(1).max(32).optional().openapi({ description: 'logical: physical volumes; disk: the one disk' }),
    name: ResourceName.optional().openapi({ description: 'logical: the volume group (default: the pool name)' }),
    target: Iqn.optional().openapi({ description: 'iscsi: the target IQN' }),
    port: z.int().min(1).max(65535).optional(),
    adapter_type: z.enum(['scsi_host', 'fc_host']).optional(),
    adapter_name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).optional().openapi({ example: 'host0' }),
    parent: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).optional(),
    wwnn: Wwn.optional(),
    wwpn: Wwn.optional(),
    format: z.enum(['auto', 'nfs', 'glusterfs', 'cifs', 'dos', 'gpt', 'mac', 'bsd', 'sun', 'lvm2', 'dvh', 'pc98', 'amiga', 'atari']).optional(),
    auth: z.strictObject({
      // eslint-disable-next-line no-control-regex
      username: z.string().min(1).max(255).regex(/^[^\u0000-\u001f\u007f]+$/),
      password: z.string().min(1).max(1024),
    }).optional().openapi({ description: 'iscsi: CHAP credentials; the password goes into a libvirt secret, never into the pool XML' }),
  }).optional(),
}).openapi('StoragePoolInput');
export type PoolInput = z.infer<typeof PoolInput>;

export const PoolUpdate = z.strictObject({ autostart: z.boolean() }).openapi('StoragePoolUpdate');

/** A volume name: the shared name rule plus no hidden files. */
export const VolumeName = ResourceName.refine((s) => !s.startsWith('.'), { message: 'no leading "."' });

export const StorageVolume = z.object({
  name: z.string(),
  path: z.string(),
  type: z.string(),
  capacity: z.number().openapi({ description: 'Bytes' }),
  allocation: z.number().openapi({ description: 'Bytes' }),
  format: z.string(),
  used_by: z.array(z.string()).openapi({ description: 'Names of the VMs whose disks use this volume' }),
  ref_cnt: z.int(),
  isvalid: z.boolean(),
  bootable: z.boolean().optional(),
  os_distro: z.string().optional(),
  os_version: z.string().optional(),
}).openapi('StorageVolume');
export type StorageVolume = z.infer<typeof StorageVolume>;

export const VOLUME_FORMATS = ['raw', 'qcow2', 'qed', 'vmdk', 'vpc', 'vdi', 'iso', 'bochs', 'cloop', 'dmg'] as const;

export const VolumeInput = z.strictObject({
  name: ResourceName,
  capacity: z.int().min(1).max(2 ** 52).openapi({ description: 'Bytes (for an upload: the exact size of the file)' }),
  format: z.enum(VOLUME_FORMATS).optional().openapi({ description: 'Default raw (qcow2 for a new empty disk is common)' }),
  upload: z.boolean().optional().openapi({ description: 'true: the content follows with PUT …/storagevolumes/{name}/content' }),
}).openapi('StorageVolumeInput');
export type VolumeInput = z.infer<typeof VolumeInput>;

export const VolumeResize = z.strictObject({ size: z.int().min(1).max(2 ** 52).openapi({ description: 'New capacity in bytes' }) });
export const VolumeClone = z.strictObject({
  name: VolumeName.optional().openapi({ description: 'Default: <name>-clone' }),
  pool: ResourceName.optional().openapi({ description: 'Default: the same pool' }),
});

export const StorageTarget = z.object({
  host: z.string(),
  target_type: z.string().openapi({ example: 'nfs' }),
  target: z.string().openapi({ description: 'Export path (netfs) or IQN (iscsi)' }),
  port: z.int().optional(),
}).openapi('StorageTarget');

export const PoolParams = z.strictObject({ name: ResourceName.openapi({ param: { name: 'name', in: 'path' } }) });
export const VolParams = z.strictObject({
  pool: ResourceName.openapi({ param: { name: 'pool', in: 'path' } }),
  name: ResourceName.openapi({ param: { name: 'name', in: 'path' } }),
});
export const PoolOfVolParams = z.strictObject({ pool: ResourceName.openapi({ param: { name: 'pool', in: 'path' } }) });
