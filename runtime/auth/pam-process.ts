// PAM checks in a child process with its own thread pool and a bounded queue, so slow failures cannot starve ours.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../paths.ts';

export interface PamRequest { username: string; password: string; service: string; remoteHost?: string }

export interface PamProcessOptions {
  /** Checks running at once (the child's thread pool size): a failed pam_unix check holds its thread ~2-3 s. */
  concurrency?: number;
  /** Checks waiting beyond those; more are refused at once (the caller answers "try again"). */
  maxQueue?: number;
  /** A check that has not answered by then is given up (PAM backed by an unreachable directory). */
  timeoutMs?: number;
}

export class PamBusyError extends Error {}

interface Job { req: PamRequest; resolve(ok: boolean): void; reject(e: Error): void }

export function pamProcess(opts: PamProcessOptions = {}) {
  const concurrency = opts.concurrency ?? 16;
  const maxQueue = opts.maxQueue ?? 256;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let child: ChildProcess | undefined;
  let nextId = 1;
  const running = new Map<number, Job & { timer: ReturnType<typeof setTimeout> }>();
  const queue: Job[] = [];

  function spawnChild(): ChildProcess {
    const c = fork(join(ROOT, 'runtime', 'auth', 'pam-child.mjs'), [], {
      execArgv: [], serialization: 'json', stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, UV_THREADPOOL_SIZE: String(concurrency) },
    });
    c.on('message', (m: { id: number; ok: boolean }) => {
      const job = running.get(m.id);
      if (!job) return;
      running.delete(m.id);
      clearTimeout(job.timer);
      job.resolve(m.ok === true);
      pump();
    });
    c.on('exit', () => {
      if (child === c) child = undefined;
      for (const [id, job] of running) { clearTimeout(job.timer); running.delete(id); job.reject(new PamBusyError('the PAM process ended')); }
      pump();
    });
    c.on('error', () => undefined); // an exit follows
    return c;
  }

  /** Start queued checks while there is room; the child only keeps the server alive while it has work. */
  function pump(): void {
    while (queue.length && running.size < concurrency) {
      child ??= spawnChild();
      const job = queue.shift()!;
      const id = nextId++;
      const timer = setTimeout(() => {
        running.delete(id);
        job.reject(new PamBusyError('PAM did not answer in time'));
        pump();
      }, timeoutMs);
      running.set(id, { ...job, timer });
      child.send({ id, ...job.req });
    }
    if (!child) return;
    const busy = running.size > 0;
    const channel = child.channel as { ref?(): void; unref?(): void } | undefined;
    if (busy) { child.ref(); channel?.ref?.(); } else { child.unref(); channel?.unref?.(); }
  }

  return {
    check(req: PamRequest): Promise<boolean> {
      if (queue.length >= maxQueue) return Promise.reject(new PamBusyError('too many PAM checks waiting'));
      return new Promise<boolean>((resolve, reject) => { queue.push({ req, resolve, reject }); pump(); });
    },
    /** Stop the child (checks still running are refused). */
    close(): void { child?.kill(); },
  };
}
