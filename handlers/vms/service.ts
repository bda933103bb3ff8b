// VM reads over libvirt: the list (bulk calls plus one pipelined XML per domain) and one VM; guests made elsewhere included.
import { getVmMeta, listVmMeta, vmLock, type Db } from '../../db/index.ts';
import { DomainState, DomainStatsTypes, DomainXMLFlags, ErrorCode, LibvirtError, ListDomainsFlags, type Connection, type Domain } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { MessageParams } from '../i18n/index.ts';
import type { Vm } from './schemas.ts';
import { stateName, vmView } from './view.ts';
import { hostOf } from '../common/hosts.ts';
import { pendingParts } from './pending.ts';

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

/**
 * Every VM: three bulk calls (all domains, transient ones, autostart ones), one get-all-domain-stats for the
 * states, then each domain's XML pipelined on the one connection — or from the host's event-invalidated cache
 * (deps.domainXml). A domain undefined mid-list is left out. One VM (readVm) always reads fresh XML.
 */
export async function listVms(deps: Deps): Promise<Vm[]> {
  const conn = deps.libvirt.connection;
  const [doms, transient, autostart, states] = await Promise.all([
    conn.connectListAllDomains(),
    conn.connectListAllDomains(ListDomainsFlags.TRANSIENT),
    conn.connectListAllDomains(ListDomainsFlags.AUTOSTART),
    conn.connectGetAllDomainStats(DomainStatsTypes.STATE),
  ]);
  const transientIds = new Set(transient.map((d) => d.uuid));
  const autostartIds = new Set(autostart.map((d) => d.uuid));
  const stateOf = new Map(states.map((r) => [r.dom.uuid, r.stats['state.state']]));
  const meta = listVmMeta(deps.db, hostOf(deps));
  const host = hostOf(deps);
  const views = await Promise.all(doms.map(async (dom) => {
    try {
      const known = stateOf.get(dom.uuid);
      const [xml, state] = await Promise.all([
        deps.domainXml ? deps.domainXml.get(conn, dom) : conn.domainGetXMLDesc(dom, 0),
        typeof known === 'number' ? known : conn.domainGetState(dom).then((s) => s.state),
      ]);
      return vmView({
        dom, xml, state, host, persistent: !transientIds.has(dom.uuid), autostart: autostartIds.has(dom.uuid),
        meta: meta.get(dom.uuid), stats: deps.vmStats?.get(dom.uuid, dom),
      });
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }));
  return views.filter((v): v is Vm => v !== undefined).sort((a, b) => a.name.localeCompare(b.name));
}
