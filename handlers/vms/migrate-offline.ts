// Offline migration of a shut-off guest. Shared disks: libvirt's VIR_MIGRATE_OFFLINE moves the definition (peer to
// peer). Copied disks (libvirt cannot copy storage offline): each volume is made on the destination (journaled),
// streamed there through this server, then the guest is defined there; only then the source's definition and its
// copied volumes go. A failure or cancel before the definition removes the copies and leaves the source as it was.
import { DomainUndefineFlags, DomainXMLFlags, ErrorCode, LibvirtError, type Connection, type StorageVol } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { TaskContext } from '../common/task-runner.ts';
import { bulkConnectionTo, libvirtUri } from '../storage/bulk.ts';
import type { TaskProgress } from '../tasks/schemas.ts';
import type { MigrationPlan } from './migrate-checks.ts';
import { copyVolume } from './migrate-copy.ts';
import type { VmMigrate } from './migrate-schemas.ts';
import { Rollback } from './rollback.ts';
import { volumeXML } from './volumes.ts';

type Say = (key: 'migrate.copying' | 'migrate.defining' | 'migrate.offline' | 'migrate.volume', params: Record<string, string | number>) => string;

const PROGRESS_EVERY_MS = 500;

/** Figures of a copy for the Task's bar (no memory pass: dirty rate and downtime are 0). */
function figures(done: number, total: number, started: number): TaskProgress {
  const percent = total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0;
  return { percent, data_processed: done, data_remaining: Math.max(0, total - done), data_total: total, memory_dirty_rate: 0, elapsed_ms: Date.now() - started, expected_downtime_ms: 0 };
}

export async function migrateOffline(deps: Deps, plan: MigrationPlan, input: VmMigrate, task: TaskContext, say: Say): Promise<TaskProgress | undefined> {
  const { dom, dest, destConn, name, source } = plan;
  const conn = deps.libvirt.connection;
  const host = dest.name;
  if (!plan.copies.length) {
    // Every disk is where the destination sees it: libvirt moves the definition (and undefines it here) in one call.
    task.progress(say('migrate.offline', {}));
    const started = Date.now();
    try {
      await conn.domainMigrateToURI3(dom, dest.migrationUri, plan.params, plan.flags);
    } catch (e) {
      if (e instanceof LibvirtError) throw new KimchiError(500, 'KCHMIG0015E', { name, host, source, detail: e.message }, { cause: e });
      throw e;
    }
    // Nothing was copied: a full bar (no bytes) rather than none, so the dialog does not read "Preparing…" at the end.
    return { ...figures(0, 0, started), percent: 100 };
  }

  const undo = new Rollback(deps.logger, { task: 'offline migration', vm: name, destination: host }, { db: deps.db, taskId: task.id });
  const abort = new AbortController();
  const total = plan.copies.reduce((sum, c) => sum + c.physical, 0);
  const started = Date.now();
  let before = 0, last = 0, current = plan.copies[0]!.path;
  const srcBulk = await bulkConnectionTo(deps.hosts?.get(source)?.uri ?? libvirtUri(deps), conn);
  const dstBulk = await bulkConnectionTo(dest.uri, destConn).catch(async (e) => { await srcBulk.release(); throw e; });
  const sources: StorageVol[] = [];
  task.onCancel(() => abort.abort());
  try {
    for (const c of plan.copies) {
      current = c.path;
      task.progress(say('migrate.volume', { volume: c.path }));
      const pool = await destConn.storagePoolLookupByName(c.pool);
      const made = await undo.make(`delete volume ${c.pool}/${c.name} on ${host}`, { kind: 'host_volume', host, pool: c.pool, name: c.name },
        () => destConn.storageVolCreateXML(pool, volumeXML({ name: c.name, capacityBytes: c.capacity, format: c.format, ...(c.backing ? { backing: c.backing } : {}) })),
        (v) => destConn.storageVolDelete(v));
      const from = await srcBulk.conn.storageVolLookupByPath(c.path);
      const to = await dstBulk.conn.storageVolLookupByPath(await destConn.storageVolGetPath(made));
      sources.push(from);
      const copied = await copyVolume(srcBulk.conn, from, dstBulk.conn, to, c.physical, {
        signal: abort.signal, bandwidthMiBs: input.bandwidth_mib_s,
        onBytes: (n) => {
          if (Date.now() - last < PROGRESS_EVERY_MS) return;
          last = Date.now();
          const p = figures(before + n, total, started);
          task.progress(say('migrate.copying', { volume: c.path, percent: p.percent }), p);
        },
      });
      before += copied;
    }
    if (task.cancelled) throw new Error('cancelled');
    task.onCancel(null);
    task.progress(say('migrate.defining', {}), figures(before, total, started));
    const xml = await conn.domainGetXMLDesc(dom, DomainXMLFlags.SECURE | DomainXMLFlags.INACTIVE | DomainXMLFlags.MIGRATABLE);
    await destConn.domainDefineXML(xml);
    // Defined there: the copies are the guest's disks now, whatever happens below.
    undo.commit();
  } catch (e) {
    task.onCancel(null);
    abort.abort();
    await undo.run();
    if (task.cancelled) throw new KimchiError(409, 'KCHMIG0026E', { name, host, source }, { cause: e });
    const detail = e instanceof Error ? e.message : String(e);
    throw new KimchiError(500, 'KCHMIG0025E', { name, host, source, path: current, detail }, { cause: e });
  } finally {
    await Promise.all([srcBulk.release(), dstBulk.release()]);
  }
  if (input.undefine_source) await removeSource(deps, conn, plan, sources);
  return { ...figures(total, total, started), percent: 100 };
}

/** The guest lives on the destination now: its definition and copied volumes go from the source (logged, not fatal). */
async function removeSource(deps: Deps, conn: Connection, plan: MigrationPlan, volumes: StorageVol[]): Promise<void> {
  const warn = (err: unknown, what: string) => deps.logger?.warn({ err, vm: plan.name, host: plan.source }, `after the offline migration: ${what} failed`);
  // The NVRAM file (if any) stays: the destination makes its own from the firmware's template.
  await conn.domainUndefine(plan.dom, DomainUndefineFlags.KEEP_NVRAM).catch((err) => {
    if (!(err instanceof LibvirtError && err.code === ErrorCode.NO_DOMAIN)) warn(err, 'undefining the source');
  });
  for (const v of volumes) await conn.storageVolDelete(v).catch((err) => warn(err, `deleting ${v.name}`));
}
