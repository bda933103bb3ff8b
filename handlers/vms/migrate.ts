// POST /vms/{name}/migrate: peer-to-peer live migration — checks first (4xx, nothing changed), then one Task that
// makes the destination's disks (journaled), runs the migration with progress and abort, and undoes itself.
// A shut-off guest migrates offline (migrate-offline.ts).
import { moveVmMeta } from '../../db/index.ts';
import { ErrorCode, JobStatsFlags, LibvirtError } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { startTask } from '../common/task-runner.ts';
import { translate, type Locale } from '../i18n/index.ts';
import type { Task, TaskProgress } from '../tasks/schemas.ts';
import { vmUri } from './create.ts';
import { takeVmLock } from './lock.ts';
import { planMigration } from './migrate-checks.ts';
import { migrateOffline } from './migrate-offline.ts';
import { progressOf, watchJob } from './migrate-progress.ts';
import type { VmMigrate } from './migrate-schemas.ts';
import { Rollback } from './rollback.ts';
import { readVm } from './service.ts';
import { depsFor } from '../hosts/scope.ts';
import { volumeXML } from './volumes.ts';

export const migrateUri = (name: string) => `${vmUri(name)}/migrate`;

export async function migrateVm(deps: Deps, locale: Locale, name: string, input: VmMigrate): Promise<Task> {
  const plan = await planMigration(deps, name, input);
  const { dom, dest, destConn, source } = plan;
  const host = dest.name;
  const conn = deps.libvirt.connection;
  const unlock = takeVmLock(deps.db, dom.uuid, name, 'migrate');
  // Progress messages are plain text in the task row: written in the language of whoever asked.
  const say = (key: 'migrate.progress' | 'migrate.starting' | 'migrate.volume' | 'migrate.copying' | 'migrate.defining' | 'migrate.offline', params: Record<string, string | number>) =>
    translate(locale, key, { host, ...params });

  /**
   * The destination's own libvirt events show the guest there at once, but before its metadata moved: one more `vm`
   * event, with the guest as its new host shows it (template, icon, sharing), so lists update without a reload.
   */
  const announce = async () => {
    const moved = await destConn.domainLookupByUUID(dom.uuid).catch(() => undefined);
    const vm = moved && await readVm(depsFor(deps, dest), moved).catch(() => undefined);
    deps.events.publish({ type: 'vm', data: { name, uuid: dom.uuid, event: 'migrated', state: vm?.state ?? null, host, ...(vm ? { vm } : {}) } });
  };

  return startTask(deps, locale, migrateUri(name), async (task) => {
    if (plan.offline) {
      let figures: TaskProgress | undefined;
      try {
        figures = await migrateOffline(deps, plan, input, task, say);
      } finally {
        unlock();
      }
      await follow(figures);
      return 'OK';
    }
    const undo = new Rollback(deps.logger, { task: task.id, vm: name, destination: host }, { db: deps.db, taskId: task.id });
    let stopWatching = () => {};
    let last: TaskProgress | undefined;
    try {
      for (const c of plan.copies) {
        task.progress(say('migrate.volume', { volume: c.path }));
        const pool = await destConn.storagePoolLookupByName(c.pool);
        // Journaled before libvirt makes it, with the host it is on: a server stopped mid-way removes it at its next start.
        await undo.make(`delete volume ${c.pool}/${c.name} on ${host}`, { kind: 'host_volume', host, pool: c.pool, name: c.name },
          () => destConn.storageVolCreateXML(pool, volumeXML({ name: c.name, capacityBytes: c.capacity, format: c.format })),
          (made) => destConn.storageVolDelete(made));
      }
      task.progress(say('migrate.starting', {}));
      task.onCancel(() => conn.domainAbortJob(dom));
      stopWatching = watchJob(conn, dom,
        (p) => { last = p; task.progress(say('migrate.progress', { percent: p.percent }), p); },
        async () => { if (input.max_downtime_ms) await conn.domainMigrateSetMaxDowntime(dom, input.max_downtime_ms); },
        deps.logger);
      await conn.domainMigrateToURI3(dom, dest.migrationUri, plan.params, plan.flags);
      // The guest runs on the destination now: its disks stay, and nothing below may claim otherwise.
      undo.commit();
      stopWatching();
      task.onCancel(null);
    } catch (e) {
      stopWatching();
      task.onCancel(null);
      await undo.run();
      const aborted = task.cancelled || (e instanceof LibvirtError && e.code === ErrorCode.OPERATION_ABORTED);
      if (aborted) throw new KimchiError(409, 'KCHMIG0016E', { name, host, source }, { cause: e });
      if (e instanceof LibvirtError) throw new KimchiError(500, 'KCHMIG0015E', { name, host, source, detail: e.message }, { cause: e });
      throw e;
    } finally {
      unlock();
    }
    // The figures of the whole run (the destination keeps the completed job's stats), else the last ones seen.
    const moved = await destConn.domainLookupByUUID(dom.uuid).catch(() => undefined);
    const final = moved && await destConn.domainGetJobStats(moved, JobStatsFlags.COMPLETED).then(progressOf, () => undefined);
    await follow(final ?? last);
    return 'OK';

    /** The guest is on the destination: its metadata follows, the task shows 100 %, lists learn it. */
    async function follow(figures: TaskProgress | undefined): Promise<void> {
      try {
        moveVmMeta(deps.db, dom.uuid, source, host);
        deps.domainXml?.invalidate(dom.uuid);
        if (figures) task.progress(say('migrate.progress', { percent: 100 }), { ...figures, percent: 100, data_remaining: 0 });
        await announce();
      } catch (err) {
        deps.logger?.warn({ err, vm: name, host }, 'the guest migrated; updating what follows it failed');
      }
    }
  });
}
