// A pool creation request (Kimchi's fields) as a libvirt StoragePoolSpec, refusing what the type needs but lacks.
import type { ScsiAdapter, StoragePoolSpec } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import type { PoolInput } from './schemas.ts';

function need<T>(v: T | undefined, type: string, field: string): T {
  if (v === undefined) throw new KimchiError(400, 'KCHPOOL0006E', { type, field });
  return v;
}

/** Where libvirt mounts or creates a pool whose target path the caller did not give. */
export const DEFAULT_MOUNT_ROOT = '/var/lib/kimchi/nfs_mount';

/** Prefix of the usage ID of the CHAP secrets this server makes (only those are removed with their pool). */
export const CHAP_USAGE_PREFIX = 'kimchi-iscsi-';
export const chapUsage = (pool: string) => `${CHAP_USAGE_PREFIX}${pool}`;

export function poolSpec(input: PoolInput): StoragePoolSpec {
  const { name, type } = input;
  const src = input.source ?? {};
  if (src.auth && type !== 'iscsi') throw new KimchiError(400, 'KCHPOOL0012E', { type });
  switch (type) {
    case 'dir':
      return { type, name, targetPath: need(input.path, type, 'path') };
    case 'netfs':
      return {
        type, name, host: need(src.host, type, 'source.host'), sourcePath: need(src.path, type, 'source.path'),
        targetPath: input.path ?? `${DEFAULT_MOUNT_ROOT}/${name}`, format: src.format,
      };
    case 'logical':
      return { type, name, sourceName: src.name ?? name, devices: src.devices, targetPath: input.path };
    case 'iscsi':
      return {
        type, name, host: need(src.host, type, 'source.host'), port: src.port, iqn: need(src.target, type, 'source.target'),
        auth: src.auth ? { username: src.auth.username, secretUsage: chapUsage(name) } : undefined,
      };
    case 'scsi': {
      const adapterType = src.adapter_type ?? 'scsi_host';
      const adapter: ScsiAdapter = adapterType === 'scsi_host'
        ? { type: 'scsi_host', name: need(src.adapter_name, type, 'source.adapter_name') }
        : { type: 'fc_host', name: src.adapter_name, parent: src.parent, wwnn: need(src.wwnn, type, 'source.wwnn'), wwpn: need(src.wwpn, type, 'source.wwpn') };
      return { type, name, adapter };
    }
    case 'disk': {
      const devices = need(src.devices, type, 'source.devices');
      return { type, name, device: devices[0], format: src.format ?? 'gpt' };
    }
  }
}

/** Types whose pool needs storagePoolBuild before it can start (folder, mount point, volume group, label). */
export function needsBuild(input: PoolInput): boolean {
  if (input.type === 'logical') return (input.source?.devices?.length ?? 0) > 0;
  return input.type === 'dir' || input.type === 'netfs' || input.type === 'disk';
}
