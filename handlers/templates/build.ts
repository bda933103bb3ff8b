// Turns what a user sent into a complete template spec: OS detection, osinfo recommendations, Kimchi's defaults, checks.
import type { Connection } from '../../libvirt/index.ts';
import { ErrorCode, LibvirtError } from '../../libvirt/index.ts';
import { KimchiError } from '../common/errors.ts';
import { detectIso, GENERIC, osDefaults, type OsInfo } from './osinfo/index.ts';
import { poolName, poolUri } from './refs.ts';
import type { TemplateInput, TemplateSpec } from './schemas.ts';
import { pickMachine } from '../vms/machine-offer.ts';

type TemplateDisk = NonNullable<TemplateInput['disks']>[number];

async function osFor(input: TemplateInput): Promise<OsInfo> {
  if (input.cdrom) {
    try {
      const found = await detectIso(input.cdrom);
      if (input.os_distro || input.os_version) {
        const named = await osDefaults(input.os_distro ?? found.distro, input.os_version ?? found.version);
        return { ...named, distro: input.os_distro ?? found.distro, version: input.os_version ?? found.version };
      }
      return found;
    } catch (e) {
      throw new KimchiError(400, 'KCHTMPL0003E', { path: input.cdrom, detail: (e as Error).message }, { cause: e });
    }
  }
  if (!input.os_distro) return { ...GENERIC, version: input.os_version ?? GENERIC.version };
  const named = await osDefaults(input.os_distro, input.os_version ?? 'unknown');
  return { ...named, distro: input.os_distro, version: input.os_version ?? named.version };
}

function checkNumbers(spec: TemplateSpec): void {
  const { vcpus, maxvcpus, topology } = spec.cpu_info;
  // libvirt requires sockets × cores × threads to equal the maximum vCPU count.
  if (topology) {
    const product = topology.sockets * topology.cores * topology.threads;
    if (product !== maxvcpus) throw new KimchiError(400, 'KCHTMPL0006E', { product, vcpus: maxvcpus, ...topology });
  }
  if (maxvcpus < vcpus) throw new KimchiError(400, 'KCHTMPL0007E', { field: 'cpu_info.maxvcpus', max: maxvcpus, current: vcpus });
  const { current, maxmemory } = spec.memory;
  if (maxmemory < current) throw new KimchiError(400, 'KCHTMPL0007E', { field: 'memory.maxmemory', max: maxmemory, current });
}

/** Complete `input` (a new template, or an old spec merged with an update) into a spec. */
export async function buildSpec(input: TemplateInput, previous?: TemplateSpec): Promise<TemplateSpec> {
  const redetect = !previous || input.cdrom !== previous.cdrom || input.os_distro !== previous.os_distro || input.os_version !== previous.os_version;
  const os = redetect ? await osFor(input) : undefined;
  const topology = input.cpu_info?.topology;
  const product = topology ? topology.sockets * topology.cores * topology.threads : undefined;
  const vcpus = input.cpu_info?.vcpus ?? product ?? 1;
  const memory = input.memory?.current ?? os?.memoryMiB ?? previous?.memory.current ?? 1024;
  const storagepool = input.storagepool ?? poolUri('default');
  const pool = poolName(storagepool);
  const spec: TemplateSpec = {
    name: input.name,
    os_distro: os?.distro ?? previous!.os_distro,
    os_version: os?.version ?? previous!.os_version,
    memory: { current: memory, maxmemory: input.memory?.maxmemory ?? memory },
    cpu_info: { vcpus, maxvcpus: input.cpu_info?.maxvcpus ?? product ?? vcpus, ...(topology ? { topology } : {}) },
    ...(input.cdrom ? { cdrom: input.cdrom } : {}),
    storagepool,
    disks: (input.disks ?? [{ size: os?.diskGiB ?? previous?.disks[0]?.size ?? 10 } as TemplateDisk]).map((d, i) => ({
      index: d.index ?? i, size: d.size, pool: { name: d.pool?.name ?? pool }, format: d.format ?? 'qcow2',
      ...(d.base ? { base: d.base } : {}),
    })),
    networks: input.networks ?? ['default'],
    graphics: { type: input.graphics?.type === undefined ? 'vnc' : input.graphics.type, listen: input.graphics?.listen ?? '127.0.0.1' },
    ...(input.icon ? { icon: input.icon } : {}),
    folder: input.folder ?? [],
    disk_bus: input.disk_bus ?? os?.diskBus ?? previous?.disk_bus ?? 'virtio',
    nic_model: input.nic_model ?? os?.nicModel ?? previous?.nic_model ?? 'virtio',
    ...(input.netboot ? { netboot: true } : {}),
    ...pickMachine(input),
  };
  checkNumbers(spec);
  return spec;
}

/** The pools and networks a new or changed template names must exist now (a template may go invalid later). */
export async function checkReferences(conn: Connection, spec: TemplateSpec): Promise<void> {
  const pools = [...new Set([poolName(spec.storagepool), ...spec.disks.map((d) => d.pool.name)])];
  await Promise.all([
    ...pools.map((pool) => conn.storagePoolLookupByName(pool).catch((e) => {
      if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_POOL) throw new KimchiError(404, 'KCHTMPL0004E', { pool });
      throw e;
    })),
    ...spec.networks.map((network) => conn.networkLookupByName(network).catch((e) => {
      if (e instanceof LibvirtError && e.code === ErrorCode.NO_NETWORK) throw new KimchiError(404, 'KCHTMPL0005E', { network });
      throw e;
    })),
  ]);
}
