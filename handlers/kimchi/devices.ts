// A VM's storages, ifaces and snapshots, and the host, on the Kimchi 3.0 surface: Kimchi's fields and types only.
import type { Hono } from 'hono';
import type { AppEnv } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { hostInfo } from '../host/info.ts';
import type { Snapshot } from '../snapshots/schemas.ts';
import type { Iface, Storage } from '../vmdevices/schemas.ts';
import { kimchiOnly } from './errors.ts';
import { PREFIX, type Mapping } from './surface.ts';

const each = <T>(view: (x: T) => unknown) => (body: T | T[]) => (Array.isArray(body) ? body.map(view) : view(body));

/** Kimchi's storage: dev, type, path ('' for an empty drive), format (the driver's, raw when it names none), bus. */
const storageOut = each((s: Storage) => ({ dev: s.dev, type: s.type, path: s.path ?? '', format: s.format ?? 'raw', bus: s.bus }));

/** A body missing one of `fields` is refused as jsonschema would: with the operation's id for a missing field. */
const requiring = (...fields: string[]) => (body: any): unknown => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const missing = fields.find((f) => body[f] === undefined);
  if (missing) throw new KimchiError(400, 'KCHAPI0005E', { field: missing, problem: { t: 'problem.required' } });
  return body;
};

/** POST: a type, then exactly one of path and pool/vol (KCHVMSTOR0017E), path for a CD-ROM only; Kimchi has no empty CD-ROM drive. */
export function storageIn(body: any): unknown {
  requiring('type')(body);
  if (body && typeof body === 'object' && ('path' in body) === ('vol' in body)) throw kimchiOnly(400, 'KCHVMSTOR0017E');
  // A disk by host path is /api's (issue 15): here it stays the unknown field it was.
  if (body?.type === 'disk' && 'path' in body) throw new KimchiError(400, 'KCHAPI0005E', { field: 'path', problem: { t: 'problem.unknown' } });
  return body;
}

/** Kimchi's iface: type, mac, and network, model, bridge, ips only where they apply. */
const ifaceOut = each((i: Iface) => ({
  type: i.type, mac: i.mac,
  ...(i.network !== null ? { network: i.network, ips: i.ips } : {}),
  ...(i.model !== null ? { model: i.model } : {}),
  ...(i.bridge !== null ? { bridge: i.bridge } : {}),
}));

/** Kimchi's snapshot: created (a string of epoch seconds, as Kimchi writes it), name, parent, state. */
const snapshotOut = each((s: Snapshot) => ({ created: String(s.created), name: s.name, parent: s.parent, state: s.state }));

/** GET /host on Kimchi is {arch} (the machine, as uname -m says it); ours follows it. */
const hostOut = (h: { architecture: string }) => ({ arch: h.architecture, ...h });

/** /host/cpuinfo: what a VM's CPU topology may use (x86: guest threads allowed, every core available). */
export function cpuInfoRoute(app: Hono<AppEnv>): void {
  app.get(`${PREFIX}/host/cpuinfo`, async (c) => {
    const { cpus } = await hostInfo(c.get('deps').libvirt.connection);
    return c.json({ threading_enabled: true, sockets: cpus.sockets, cores: cpus.sockets * cpus.cores, threads_per_core: cpus.threads_per_core }, 200);
  });
}

const VM = '^\\/vms\\/[^/]+';
const re = (tail: string) => new RegExp(`${VM}${tail}$`);
export const deviceMappings: Mapping[] = [
  { method: 'GET', path: re('\\/storages(?:\\/[^/]+)?'), out: storageOut },
  { method: 'POST', path: re('\\/storages'), op: 'vmstorages_create', in: storageIn, out: storageOut },
  { method: 'PUT', path: re('\\/storages\\/[^/]+'), op: 'vmstorage_update', in: requiring('path'), out: storageOut },
  { method: 'GET', path: re('\\/ifaces(?:\\/[^/]+)?'), out: ifaceOut },
  { method: 'POST', path: re('\\/ifaces'), op: 'vmifaces_create', in: requiring('type'), out: ifaceOut },
  { method: 'PUT', path: re('\\/ifaces\\/[^/]+'), op: 'vmiface_update', out: ifaceOut },
  { method: 'GET', path: re('\\/snapshots(?:\\/[^/]+)?'), out: snapshotOut },
  { method: 'POST', path: re('\\/snapshots'), op: 'vmsnapshots_create' },
  { method: 'POST', path: re('\\/snapshots\\/[^/]+\\/revert'), out: snapshotOut },
  { method: 'GET', path: /^\/host$/, out: hostOut },
];
