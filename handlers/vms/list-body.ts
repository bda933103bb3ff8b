// GET /vms's body from hosts' list rows: each row serialised once and reused while its parts stand; ETag and gzip kept.
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { VmMetaRow } from '../../db/index.ts';
import { mayUseVm } from '../auth/policy.ts';
import type { AuthUser } from '../auth/types.ts';
import type { Deps, VmStats } from '../common/context.ts';
import { hostOf } from '../common/hosts.ts';
import type { ListRow } from './list-cache.ts';
import type { Vm } from './schemas.ts';
import { vmView } from './view.ts';

/** One host's rows with what we add to them: our metadata (read per answer: it is ours, a cheap local query). */
export interface HostRows { deps: Deps; rows: ListRow[]; meta: Map<string, VmMetaRow> }

/** A row's JSON and what it was made from: reused while libvirt's part, our metadata and the rates read the same. */
interface Rendered { row: ListRow; key: string; stats: VmStats | undefined; json: string; id: number }
/** By host and UUID; bounded (oldest first), as guests come and go. */
const RENDERED_MAX = 50_000;
const rendered = new Map<string, Rendered>();
/** The same, by the row object a snapshot holds (a snapshot's rows are reused until the host's list is read again). */
const byRow = new WeakMap<ListRow, Rendered>();
/** Serial numbers of rendered rows, salted per process: the ETag names the exact rows an answer holds. */
let serial = 0;
const SALT = randomUUID();

const sameRow = (a: ListRow, b: ListRow) => a === b || (a.xml === b.xml && a.state === b.state && a.persistent === b.persistent
  && a.autostart === b.autostart && a.dom.id === b.dom.id && a.dom.name === b.dom.name);
const STAT_KEYS = ['cpu_utilization', 'mem_utilization', 'net_throughput', 'net_throughput_peak', 'io_throughput', 'io_throughput_peak'] as const;
const sameStats = (a: VmStats | undefined, b: VmStats | undefined) => a === b || (!!a && !!b && STAT_KEYS.every((k) => a[k] === b[k]));

const metaKey = (host: string, m: VmMetaRow | undefined) =>
  m ? JSON.stringify([host, m.icon, m.template, m.users, m.groups]) : host;

function each(hosts: HostRows[], user: AuthUser | undefined, f: (row: ListRow, meta: VmMetaRow | undefined, h: HostRows, host: string) => void): void {
  for (const h of hosts) {
    const host = hostOf(h.deps);
    for (const row of h.rows) {
      const meta = h.meta.get(row.dom.uuid);
      // A user who is not an administrator sees only the VMs shared with them or their groups.
      if (user && !user.admin && !mayUseVm(user, meta)) continue;
      f(row, meta, h, host);
    }
  }
}

/** The rows as the API's VM objects (for callers that want objects, e.g. the Kimchi surface). */
export function vmsOf(hosts: HostRows[], user?: AuthUser): Vm[] {
  const out: Vm[] = [];
  each(hosts, user, (row, meta, h, host) => out.push(vmView({ ...row, meta, host, stats: h.deps.vmStats?.get(row.dom.uuid, row.dom) })));
  return out;
}

export interface ListBody { parts: string[]; etag: string }

/**
 * Each row's JSON, reused while its libvirt part, our metadata and its rates read the same. Asking
 * the sampler for each row's rates is also what tells it the list is being watched.
 */
export function listBody(hosts: HostRows[], user?: AuthUser): ListBody {
  const parts: string[] = [];
  const ids: number[] = [];
  each(hosts, user, (row, meta, h, host) => {
    const stats = h.deps.vmStats?.get(row.dom.uuid, row.dom);
    const key = metaKey(host, meta);
    // The same row object as last time (the host's list snapshot stands) is found without building a key.
    let r = byRow.get(row);
    const at = r ? '' : `${host}\0${row.dom.uuid}`;
    if (!r) {
      r = rendered.get(at);
      if (r && sameRow(r.row, row)) { r.row = row; byRow.set(row, r); } else r = undefined;
    }
    if (!r || r.key !== key || !sameStats(r.stats, stats)) {
      const slot = at || `${host}\0${row.dom.uuid}`;
      r = { row, key, stats, json: JSON.stringify(vmView({ ...row, meta, host, stats })), id: ++serial };
      rendered.delete(slot);
      if (rendered.size >= RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
      rendered.set(slot, r);
      byRow.set(row, r);
    }
    parts.push(r.json);
    ids.push(r.id);
  });
  const tag = createHash('sha1').update(SALT).update(new Uint32Array(ids)).digest('hex');
  return { parts, etag: `W/"${tag}"` };
}

export const bodyText = (b: ListBody) => `[${b.parts.join(',')}]`;

/** The last few gzipped answers by ETag: an unchanged list is compressed once, not per request. */
const GZIP_KEEP = 4;
const gzipped = new Map<string, Promise<Buffer>>();
const gzipAsync = promisify(gzip);
export function gzipBody(b: ListBody): Promise<Buffer> {
  let hit = gzipped.get(b.etag);
  if (!hit) {
    hit = gzipAsync(bodyText(b), { level: 3 });
    if (gzipped.size >= GZIP_KEEP) gzipped.delete(gzipped.keys().next().value!);
    gzipped.set(b.etag, hit);
    hit.catch(() => gzipped.delete(b.etag));
  }
  return hit;
}
