// ISO scans as Tasks: shallow (every active pool's folder and well-known ISO folders) or deep (given folders, whole trees);
// each checks its SQLite stop flag as it goes, so any handler instance can stop it; found ISOs are cached per file.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { addScanResult, createScan, getScan, requestScanStop, scanResults, scanStopRequested, setScanFiles, setScanTask } from '../../../db/storage.ts';
import { getTask } from '../../../db/index.ts';
import { parseStoragePoolXML } from '../../../libvirt/xml/index.ts';
import type { Deps } from '../../common/context.ts';
import { KimchiError } from '../../common/errors.ts';
import { startTask } from '../../common/task-runner.ts';
import type { Locale } from '../../i18n/index.ts';
import { taskView } from '../../tasks/service.ts';
import { probeIso } from './probe.ts';
import { walk } from './walk.ts';
import type { IsoScan } from './schemas.ts';

const WELL_KNOWN = ['/var/lib/libvirt/images', '/var/lib/kimchi/isos', join(homedir(), 'Downloads')];
const CHECK_EVERY = 64;

const ACTIVE_POOLS = 2; // VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE

/**
 * The folders of every active pool (an ISO in any pool is found, not only in `default`'s), then the well-known ISO
 * folders that exist. Pools without a folder (LVM, iSCSI: their target is /dev/…) drop out at the directory check.
 */
async function shallowRoots(deps: Deps): Promise<string[]> {
  const roots: string[] = [];
  try {
    const conn = deps.libvirt.connection;
    const pools = await conn.connectListAllStoragePools(ACTIVE_POOLS);
    const xmls = await Promise.all(pools.map((p) => conn.storagePoolGetXMLDesc(p).catch(() => undefined)));
    const named = pools.map((p, i) => ({ name: p.name, path: xmls[i] && parseStoragePoolXML(xmls[i]).targetPath }));
    // `default` first, as before; the rest by name so the list reads the same every time.
    named.sort((a, b) => Number(b.name === 'default') - Number(a.name === 'default') || a.name.localeCompare(b.name));
    for (const { path } of named) if (path && !path.startsWith('/dev/') && !roots.includes(path)) roots.push(path);
  } catch { /* libvirt unreachable: the well-known folders still count */ }
  for (const p of WELL_KNOWN) if (!roots.includes(p)) roots.push(p);
  const exist = await Promise.all(roots.map((p) => stat(p).then((s) => s.isDirectory(), () => false)));
  return roots.filter((_, i) => exist[i]);
}

export function scanView(deps: Deps, locale: Locale, id: number): IsoScan {
  const row = getScan(deps.db, id);
  if (!row) throw new KimchiError(404, 'KCHISO0001E', { id });
  const task = row.taskId !== null ? getTask(deps.db, row.taskId) : undefined;
  return {
    id: String(row.id), type: row.kind, paths: row.paths, files: row.files, stop_requested: row.stopRequested,
    task: task ? taskView(task, locale) : undefined,
    isos: scanResults(deps.db, row.id).map((r) => ({
      path: r.path, size: r.size, volume_id: r.volumeId, os_distro: r.osDistro, os_version: r.osVersion, bootable: r.bootable,
    })),
  };
}

export async function startScan(deps: Deps, locale: Locale, kind: 'shallow' | 'deep', paths: string[] = []): Promise<IsoScan> {
  const roots = kind === 'shallow' ? await shallowRoots(deps) : paths;
  for (const p of roots) {
    const st = await stat(p).catch((e: Error) => { throw new KimchiError(400, 'KCHISO0002E', { path: p, detail: e.message }); });
    if (!st.isDirectory()) throw new KimchiError(400, 'KCHISO0002E', { path: p, detail: 'not a folder' });
  }
  const scan = createScan(deps.db, kind, roots);
  const task = startTask(deps, locale, `/plugins/kimchi/isoscans/${scan.id}`, async (t) => {
    let files = 0;
    let isos = 0;
    let stopped = false;
    for await (const f of walk(roots, kind === 'deep')) {
      if (++files % CHECK_EVERY === 0) {
        setScanFiles(deps.db, scan.id, files);
        if (scanStopRequested(deps.db, scan.id)) { stopped = true; break; }
        if (files % (CHECK_EVERY * 16) === 0) t.progress(`${files} files, ${isos} ISO images`);
      }
      if (await probeIso(deps.db, f.path, f.stat)) { isos++; addScanResult(deps.db, scan.id, f.path); }
    }
    setScanFiles(deps.db, scan.id, files);
    return `${stopped ? 'stopped after ' : ''}${files} files, ${isos} ISO images`;
  });
  setScanTask(deps.db, scan.id, Number(task.id));
  return scanView(deps, locale, scan.id);
}

export function stopScan(deps: Deps, locale: Locale, id: number): IsoScan {
  const view = scanView(deps, locale, id);
  if (view.task && view.task.status !== 'running') throw new KimchiError(409, 'KCHISO0003E', { id });
  requestScanStop(deps.db, id);
  return scanView(deps, locale, id);
}
