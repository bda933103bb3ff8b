// Multi-step work that undoes itself: each done step records its undo; a failure runs them newest first.
import type { HandlerLogger } from '../common/context.ts';

export class Rollback {
  private readonly undos: Array<{ what: string; run: () => unknown }> = [];

  constructor(private readonly logger?: HandlerLogger, private readonly context: object = {}) {}

  /** Record how to undo a step that just succeeded. */
  push(what: string, run: () => unknown): void {
    this.undos.push({ what, run });
  }

  /** The work succeeded: nothing to undo any more. */
  commit(): void {
    this.undos.length = 0;
  }

  /** Undo every recorded step, newest first; an undo that fails is logged and the others still run. */
  async run(): Promise<string[]> {
    const failed: string[] = [];
    while (this.undos.length) {
      const u = this.undos.pop()!;
      try {
        await u.run();
      } catch (err) {
        failed.push(u.what);
        this.logger?.error({ ...this.context, err, undo: u.what }, 'rollback step failed');
      }
    }
    return failed;
  }
}
