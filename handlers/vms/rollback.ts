// Multi-step work that undoes itself: each done step records its undo; a failure runs them newest first.
// With a journal, each step is also written to SQLite (pending_undo), so a server that stops mid-way undoes the
// steps at its next start (handlers/vms/recover.ts) instead of leaving orphan volumes or half-made domains.
import { forgetTaskUndos, forgetUndo, recordUndo, type Db } from '../../db/index.ts';
import type { UndoKind } from '../../db/schema.ts';
import { LibvirtError } from '../../libvirt/index.ts';
import type { HandlerLogger } from '../common/context.ts';

/** A step in a form the next start can replay without this process: what to remove or put back. */
export type UndoStep =
  | { kind: 'volume'; pool: string; name: string }
  | { kind: 'host_volume'; host: string; pool: string; name: string }
  | { kind: 'domain'; uuid: string }
  | { kind: 'vm_meta'; uuid: string }
  | { kind: 'template'; name: string }
  | { kind: 'redefine'; xml: string };

export class Rollback {
  private readonly undos: Array<{ what: string; run: () => unknown; row?: number }> = [];

  constructor(
    private readonly logger?: HandlerLogger,
    private readonly context: object = {},
    private readonly journal?: { db: Db; taskId: number },
  ) {}

  /** Record how to undo a step that just succeeded; `step` makes it survive a stop of the server. */
  push(what: string, run: () => unknown, step?: UndoStep): void {
    this.undos.push({ what, run, row: this.record(step) });
  }

  /**
   * Do a step that leaves something behind while it runs (a volume libvirt fills for minutes), journaling its undo
   * BEFORE it starts: a server killed mid-step leaves the intent, and the next start undoes whatever the step got to
   * (nothing, when it never began). When libvirt answers that the step failed, it made nothing, so the intent goes;
   * any other failure (the connection dropped) leaves it for that replay.
   */
  async make<T>(what: string, step: UndoStep, make: () => Promise<T>, undo: (made: T) => unknown): Promise<T> {
    const row = this.record(step);
    let made: T;
    try {
      made = await make();
    } catch (e) {
      if (row !== undefined && e instanceof LibvirtError) forgetUndo(this.journal!.db, row);
      throw e;
    }
    this.undos.push({ what, run: () => undo(made), row });
    return made;
  }

  private record(step: UndoStep | undefined): number | undefined {
    if (!this.journal || !step) return undefined;
    const { kind, ...args } = step;
    return recordUndo(this.journal.db, this.journal.taskId, kind as UndoKind, args as Record<string, string>);
  }

  /** The work succeeded: nothing to undo any more. */
  commit(): void {
    this.undos.length = 0;
    if (this.journal) forgetTaskUndos(this.journal.db, this.journal.taskId);
  }

  /**
   * Undo every recorded step, newest first; an undo that fails is logged and the others still run. A failed
   * step stays in the journal, so the next start tries it again.
   */
  async run(): Promise<string[]> {
    const failed: string[] = [];
    while (this.undos.length) {
      const u = this.undos.pop()!;
      try {
        await u.run();
        if (u.row !== undefined) forgetUndo(this.journal!.db, u.row);
      } catch (err) {
        failed.push(u.what);
        this.logger?.error({ ...this.context, err, undo: u.what }, 'rollback step failed');
      }
    }
    return failed;
  }
}
