// A migration's progress: libvirt's job stats as a Task's figures, read about once a second while the call runs.
import { DomainJobType, type Connection, type Domain, type JobStats } from '../../libvirt/index.ts';
import type { HandlerLogger } from '../common/context.ts';
import type { TaskProgress } from '../tasks/schemas.ts';

export const POLL_MS = 1000;

const n = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);

/**
 * Figures for a progress bar from VIR_DOMAIN_JOB_* stats (bytes; the dirty rate arrives in pages per second).
 * Until QEMU has counted what there is to move (the destination is still being prepared), everything is 0.
 * Only for a running job: the task's end says 100 %.
 */
export function progressOf(job: JobStats): TaskProgress {
  const s = job.stats;
  const total = n(s.data_total), remaining = n(s.data_remaining);
  // 99 at most while the job runs: a copied disk can be done before the memory pass has even been counted.
  const percent = total > 0 ? Math.min(99, Math.max(0, Math.floor(((total - remaining) / total) * 100))) : 0;
  return {
    percent,
    data_processed: n(s.data_processed),
    data_remaining: remaining,
    data_total: total,
    memory_dirty_rate: n(s.memory_dirty_rate) * (n(s.memory_page_size) || 4096),
    elapsed_ms: n(s.time_elapsed),
    expected_downtime_ms: n(s.downtime),
  };
}

const running = (t: number) => t === DomainJobType.BOUNDED || t === DomainJobType.UNBOUNDED;

/**
 * Poll the source's job stats while the migration call is in flight. `report` gets each reading; `onStart` runs once
 * when libvirt first reports the job (the moment a max downtime can be set). Returns the stop function.
 */
export function watchJob(
  conn: Connection, dom: Domain, report: (p: TaskProgress) => void, onStart: () => Promise<unknown>, logger?: HandlerLogger,
): () => void {
  let busy = false, started = false, stopped = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const job = await conn.domainGetJobStats(dom);
      if (stopped || !running(job.type)) return;
      if (!started) {
        started = true;
        await onStart().catch((err) => logger?.warn({ err, vm: dom.name }, 'could not tune the migration'));
      }
      report(progressOf(job));
    } catch {
      // The guest has left the source (or the job just ended): the migration call's own answer says how.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), POLL_MS);
  timer.unref();
  return () => { stopped = true; clearInterval(timer); };
}
