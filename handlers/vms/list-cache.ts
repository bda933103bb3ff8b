// A host's guest list as libvirt last told it, kept while nothing could have changed it; rows serialised once.
import { DomainStatsTypes, ListDomainsFlags, type Domain } from '../../libvirt/index.ts';
import type { Deps, DomainXmlSource } from '../common/context.ts';
import { listEpoch } from '../common/list-epoch.ts';

/** What libvirt says of one guest; our metadata and the sampled rates are added per answer. */
export interface ListRow { dom: Domain; xml: string; state: number; persistent: boolean; autostart: boolean }

/**
 * How long rows stand without any event. libvirt sends an event for everything a row shows except autostart set from
 * outside (virsh autostart), which shows within this bound — as the XML cache's own age bound does for its text.
 */
export const LIST_MAX_AGE_MS = 5000;

interface Snapshot { generation: number | undefined; epoch: number; at: number; rows: Promise<ListRow[]> }
const snapshots = new WeakMap<DomainXmlSource, Snapshot>();

/**
 * One get-all-domain-stats (every domain with its state), the transient and autostart lists, then each domain's XML
 * from the host's event-invalidated cache. Sorted by name. A domain undefined mid-list is left out.
 */
async function readRows(deps: Deps, isMissing: (e: unknown) => boolean): Promise<ListRow[]> {
  const conn = deps.libvirt.connection;
  const [records, transient, autostart] = await Promise.all([
    conn.connectGetAllDomainStats(DomainStatsTypes.STATE),
    conn.connectListAllDomains(ListDomainsFlags.TRANSIENT),
    conn.connectListAllDomains(ListDomainsFlags.AUTOSTART),
  ]);
  const transientIds = new Set(transient.map((d) => d.uuid));
  const autostartIds = new Set(autostart.map((d) => d.uuid));
  const rows = await Promise.all(records.map(async ({ dom, stats }): Promise<ListRow | undefined> => {
    try {
      const [xml, state] = await Promise.all([
        deps.domainXml ? deps.domainXml.get(conn, dom) : conn.domainGetXMLDesc(dom, 0),
        typeof stats['state.state'] === 'number' ? stats['state.state'] : conn.domainGetState(dom).then((s) => s.state),
      ]);
      return { dom, xml, state, persistent: !transientIds.has(dom.uuid), autostart: autostartIds.has(dom.uuid) };
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }));
  return rows.filter((r): r is ListRow => r !== undefined).sort((a, b) => a.dom.name.localeCompare(b.dom.name));
}

/**
 * The host's rows: the snapshot while its XML cache saw no event or invalidation, no write went through us (the
 * epoch: handlers/common/list-epoch.ts), it is younger than LIST_MAX_AGE_MS and the host still answers; a fresh read
 * otherwise (concurrent askers share it). Without an XML cache (bare handlers) every call reads.
 */
export async function listRows(deps: Deps, isMissing: (e: unknown) => boolean): Promise<ListRow[]> {
  const cache = deps.domainXml;
  if (!cache || cache.generation === undefined) return readRows(deps, isMissing);
  const standing = () => {
    const snap = snapshots.get(cache);
    return snap && snap.generation === cache.generation && snap.epoch === listEpoch() && Date.now() - snap.at < LIST_MAX_AGE_MS ? snap : undefined;
  };
  const snap = standing();
  if (snap) {
    // One small round trip first: the host still answers (a frozen one is then not listed from memory, and the
    // all-hosts list names it unreachable), and any event it sent before this reply has been handled by now.
    await deps.libvirt.connection.connectGetLibVersion();
    if (standing() === snap) return snap.rows;
  }
  const next: Snapshot = { generation: cache.generation, epoch: listEpoch(), at: Date.now(), rows: readRows(deps, isMissing) };
  snapshots.set(cache, next);
  // A failed read is not kept; neither is one during which something moved (the next ask reads again).
  next.rows.then(() => { if (cache.generation !== next.generation) next.generation = undefined; },
    () => { if (snapshots.get(cache) === next) snapshots.delete(cache); });
  return next.rows;
}
