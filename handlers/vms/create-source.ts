// What POST /vms builds from: a stored template, or an install source (an ISO osinfo-db recognises, or a disk image
// used in place) turned into the same in-memory template spec — then the request's sizing and networks on top.
import { basename } from 'node:path';
import { getTemplate, type Db } from '../../db/index.ts';
import type { Connection } from '../../libvirt/index.ts';
import { KimchiError } from '../common/errors.ts';
import { buildSpec } from '../templates/build.ts';
import { readAt } from '../templates/osinfo/iso9660.ts';
import { withImage } from '../templates/osinfo/medium.ts';
import { poolUri } from '../templates/refs.ts';
import type { TemplateSpec } from '../templates/schemas.ts';
import type { VmCreate } from './create-schemas.ts';
import { assertSeedFits, cloudSpec } from './cloudinit.ts';
import { othersUsage } from './deletion-plan.ts';
import { pickMachine } from './machine-offer.ts';

export interface Blueprint {
  spec: TemplateSpec;
  /** The stored template it came from (recorded in the VM's metadata). */
  template?: string;
  /** Default VM names are `<base><infix>N`. */
  base: string;
  infix: string;
  /** A disk image the guest uses in place, as its first disk. */
  imported?: { path: string; format: 'qcow2' | 'raw' };
}

const TEMPLATE_REF = /^\/(?:plugins\/kimchi|api)\/templates\/([^/]+)$/;

/** The template name in `/plugins/kimchi/templates/<name>` (or `/api/…`); 400 KCHVMCR0002E otherwise. */
export function templateName(ref: string): string {
  const m = TEMPLATE_REF.exec(ref);
  let name: string | undefined;
  try { name = m ? decodeURIComponent(m[1]) : undefined; } catch { name = undefined; }
  if (!name) throw new KimchiError(400, 'KCHVMCR0002E', { ref });
  return name;
}

const QCOW2_MAGIC = Buffer.from([0x51, 0x46, 0x49, 0xfb]);

/** "fedora37" from an OS, "debian12" from debian12.qcow2; "guest" when nothing usable is left. */
export function nameBase(raw: string): string {
  const s = raw.toLowerCase().replace(/[^a-z0-9._-]+/g, '').replace(/\.{2,}/g, '.').replace(/^[.-]+|[.-]+$/g, '').slice(0, 60);
  return s || 'guest';
}

export const osNameBase = (distro: string, version: string) =>
  nameBase(distro === 'unknown' ? '' : `${distro}${version === 'unknown' ? '' : version}`);

/**
 * The image's format from its first bytes (qcow2's magic, else raw); 404 when it cannot be read. Read like every
 * medium (osinfo/medium.ts): a regular file or block device only, opened without blocking, within a time limit.
 */
async function imageFormat(path: string): Promise<'qcow2' | 'raw'> {
  try {
    const head = await withImage(path, (fh) => readAt(fh, 0, 4));
    return head.equals(QCOW2_MAGIC) ? 'qcow2' : 'raw';
  } catch (e) {
    throw new KimchiError(404, 'KCHVMCR0015E', { path }, { cause: e });
  }
}

/** The request's memory, vCPUs, first disk size and networks over a spec (a copy; the stored template is untouched). */
export function applySizing(spec: TemplateSpec, input: VmCreate): TemplateSpec {
  const s: TemplateSpec = structuredClone(spec);
  // A template with headroom (maximum above current, for hot-plug) keeps it; otherwise the maximum follows.
  if (input.memory !== undefined) {
    const room = s.memory.maxmemory > s.memory.current;
    s.memory = { current: input.memory, maxmemory: room ? Math.max(input.memory, s.memory.maxmemory) : input.memory };
  }
  if (input.cpus !== undefined) {
    const room = s.cpu_info.maxvcpus > s.cpu_info.vcpus;
    const maxvcpus = room ? Math.max(input.cpus, s.cpu_info.maxvcpus) : input.cpus;
    const topo = s.cpu_info.topology;
    const keep = topo && topo.sockets * topo.cores * topo.threads === maxvcpus;
    s.cpu_info = { vcpus: input.cpus, maxvcpus, ...(keep ? { topology: topo } : {}) };
  }
  if (input.disk_size !== undefined && s.disks[0]) s.disks[0].size = input.disk_size;
  if (input.networks !== undefined) s.networks = [...input.networks];
  // The request's firmware, TPM and CPU settings replace the template's, field by field.
  Object.assign(s, pickMachine(input));
  if (input.cpu_mode !== undefined && input.cpu_mode !== 'custom' && input.cpu_model === undefined) delete s.cpu_model;
  if (input.firmware === 'bios') delete s.secure_boot;
  return s;
}

export async function blueprint(conn: Connection, db: Db, input: VmCreate): Promise<Blueprint> {
  if (input.template !== undefined) {
    const name = templateName(input.template);
    const stored = getTemplate<TemplateSpec>(db, name);
    if (!stored) throw new KimchiError(404, 'KCHTMPL0002E', { name });
    const spec = applySizing(stored, input);
    if (input.cloud_init) assertSeedFits(spec);
    return { spec, template: name, base: name, infix: '-vm-' };
  }
  const source = input.source!;
  const common = {
    name: input.save_template ?? 'new-guest',
    storagepool: input.storagepool ?? poolUri('default'),
    ...(input.graphics ? { graphics: input.graphics } : {}),
  };
  if (input.cloud_init && source.type !== 'cloud') throw new KimchiError(400, 'KCHCI0007E');
  if (source.type === 'cloud') {
    const spec = await cloudSpec(conn, source.path, input.disk_size, common);
    const base = nameBase(basename(source.path).replace(/\.[^.]*$/, ''));
    return { spec: applySizing(spec, { ...input, disk_size: undefined }), base, infix: '-' };
  }
  if (source.type === 'iso') {
    // buildSpec detects the OS (400 KCHTMPL0003E when the file is not a readable ISO) and fills osinfo's recommendations.
    const spec = await buildSpec({ ...common, cdrom: source.path });
    return { spec: applySizing(spec, input), base: osNameBase(spec.os_distro, spec.os_version), infix: '-' };
  }
  if (input.save_template !== undefined) throw new KimchiError(400, 'KCHVMCR0017E', { path: source.path });
  const format = await imageFormat(source.path);
  const users = (await othersUsage(conn)).get(source.path);
  if (users?.size) throw new KimchiError(409, 'KCHVMCR0016E', { path: source.path, vms: [...users].sort().join(', ') });
  const spec = await buildSpec({ ...common, disks: [] });
  const base = nameBase(basename(source.path).replace(/\.[^.]*$/, ''));
  return { spec: applySizing(spec, input), base, infix: '-', imported: { path: source.path, format } };
}
