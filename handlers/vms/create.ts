// POST /vms: a new guest from a template or an install source — checks first, then volumes, domain, metadata, the
// optional template and start, as a Task that undoes itself.
import { getTemplate, insertTemplate, deleteTemplate, putVmMeta, deleteVmMeta } from '../../db/index.ts';
import { DomainUndefineFlags, ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { startTask } from '../common/task-runner.ts';
import type { Locale, MessageCode } from '../i18n/index.ts';
import type { Task } from '../tasks/schemas.ts';
import { poolName } from '../templates/refs.ts';
import type { TemplateSpec } from '../templates/schemas.ts';
import type { VmCreate } from './create-schemas.ts';
import { blueprint } from './create-source.ts';
import { domainType, domainXML, type NewDisk } from './domain-spec.ts';
import { isNameReserved, reserveVmName } from './lock.ts';
import { checkMachine, domainCaps, pickMachine, tpmModel } from './machine-offer.ts';
import { Rollback } from './rollback.ts';
import { activePool, assertSpace, GiB, parseVolumeXML, volumeExt, volumeNamer, volumeXML } from './volumes.ts';
import { hostOf, LOCAL_HOST } from '../common/hosts.ts';
import { assertTemplateFits } from '../hosts/template-fit.ts';
import { makeSeed, planSeed, withSeedMetadata, type SeedPlan } from './cloudinit.ts';
import { installXML, makeUnattended, planUnattended, withInstallMetadata, type MadeInstall, type UnattendedPlan } from './unattended.ts';

export { templateName } from './create-source.ts';

export const vmUri = (name: string) => `/plugins/kimchi/vms/${encodeURIComponent(name)}`;

/** `<base><infix>N` with the smallest N ≥ 1 that no domain has and no running task reserved; at most 100 characters. */
export function freeName(taken: Set<string>, base: string, infix: string, reserved: (n: string) => boolean = () => false): string {
  for (let n = 1; ; n++) {
    const suffix = `${infix}${n}`;
    const name = base.slice(0, 100 - suffix.length).trimEnd() + suffix;
    if (!taken.has(name) && !reserved(name)) return name;
  }
}

/** A disk as it will be made: a full volume, or a qcow2 overlay on a template's base image. */
interface PlannedDisk { pool: string; name: string; format: string; capacity: number; base?: { path: string; format: string } }

async function planDisks(conn: Connection, t: TemplateSpec, vm: string, poolOverride?: string): Promise<PlannedDisk[]> {
  const disks = [...t.disks].sort((a, b) => a.index - b.index);
  const planned: PlannedDisk[] = [];
  for (const [i, d] of disks.entries()) {
    const pool = poolOverride ?? d.pool.name;
    let capacity = Math.ceil(d.size * GiB);
    let base: PlannedDisk['base'];
    if (d.base) {
      const vol = await conn.storageVolLookupByPath(d.base).catch((e) => {
        if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL) throw new KimchiError(404, 'KCHTMPL0009E', { path: d.base!, index: d.index });
        throw e;
      });
      capacity = Math.max(capacity, (await conn.storageVolGetInfo(vol)).capacity);
      // A template's base is qcow2; a cloud image may be raw: the overlay names what libvirt says the backing is.
      base = { path: d.base, format: parseVolumeXML(await conn.storageVolGetXMLDesc(vol)).format ?? 'qcow2' };
    }
    const format = base ? 'qcow2' : d.format;
    planned.push({ pool, name: `${vm}-${i}`, format, capacity, ...(base ? { base } : {}) });
  }
  // Full volumes may fill up to their capacity; an overlay starts nearly empty, so only full ones count.
  const needed = new Map<string, number>();
  for (const d of planned) needed.set(d.pool, (needed.get(d.pool) ?? 0) + (d.base ? 0 : d.capacity));
  for (const [pool, bytes] of needed) assertSpace(pool, (await activePool(conn, pool)).available, bytes);
  // `<vm>-<n>.<ext>`, or the first free name after it, once each pool is known to be there and active.
  const freeName = volumeNamer(conn);
  for (const d of planned) d.name = await freeName(d.pool, d.name, volumeExt(d.format));
  return planned;
}

async function checkNetworks(conn: Connection, networks: string[]): Promise<void> {
  for (const network of networks) {
    await conn.networkLookupByName(network).catch((e) => {
      if (e instanceof LibvirtError && e.code === ErrorCode.NO_NETWORK) throw new KimchiError(404, 'KCHTMPL0005E', { network });
      throw e;
    });
  }
}

