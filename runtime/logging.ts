// The server's log: stdout always; under systemd's journal nothing else, otherwise also size-rotated files (pino-roll).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import roll from 'pino-roll';

export interface LogOptions {
  dir: string;
  /** A file is rotated at this size; `maxFiles` rotated files are kept besides the current one. */
  maxBytes: number;
  maxFiles: number;
  level?: string;
  /** Where the copy of every line goes besides the file (default stdout). */
  stdout?: NodeJS.WritableStream;
}

export interface ServerLog {
  log: Logger;
  /** The current file, or undefined when logging to the journal only. */
  file(): string | undefined;
  /** Reopens the current file by name (SIGHUP): after an outside tool moved it away, a new one is made. */
  reopen(): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** systemd sets JOURNAL_STREAM when stdout goes to the journal, which then stores, rotates and bounds the log. */
export function underJournal(env: NodeJS.ProcessEnv): boolean {
  return !!env.JOURNAL_STREAM;
}

/** Files are <dir>/kimchi.<n>.log; numbering continues after the highest one already there. */
export async function openLog(opts: LogOptions, env: NodeJS.ProcessEnv = process.env): Promise<ServerLog> {
  const level = opts.level ?? env.KIMCHI_LOG_LEVEL ?? 'info';
  const stdout = opts.stdout ?? process.stdout;
  if (underJournal(env)) {
    return { log: pino({ level }, stdout), file: () => undefined, reopen: () => undefined, close: async () => undefined };
  }
  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true, mode: 0o750 });
  // pino-roll counts size in MB when given a number; a string with a unit keeps small test sizes exact.
  const stream = await roll({
    file: resolve(dir, 'kimchi'), extension: '.log', size: `${Math.max(1, Math.round(opts.maxBytes / 1024))}k`,
    // Counted over the whole directory (files of earlier runs too), the current one included: hence + 1.
    limit: { count: opts.maxFiles + 1, removeOtherLogFiles: true }, sync: true, mkdir: true,
  });
  const log = pino({ level }, pino.multistream([
    { level: 'trace', stream: stdout },
    { level: 'trace', stream },
  ]));
  return {
    log,
    file: () => stream.file as string,
    reopen: () => stream.reopen(),
    close: () => new Promise<void>((done) => {
      stream.once('close', () => done());
      stream.end();
    }),
  };
}
