// POST /vms/:name/template: a template from a shut-off VM — its disk becomes a read-only base, the VM runs on an overlay.
import { deleteTemplate, getTemplate, getVmMeta, insertTemplate } from '../../db/index.ts';
import { DomainXMLFlags, LibvirtError, type Connection, type Domain, type StorageVol } from '../../libvirt/index.ts';
import { attr, child, parseDomainXML, parseMachine, parseXml, updateDomainXML, type DomainModel } from '../../libvirt/xml/index.ts';
import type { MachineSettings } from '../vms/machine-schemas.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { startTask } from '../common/task-runner.ts';
import type { Locale, MessageCode } from '../i18n/index.ts';
import type { Task } from '../tasks/schemas.ts';
import { assertShutOff, shutOffVm } from '../vms/clone.ts';
import { takeVmLock } from '../vms/lock.ts';
import { othersUsage, templateBases } from '../vms/deletion-plan.ts';
import { Rollback } from '../vms/rollback.ts';
import { activePool, assertSpace, diskPath, GiB, pointDiskAt, volumeNamer, volumeOfDisk, volumeXML } from '../vms/volumes.ts';
import { poolUri } from './refs.ts';
import { DISK_BUSES, NIC_MODELS, TemplateSpec } from './schemas.ts';
import { hostOf } from '../common/hosts.ts';

export const templateUri = (name: string) => `/plugins/kimchi/templates/${encodeURIComponent(name)}`;
const oneOf = <T extends string>(list: readonly T[], v: string | undefined, fallback: T): T => (list as readonly string[]).includes(v ?? '') ? v as T : fallback;

/** The template a VM describes: its memory, vCPUs, topology, networks, graphics, buses, firmware, and `disk` as its base. */
export function specFromVm(
  name: string, xml: string, m: DomainModel, disk: { size: number; pool: string; base: string },
  from: { os_distro?: string; os_version?: string; icon?: string | null } = {},
): TemplateSpec {
  const cpu = child(parseXml(xml).root, 'cpu');
  const topo = child(cpu, 'topology');
  const vcpus = m.currentVcpu ?? m.vcpu;
  const topology = topo && { sockets: Number(attr(topo, 'sockets')), cores: Number(attr(topo, 'cores')), threads: Number(attr(topo, 'threads')) };
  const disk0 = m.devices.disks.find((d) => d.device === 'disk');
  const cdrom = m.devices.disks.find((d) => d.device === 'cdrom' && d.source?.file)?.source?.file;
  const g = m.devices.graphics.find((x) => x.type === 'vnc' || x.type === 'spice');
  return TemplateSpec.parse({
    name,
    os_distro: from.os_distro ?? 'unknown',
    os_version: from.os_version ?? 'unknown',
    memory: { current: Math.floor((m.currentMemory ?? m.memory) / 1024), maxmemory: Math.floor(m.memory / 1024) },
    cpu_info: {
      vcpus, maxvcpus: m.vcpu,
      // libvirt's rule (and the template's): sockets × cores × threads equals the maximum vCPU count.
      ...(topology && topology.sockets * topology.cores * topology.threads === m.vcpu ? { topology } : {}),
    },
    ...(cdrom ? { cdrom } : {}),
    storagepool: poolUri(disk.pool),
    disks: [{ index: 0, size: disk.size, pool: { name: disk.pool }, format: 'qcow2', base: disk.base }],
    networks: m.devices.interfaces.filter((i) => i.type === 'network' && i.source?.network).map((i) => i.source!.network!),
    graphics: { type: (g?.type as 'vnc' | 'spice' | undefined) ?? null, listen: g?.listen ?? '127.0.0.1' },
    ...(from.icon ? { icon: from.icon } : {}),
    folder: [],
    disk_bus: oneOf(DISK_BUSES, disk0?.target.bus, 'virtio'),
    nic_model: oneOf(NIC_MODELS, m.devices.interfaces[0]?.model, 'virtio'),
    ...machineOf(xml),
  });
}

/** The VM's firmware, Secure Boot, TPM and (a chosen) CPU mode, so its template's guests boot the same way. */
function machineOf(xml: string): MachineSettings {
  const mm = parseMachine(parseXml(xml).root);
  const s: MachineSettings = {};
  if (mm.firmware === 'efi') Object.assign(s, { firmware: 'uefi', secure_boot: mm.secureBoot });
  if (mm.tpm?.backend === 'emulator') s.tpm = true;
  // Not a custom model: libvirt writes its own default (qemu64) out as one, which would pin every new guest to it.
  if (mm.cpu?.mode === 'host-passthrough' || mm.cpu?.mode === 'host-model') s.cpu_mode = mm.cpu.mode;
  return s;
}

/**
 * After success the VM's former disk is a duplicate of the base: remove it unless another domain reaches it (as a
 * disk or a backing file, live or saved) or a template is built on it.
 */
async function dropFormerDisk(conn: Connection, deps: Deps, path: string, vm: Domain): Promise<void> {
  try {
    if ((await othersUsage(conn, vm)).has(path) || templateBases(deps.db).has(path)) return;
    await conn.storageVolDelete(await conn.storageVolLookupByPath(path));
  } catch (err) {
    deps.logger?.warn({ err, path }, 'the former disk of a VM turned template was kept');
  }
}