/** Validate everything that can be known up front (4xx before any change), then make the VM as a Task. */
export async function createVm(deps: Deps, locale: Locale, input: VmCreate): Promise<Task> {
  const conn = deps.libvirt.connection;
  const plan = await blueprint(conn, deps.db, input);
  const template = plan.spec;
  const poolOverride = input.storagepool === undefined ? undefined : poolName(input.storagepool);
  // A shared template on a registered host: 409 naming the pools and networks that host lacks (issue 14).
  if (plan.template !== undefined && hostOf(deps) !== LOCAL_HOST) await assertTemplateFits(conn, hostOf(deps), template, poolOverride);
  if (input.save_template !== undefined && getTemplate(deps.db, input.save_template)) {
    throw new KimchiError(409, 'KCHTMPL0001E', { name: input.save_template });
  }

  const taken = new Set((await conn.connectListAllDomains()).map((d) => d.name));
  const name = input.name ?? freeName(taken, plan.base, plan.infix, (n) => isNameReserved(deps.db, n));
  if (taken.has(name)) throw new KimchiError(409, 'KCHVMCR0001E', { name });
  const release = reserveVmName(deps.db, name, 'create');
  if (!release) throw new KimchiError(409, 'KCHVMCR0001E', { name });

  let disks: PlannedDisk[], type: string, tpm: string, seed: SeedPlan | undefined, ua: UnattendedPlan | undefined;
  try {
    type = input.accelerator === 'tcg' ? 'qemu' : domainType(await conn.connectGetCapabilities());
    // Firmware, TPM and CPU against what the host offers this hypervisor type: 400 before anything is made.
    const caps = await domainCaps(conn, type);
    checkMachine(pickMachine(template), caps);
    tpm = tpmModel(caps);
    await checkNetworks(conn, template.networks);
    disks = await planDisks(conn, template, name, poolOverride);
    // The seed goes to the first disk's pool; keys, user-data and the password are checked (400) before anything is made.
    if (input.cloud_init) seed = await planSeed(conn, input.cloud_init, name, disks[0].pool);
    // The OS's script, the fields it needs and the rendering: 4xx (or a render failure) before anything is made.
    if (input.unattended) ua = await planUnattended(conn, input, template, name, disks[0]?.pool ?? poolOverride ?? 'default');
  } catch (e) {
    release();
    throw e;
  }
  const graphics = {
    type: input.graphics === undefined ? template.graphics.type : input.graphics.type,
    listen: input.graphics?.listen ?? template.graphics.listen ?? '127.0.0.1',
  };
  const saved = input.save_template === undefined ? undefined : { ...template, name: input.save_template };

  return startTask(deps, locale, vmUri(name), async (task) => {
    const undo = new Rollback(deps.logger, { task: task.id, vm: name }, { db: deps.db, taskId: task.id });
    let step: MessageCode = 'step.volume';
    let volume = '';
    try {
      // An imported image is the first disk as it is: nothing to make, nothing to undo.
      const made: NewDisk[] = plan.imported ? [plan.imported] : [];
      for (const d of disks) {
        volume = d.name;
        task.progress(`creating disk ${d.name} in pool ${d.pool}`);
        const pool = await conn.storagePoolLookupByName(d.pool);
        // Journaled before libvirt makes it (preallocation can take a while): a kill leaves the intent, not an orphan.
        const vol = await undo.make(`delete volume ${d.pool}/${d.name}`, { kind: 'volume', pool: d.pool, name: d.name },
          () => conn.storageVolCreateXML(pool, volumeXML({ name: d.name, capacityBytes: d.capacity, format: d.format, backing: d.base })),
          (made) => conn.storageVolDelete(made));
        made.push({ path: await conn.storageVolGetPath(vol), format: d.format });
      }
      let seedPath: string | undefined;
      if (seed) {
        step = 'step.seed';
        volume = seed.name;
        task.progress(`writing the cloud-init seed ${seed.name} in pool ${seed.pool}`);
        seedPath = await makeSeed(conn, undo, seed);
      }
      let install: MadeInstall | undefined;
      if (ua) {
        step = 'step.unattended';
        volume = ua.volumes.map((v) => v.name).join(', ');
        task.progress(`writing the unattended install ${volume} in pool ${ua.pool}`);
        install = await makeUnattended(conn, undo, ua);
      }
      step = 'step.define';
      task.progress('defining the virtual machine');
      const spec = seedPath ? { ...template, cdrom: seedPath } : template;
      const xml = domainXML({ name, type, template: spec, disks: made, graphics, title: input.title, description: input.description, tpmModel: tpm });
      let finalXml = seedPath ? withSeedMetadata(xml, seedPath) : xml;
      if (install) finalXml = withInstallMetadata(finalXml, install);
      const dom = await conn.domainDefineXML(finalXml);
      // A start that failed may already have made the UEFI variables file and the TPM state: they go with it.
      // Only flags that apply: a libvirt (or driver) without NVRAM support refuses the flag itself.
      const leftovers = (template.firmware === 'uefi' ? DomainUndefineFlags.NVRAM : 0) | (template.tpm ? DomainUndefineFlags.TPM : 0);
      undo.push(`undefine ${name}`, () => conn.domainUndefine(dom, leftovers), { kind: 'domain', uuid: dom.uuid });
      step = 'step.meta';
      putVmMeta(deps.db, dom.uuid, { template: plan.template ?? saved?.name ?? null, icon: template.icon ?? null }, hostOf(deps));
      undo.push(`delete metadata of ${dom.uuid}`, () => deleteVmMeta(deps.db, dom.uuid, hostOf(deps)), { kind: 'vm_meta', uuid: dom.uuid });
      if (saved) {
        step = 'step.template';
        if (!insertTemplate(deps.db, saved.name, saved)) throw new KimchiError(409, 'KCHTMPL0001E', { name: saved.name });
        undo.push(`delete template ${saved.name}`, () => deleteTemplate(deps.db, saved.name), { kind: 'template', name: saved.name });
      }
      if (ua && install) {
        // The install run: same name and uuid, the installer booted; the persistent definition stays the final one.
        step = 'step.vmstart';
        task.progress('starting the installer');
        await conn.domainCreateXML(installXML(finalXml, dom.uuid, install, ua.cmdline));
      } else if (input.start) {
        step = 'step.vmstart';
        task.progress('starting the virtual machine');
        await conn.domainCreate(dom);
      }
      undo.commit();
      return 'OK';
    } catch (e) {
      await undo.run();
      if (e instanceof LibvirtError) throw new KimchiError(500, 'KCHVMCR0007E', { name, step: { t: step }, volume, detail: e.message }, { cause: e });
      throw e;
    } finally {
      release();
    }
  });
}
