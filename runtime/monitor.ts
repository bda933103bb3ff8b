// SanityMonitor: keeps the sanity state — rechecks on demand and on reconnect, enters error mode when libvirtd is lost.
import { EventEmitter } from 'node:events';
import type { LibvirtClient } from '../libvirt/index.ts';
import { translate, type Problem, type SanityState } from '../handlers/index.ts';
import { checkSanity, type SanityLog } from './sanity.ts';

export interface MonitorLog extends SanityLog { error(obj: object, msg: string): void }

export class SanityMonitor extends EventEmitter implements SanityState {
  /** undefined until the first check has run. */
  private problem: Problem | null | undefined = undefined;
  private running: Promise<Problem | null> | null = null;
  private stopped = false;

  constructor(private readonly client: LibvirtClient, private readonly opts: { uri: string; poolPath?: string; log: MonitorLog }) {
    super();
    client.on('disconnected', (err) => {
      opts.log.warn({ err: err.message }, 'libvirtd connection lost');
      this.set({ code: 'KCHCONF0001E', params: { uri: opts.uri } });
    });
    client.on('connected', () => { if (!this.stopped && this.current()) void this.recheck(); });
  }

  current(): Problem | null { return this.problem ?? null; }

  /** Run the check now; concurrent callers share one run. */
  recheck(): Promise<Problem | null> {
    this.running ??= this.run().finally(() => { this.running = null; });
    return this.running;
  }

  stop(): void { this.stopped = true; }

  private async run(): Promise<Problem | null> {
    let problem: Problem | null;
    try {
      const conn = this.client.connected ? this.client.connection : await this.client.open();
      problem = await checkSanity(conn, { poolPath: this.opts.poolPath, log: this.opts.log });
    } catch (e) {
      this.opts.log.warn({ err: (e as Error).message }, 'libvirtd unreachable');
      problem = { code: 'KCHCONF0001E', params: { uri: this.opts.uri } };
    }
    this.set(problem);
    return problem;
  }

  private set(problem: Problem | null): void {
    const before = this.problem === undefined ? 'unset' : JSON.stringify(this.problem);
    this.problem = problem;
    if (before === JSON.stringify(problem)) return;
    if (problem) this.opts.log.error({ code: problem.code }, translate('en-US', problem.code, problem.params));
    else this.opts.log.info({}, 'sanity check passed: libvirtd, default network and default pool are ready');
    this.emit('change', problem);
  }
}
