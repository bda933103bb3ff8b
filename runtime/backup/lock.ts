// <data-dir>/kimchi.pid: written by a running server, so `kimchi-ts restore` can tell it must not touch the database.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PID_FILE = 'kimchi.pid';

/** Marks the data dir as in use by this process; the returned function removes the mark (if it is still ours). */
export function claimDataDir(dataDir: string): () => void {
  const file = join(dataDir, PID_FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try { if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true }); } catch { /* gone already */ }
  };
}

/** The pid of a live process that claimed the data dir, or undefined (none, or a stale file a crash left behind). */
export function serverPid(dataDir: string): number | undefined {
  let pid: number;
  try { pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim()); } catch { return undefined; }
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
