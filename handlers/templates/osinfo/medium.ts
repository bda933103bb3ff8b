// Opening an install medium to read it: only a regular file or a block device, a few reads at once, a time limit.
import type { Stats } from 'node:fs';
import { constants, open, stat, type FileHandle } from 'node:fs/promises';
import pLimit from 'p-limit';

/** How long reading one medium may take: a stuck network mount answers "too slow" instead of hanging the request. */
export const READ_LIMIT_MS = 10_000;
/**
 * Media read at once. Each read holds one of libuv's four pool threads while it waits, and the rest of the server
 * (static files, SQLite, PAM) needs the others; the pool is the process's, so this limit is too.
 */
const reads = pLimit(2);

/** What a path is when it is not something an image can be read from. */
export function notMediumKind(st: Stats): string | undefined {
  if (st.isFile() || st.isBlockDevice()) return undefined;
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isDirectory()) return 'a directory';
  return 'not a file';
}

/** Rejects when `work` takes longer than `ms`; `work` goes on and cleans up after itself. */
export function timeLimit<T>(work: Promise<T>, ms: number, path: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`reading ${path} took longer than ${ms / 1000} s`)), ms);
  });
  work.catch(() => undefined); // a read that fails after the limit has nobody left to tell
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function openChecked(path: string): Promise<FileHandle> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`ISO image ${path} does not exist`, { cause: err });
    throw new Error(`cannot open ISO image ${path}: ${code ?? String(err)}`, { cause: err });
  }
  // Opening a FIFO waits for a writer forever (and a device may do anything): look before opening.
  const kind = notMediumKind(st);
  if (kind) throw new Error(`${path} is ${kind}, so not an ISO 9660 image`);
  let fh: FileHandle;
  try {
    // O_NONBLOCK: should a FIFO replace the file after the look, opening it still returns at once.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new Error(`cannot open ISO image ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  const again = notMediumKind(await fh.stat());
  if (again) { await fh.close(); throw new Error(`${path} is ${again}, so not an ISO 9660 image`); }
  return fh;
}

/**
 * Opens `path` read-only and hands the handle to `use`: only a regular file or a block device, at most `limitMs` for
 * the whole read (waiting for a free read slot included), with clear messages for what is missing or unfit.
 */
export function withImage<T>(path: string, use: (fh: FileHandle) => Promise<T>, limitMs = READ_LIMIT_MS): Promise<T> {
  return timeLimit(reads(async () => {
    const fh = await openChecked(path);
    try {
      return await use(fh);
    } finally {
      await fh.close();
    }
  }), limitMs, path);
}