export async function templateFromVm(deps: Deps, locale: Locale, vm: string, name: string): Promise<Task> {
  const conn = deps.libvirt.connection;
  const dom = await shutOffVm(conn, vm);
  if (getTemplate(deps.db, name)) throw new KimchiError(409, 'KCHTMPL0001E', { name });
  if ((await conn.domainListAllSnapshots(dom)).length) throw new KimchiError(409, 'KCHVMCR0014E', { name: vm });
  const unlock = takeVmLock(deps.db, dom.uuid, vm, 'template');
  let xml: string, index: number, source: StorageVol, info: { capacity: number; allocation: number }, pool: string;
  let baseName: string, overlayName: string;
  try {
    await assertShutOff(conn, dom, vm); // again, under the lock: a start may have slipped in before it
    xml = await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE | DomainXMLFlags.SECURE);
    const disks = parseDomainXML(xml).devices.disks;
    index = disks.findIndex((d) => d.device === 'disk' && d.source);
    if (index < 0) throw new KimchiError(409, 'KCHVMCR0010E', { name: vm });
    source = await volumeOfDisk(conn, disks[index], vm);
    info = await conn.storageVolGetInfo(source);
    pool = source.pool;
    assertSpace(pool, (await activePool(conn, pool)).available, info.allocation);
    // `<template>-base.qcow2` and `<vm>-<template>.qcow2`, or the first free names after them.
    const freeName = volumeNamer(conn);
    baseName = await freeName(pool, `${name}-base`, 'qcow2');
    overlayName = await freeName(pool, `${vm}-${name}`, 'qcow2');
  } catch (e) {
    unlock();
    throw e;
  }
  const meta = getVmMeta(deps.db, dom.uuid, hostOf(deps));
  const from = meta?.template ? getTemplate<TemplateSpec>(deps.db, meta.template) : undefined;

  return startTask(deps, locale, templateUri(name), async (task) => {
    const undo = new Rollback(deps.logger, { task: task.id, vm, template: name }, { db: deps.db, taskId: task.id });
    let step: MessageCode = 'step.base';
    let volume = baseName;
    try {
      const p = await conn.storagePoolLookupByName(pool);
      task.progress(`copying the disk of ${vm} to the base image ${volume}`);
      // libvirt applies <permissions><mode> when it writes the file (dir, fs and netfs pools), so the base is
      // read-only (0444) from its first byte without a host-side chmod (which a remote libvirtd would not allow);
      // pools without files (logical, iscsi) ignore the mode. Journaled before the copy starts, as a kill may cut it.
      const base = await undo.make(`delete base ${pool}/${volume}`, { kind: 'volume', pool, name: volume },
        () => conn.storageVolCreateXMLFrom(p, volumeXML({ name: baseName, capacityBytes: info.capacity, format: 'qcow2', mode: '0444' }), source),
        (made) => conn.storageVolDelete(made));
      const basePath = await conn.storageVolGetPath(base);

      step = 'step.overlay';
      volume = overlayName;
      task.progress(`creating the overlay ${volume}`);
      const overlay = await undo.make(`delete overlay ${pool}/${volume}`, { kind: 'volume', pool, name: volume },
        () => conn.storageVolCreateXML(p, volumeXML({ name: overlayName, capacityBytes: info.capacity, format: 'qcow2', backing: { path: basePath, format: 'qcow2' } })),
        (made) => conn.storageVolDelete(made));
      const overlayPath = await conn.storageVolGetPath(overlay);

      step = 'step.switch';
      task.progress(`switching ${vm} to the overlay`);
      const switched = updateDomainXML(xml, (m) => {
        const d = m.devices.disks[index];
        pointDiskAt(d, overlay, overlayPath);
        d.driver = { ...d.driver, name: d.driver?.name ?? 'qemu', type: 'qcow2' };
      });
      await conn.domainDefineXML(switched);
      undo.push(`restore the definition of ${vm}`, () => conn.domainDefineXML(xml), { kind: 'redefine', xml });

      step = 'step.template';
      const spec = specFromVm(name, xml, parseDomainXML(xml), { size: info.capacity / GiB, pool, base: basePath },
        { os_distro: from?.os_distro, os_version: from?.os_version, icon: meta?.icon ?? from?.icon });
      if (!insertTemplate(deps.db, name, spec)) throw new KimchiError(409, 'KCHTMPL0001E', { name });
      undo.push(`delete template ${name}`, () => deleteTemplate(deps.db, name), { kind: 'template', name });
      undo.commit();
      const former = diskPath(parseDomainXML(xml).devices.disks[index]);
      if (former) await dropFormerDisk(conn, deps, former, dom);
      return 'OK';
    } catch (e) {
      await undo.run();
      if (e instanceof LibvirtError) throw new KimchiError(500, 'KCHVMCR0009E', { name: vm, template: name, step: { t: step }, volume, detail: e.message }, { cause: e });
      throw e;
    } finally {
      unlock();
    }
  });
}
