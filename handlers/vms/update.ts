// PUT /vms/:name: validate the whole change first, then persistent config (XML edit + define), rename, autostart, live tweaks.
import { putVmMeta } from '../../db/index.ts';
import { DomainAffect, DomainState, DomainXMLFlags, ErrorCode, LibvirtError, type Connection, type Domain } from '../../libvirt/index.ts';
import { children, parseDomainXML, updateDomainXML, type DomainModel } from '../../libvirt/xml/index.ts';
import { consoleAccess } from './console-access.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { Vm, VmUpdate } from './schemas.ts';
import { assertNotBusy, lookupVm, readVm, stateParam } from './service.ts';
import { hostOf } from '../common/hosts.ts';

const KiB = 1024;
const ACTIVE: number[] = [DomainState.RUNNING, DomainState.BLOCKED, DomainState.PAUSED];

/** The config fields a transient VM (no saved config) cannot take. */
const CONFIG_ONLY = ['name', 'title', 'description', 'autostart', 'bootorder', 'memory.maxmemory', 'cpu_info.maxvcpus', 'bootmenu', 'graphics'] as const;

function given(u: VmUpdate): string[] {
  const out: string[] = [];
  for (const f of ['name', 'title', 'description', 'autostart', 'bootorder', 'bootmenu', 'graphics'] as const) if (u[f] !== undefined) out.push(f);
  if (u.memory?.maxmemory !== undefined) out.push('memory.maxmemory');
  if (u.cpu_info?.maxvcpus !== undefined) out.push('cpu_info.maxvcpus');
  return out;
}

/** Apply `u` to the model (and the raw root for per-device boot order); throws 400 on limits that do not hold. */
function edit(m: DomainModel, u: VmUpdate, root: Parameters<Parameters<typeof updateDomainXML>[1]>[1]): void {
  if (u.memory) {
    const max = u.memory.maxmemory !== undefined ? u.memory.maxmemory * KiB : m.memory;
    const current = u.memory.current !== undefined ? u.memory.current * KiB : Math.min(m.currentMemory ?? m.memory, max);
    if (current > max) throw new KimchiError(400, 'KCHVM0006E', { current: current / KiB, max: max / KiB });
    m.memory = max;
    m.currentMemory = current;
  }
  if (u.cpu_info) {
    const max = u.cpu_info.maxvcpus ?? m.vcpu;
    const current = u.cpu_info.vcpus ?? Math.min(m.currentVcpu ?? m.vcpu, max);
    if (current > max) throw new KimchiError(400, 'KCHVM0007E', { current, max });
    m.vcpu = max;
    m.currentVcpu = current < max ? current : undefined;
  }
  if (u.title !== undefined) m.title = u.title || undefined;
  if (u.description !== undefined) m.description = u.description || undefined;
  if (u.bootorder) {
    m.os.boot = [...new Set(u.bootorder)];
    // libvirt refuses <os><boot> together with per-device <boot order>: the new global order replaces them.
    for (const dev of children(children(root, 'devices')[0])) {
      dev.children = dev.children.filter((c) => !('name' in c && c.name === 'boot'));
    }
  }
  consoleAccess(root, u);
}

/** libvirt refusing the edited config: a bad value (invalid argument, XML error, unsupported config) is the caller's 400. */
function refusalStatus(code: number): 400 | 409 | 500 {
  if (code === ErrorCode.INVALID_ARG || code === XML_ERROR || code === CONFIG_UNSUPPORTED) return 400;
  return code === ErrorCode.OPERATION_INVALID || code === ErrorCode.DOM_EXIST ? 409 : 500;
}
/** virErrorNumber values not in ErrorCode: VIR_ERR_XML_ERROR, VIR_ERR_CONFIG_UNSUPPORTED. */
const XML_ERROR = 27, CONFIG_UNSUPPORTED = 67;

/** Steps already taken, undone in reverse when a later one fails. */
type Undo = () => Promise<unknown>;

async function rollback(undos: Undo[]): Promise<void> {
  for (const u of undos.reverse()) await u().catch(() => { /* best effort: the original error is what the caller sees */ });
}

/** Live changes only where the running VM can take them; else they wait for the next boot (the config has them). */
async function applyLive(conn: Connection, dom: Domain, u: VmUpdate, deps: Deps): Promise<void> {
  const live = parseDomainXML(await conn.domainGetXMLDesc(dom, 0));
  const tries: Promise<unknown>[] = [];
  if (u.memory?.current !== undefined && u.memory.current * KiB <= live.memory) {
    tries.push(conn.domainSetMemoryFlags(dom, u.memory.current * KiB, DomainAffect.LIVE));
  }
  if (u.cpu_info?.vcpus !== undefined && u.cpu_info.vcpus <= live.vcpu) {
    tries.push(conn.domainSetVcpusFlags(dom, u.cpu_info.vcpus, DomainAffect.LIVE));
  }
  for (const r of await Promise.allSettled(tries)) {
    // e.g. no balloon driver or no vCPU hot-unplug in the guest: the saved config still applies at next boot.
    if (r.status === 'rejected') deps.logger?.info({ err: r.reason, vm: dom.name }, 'live change refused; it applies at next boot');
  }
}

