// Storage volumes on the Kimchi 3.0 surface: create answers a Task, Kimchi's own refusals, has_permission in and ref_cnt out.
import { createTask, endTask } from '../../db/index.ts';
import type { StorageVolume } from '../storage/schemas.ts';
import { taskView } from '../tasks/service.ts';
import { kimchiOnly } from './errors.ts';
import { kimchiTask } from './resources.ts';
import type { Ctx, Mapping } from './surface.ts';
import { urlVolumeIn } from './volume-url.ts';

/** API.json's volume formats (its pattern also takes '' for "the default"). */
const KIMCHI_FORMATS = new Set(['qcow', 'qcow2', 'qed', 'raw', 'vmdk', 'vpc']);

/**
 * Kimchi's checks before its schema's types: exactly one of capacity and url (KCHVOL0018E), a url body checked and
 * left for volume-url.ts's download, a name for a capacity (KCHVOL0016E), its formats only (KCHVOL0015E).
 */
export function volumeIn(body: any): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const sources = ['url', 'capacity'].filter((k) => k in body);
  if (sources.length !== 1) throw kimchiOnly(400, 'KCHVOL0018E', { param: 'url,capacity' });
  if (sources[0] === 'url') return urlVolumeIn(body);
  if (body.name === undefined) throw kimchiOnly(400, 'KCHVOL0016E');
  const { allocation: _a, format, ...rest } = body;
  if (format === '' || format === undefined) return rest;
  if (typeof format === 'string' && !KIMCHI_FORMATS.has(format)) throw kimchiOnly(400, 'KCHVOL0015E');
  return { ...rest, format };
}

/**
 * Kimchi's volume: its nine fields, then os_distro, os_version, bootable only when set (Kimchi leaves out false and
 * empty ones). has_permission is true: libvirt's DAC driver hands each image to the QEMU user when a VM opens it.
 */
function view(v: StorageVolume): unknown {
  const out: Record<string, unknown> = {
    name: v.name, type: v.type, capacity: v.capacity, allocation: v.allocation, path: v.path, used_by: v.used_by,
    format: v.format, isvalid: v.isvalid, has_permission: true,
  };
  for (const k of ['os_distro', 'os_version', 'bootable'] as const) if (v[k]) out[k] = v[k];
  return out;
}
export const volumeOut = (body: StorageVolume | StorageVolume[]) => (Array.isArray(body) ? body.map(view) : view(body));

/** Kimchi creates every volume in a Task: ours is made at once, so the answer is that Task, already finished. */
function createdOut(body: any, c: Ctx, m: RegExpExecArray): unknown {
  if (!body || typeof body !== 'object' || 'status' in body) return body; // an upload answers its own Task
  const db = c.get('deps').db;
  const uri = `/plugins/kimchi/storagepools/${m[1]}/storagevolumes/${encodeURIComponent(body.name)}`;
  const row = createTask(db, uri);
  return kimchiTask(taskView(endTask(db, row.id, 'finished', 'OK') ?? row, c.get('locale')), c);
}

const ONE = /^\/storagepools\/[^/]+\/storagevolumes\/[^/]+$/;
export const volumeMappings: Mapping[] = [
  { method: 'GET', path: /^\/storagepools\/[^/]+\/storagevolumes$/, out: volumeOut },
  { method: 'POST', path: /^\/storagepools\/([^/]+)\/storagevolumes$/, op: 'storagevolumes_create', in: volumeIn, out: createdOut, status: 202 },
  { method: 'GET', path: ONE, out: volumeOut },
  { method: 'POST', path: /^\/storagepools\/[^/]+\/storagevolumes\/[^/]+\/(?:resize|wipe)$/, out: volumeOut },
];
