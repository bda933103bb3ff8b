// VM reads over libvirt: the list (bulk calls plus one pipelined XML per domain) and one VM; guests made elsewhere included.
import { getVmMeta, listVmMeta, vmLock, type Db } from '../../db/index.ts';
import { DomainState, DomainXMLFlags, ErrorCode, LibvirtError, type Connection, type Domain } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { MessageParams } from '../i18n/index.ts';
import type { Vm } from './schemas.ts';
import { stateName, vmView } from './view.ts';
import { hostOf } from '../common/hosts.ts';
import { pendingParts } from './pending.ts';
import { listRows } from './list-cache.ts';
import { vmsOf, type HostRows } from './list-body.ts';

const isMissing = (e: unknown) => e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN;

/** The domain by name, or our 404 naming it. */
export async function lookupVm(conn: Connection, name: string): Promise<Domain> {
  try {
    return await conn.domainLookupByName(name);
  } catch (e) {
    if (isMissing(e)) throw new KimchiError(404, 'KCHVM0002E', { name }, { cause: e });
    throw e;
  }
}

/** A state number as a translatable message parameter ("running", "shut off"…). */
export function stateParam(state: number): MessageParams[string] {
  return { t: `vmstate.${stateName[state] ?? 'nostate'}` as const };
}

/** 409 when a long operation (clone, template from VM) holds the VM. */
export function assertNotBusy(db: Db, dom: Domain): void {
  const lock = vmLock(db, dom.uuid);
  if (lock) throw new KimchiError(409, 'KCHVM0009E', { name: dom.name, operation: lock.operation });
}

/** One VM, read fresh: live XML, state, persistence and autostart in one pipelined round. */
export async function readVm(deps: Deps, dom: Domain): Promise<Vm> {
  const conn = deps.libvirt.connection;
  // Every change we make ends in this fresh read, so the list's cached copy goes too.
  deps.domainXml?.invalidate(dom.uuid);
  try {
    const [xml, { state }, persistent, autostart] = await Promise.all([
      conn.domainGetXMLDesc(dom, 0), conn.domainGetState(dom), conn.domainIsPersistent(dom), conn.domainGetAutostart(dom),
    ]);
    const view = vmView({ dom, xml, state, persistent, autostart, host: hostOf(deps), meta: getVmMeta(deps.db, dom.uuid, hostOf(deps)), stats: deps.vmStats?.get(dom.uuid, dom) });
    // The marker compares the saved config with the live one: only a running, persistent guest can differ.
    const saved = persistent && dom.id > 0 && state !== DomainState.SHUTOFF ? await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE) : undefined;
    return { ...view, pending_changes: saved !== undefined && pendingParts(xml, saved).length > 0 };
  } catch (e) {
    if (isMissing(e)) throw new KimchiError(404, 'KCHVM0002E', { name: dom.name }, { cause: e });
    throw e;
  }
}

export async function getVm(deps: Deps, name: string): Promise<Vm> {
  return readVm(deps, await lookupVm(deps.libvirt.connection, name));
}

/** One host's rows (libvirt's part from the host's list snapshot: handlers/vms/list-cache.ts) and our metadata. */
export async function hostRows(deps: Deps): Promise<HostRows> {
  const rows = await listRows(deps, isMissing);
  return { deps, rows, meta: listVmMeta(deps.db, hostOf(deps)) };
}

/** Every VM of the host, by name, guests made elsewhere included. */
export async function listVms(deps: Deps): Promise<Vm[]> {
  return vmsOf([await hostRows(deps)]);
}