/**
 * Kimchi's users/groups of a VM, checked against the host's real users and groups; returns how to keep them in
 * vm_meta, which the caller does once the rest of the update has succeeded.
 */
async function checkAccess(deps: Deps, users?: string[], groups?: string[]): Promise<(uuid: string) => void> {
  const auth = deps.auth;
  if (auth && users?.length) {
    const known = new Set(await auth.users());
    const unknown = users.filter((u) => !known.has(u));
    if (unknown.length) throw new KimchiError(400, 'KCHAUTH0007E', { names: unknown.join(', ') });
  }
  if (auth && groups?.length) {
    const known = new Set(await auth.groups());
    const unknown = groups.filter((g) => !known.has(g));
    if (unknown.length) throw new KimchiError(400, 'KCHAUTH0008E', { names: unknown.join(', ') });
  }
  return (uuid) => putVmMeta(deps.db, uuid, { ...(users ? { users: [...new Set(users)] } : {}), ...(groups ? { groups: [...new Set(groups)] } : {}) }, hostOf(deps));
}

export async function updateVm(deps: Deps, name: string, u: VmUpdate): Promise<Vm> {
  const conn = deps.libvirt.connection;
  let dom = await lookupVm(conn, name);
  assertNotBusy(deps.db, dom);
  const storeAccess = u.users !== undefined || u.groups !== undefined ? await checkAccess(deps, u.users, u.groups) : undefined;
  if (storeAccess) {
    const { users: _u, groups: _g, ...rest } = u;
    if (Object.keys(rest).length === 0) {
      storeAccess(dom.uuid);
      return readVm(deps, dom);
    }
    u = rest;
  }
  const [{ state }, persistent] = await Promise.all([conn.domainGetState(dom), conn.domainIsPersistent(dom)]);
  const rename = u.name !== undefined && u.name !== dom.name ? u.name : undefined;

  if (!persistent) {
    const field = given(u).find((f) => (CONFIG_ONLY as readonly string[]).includes(f) && (f !== 'name' || rename));
    if (field) throw new KimchiError(409, 'KCHVM0008E', { name: dom.name, field });
  }
  if (rename !== undefined) {
    if (state !== DomainState.SHUTOFF) throw new KimchiError(409, 'KCHVM0004E', { name: dom.name, state: stateParam(state) });
    const taken = await conn.domainLookupByName(rename).then(() => true, (e: unknown) => {
      if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN) return false;
      throw e;
    });
    if (taken) throw new KimchiError(409, 'KCHVM0003E', { name: rename });
  }

  const configChange = u.memory || u.cpu_info || u.title !== undefined || u.description !== undefined || u.bootorder
    || u.bootmenu !== undefined || u.graphics;
  const undos: Undo[] = [];
  try {
    if (persistent && configChange) {
      // SECURE keeps graphics passwords in the XML we redefine; INACTIVE edits the saved config, not the live one.
      const before = await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE | DomainXMLFlags.SECURE);
      const after = updateDomainXML(before, (m, root) => edit(m, u, root));
      if (after !== before) {
        await conn.domainDefineXML(after);
        undos.push(() => conn.domainDefineXML(before));
      }
    }
    if (rename !== undefined) {
      const old = dom.name;
      dom = await conn.domainRename(dom, rename);
      const renamed = dom;
      undos.push(() => conn.domainRename(renamed, old));
    }
    if (u.autostart !== undefined && persistent) {
      const was = await conn.domainGetAutostart(dom);
      if (was !== u.autostart) {
        await conn.domainSetAutostart(dom, u.autostart);
        const d = dom;
        undos.push(() => conn.domainSetAutostart(d, was));
      }
    }
  } catch (e) {
    await rollback(undos);
    if (e instanceof KimchiError) throw e;
    if (e instanceof LibvirtError && e.code !== ErrorCode.NO_DOMAIN) {
      throw new KimchiError(refusalStatus(e.code), 'KCHVM0012E', { name, detail: e.message }, { cause: e });
    }
    throw e;
  }
  storeAccess?.(dom.uuid);
  if (ACTIVE.includes(state) && (u.memory?.current !== undefined || u.cpu_info?.vcpus !== undefined)) {
    await applyLive(conn, dom, u, deps);
  }
  return readVm(deps, dom);
}
