// restoreBackup: put a checked backup's database in place of <data-dir>/kimchi.db while the server is stopped.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SchemaStanding } from '../../db/backup.ts';
import { BackupError, openBackup, type Manifest } from './archive.ts';
import { PID_FILE, serverPid } from './lock.ts';

export interface Restored { manifest: Manifest; standing: SchemaStanding; database: string; previous?: string }

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

/**
 * Refuses while a server holds the data dir (its pid file names a live process), and refuses a damaged backup or
 * one from a newer release (archive.ts), before anything is moved. The database it replaces — with its WAL, which
 * may hold the newest writes — is kept beside it as kimchi.db.before-restore-<time>, never deleted. An older
 * schema is fine: the server's next start applies the newer migrations, as after any upgrade.
 */
export async function restoreBackup(file: string, dataDir: string, opts: { migrationsFolder: string; now?: Date }): Promise<Restored> {
  const dir = resolve(dataDir);
  const pid = serverPid(dir);
  if (pid !== undefined) {
    throw new BackupError(`a Kimchi-TS server (pid ${pid}) is running with ${dir}: stop it first (systemctl stop kimchi-ts), `
      + `then restore. If no server runs, remove the stale ${join(dir, PID_FILE)}`);
  }
  if (!existsSync(file)) throw new BackupError(`${file}: no such file`);
  mkdirSync(dir, { recursive: true });
  const opened = await openBackup(resolve(file), dir, opts.migrationsFolder);
  try {
    const database = join(dir, 'kimchi.db');
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    let previous: string | undefined;
    for (const suffix of SIDE_FILES) {
      if (!existsSync(database + suffix)) continue;
      const aside = `${database}.before-restore-${stamp}${suffix}`;
      renameSync(database + suffix, aside);
      if (suffix === '') previous = aside;
    }
    renameSync(opened.dbFile, database); // same folder, same filesystem: atomic
    return { manifest: opened.manifest, standing: opened.standing, database, previous };
  } finally {
    opened.cleanup();
  }
}
