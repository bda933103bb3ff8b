// The backup file: a gzipped tar of manifest.json and kimchi.db (an online SQLite copy); writing it and checking one.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import { appliedMigrations, integrityProblems, readJournal, schemaStanding, snapshotDatabase, type SchemaStanding } from '../../db/backup.ts';

export const BACKUP_FORMAT = 'kimchi-ts-backup';
const DB_NAME = 'kimchi.db', MANIFEST = 'manifest.json';

/** manifest.json: what made the backup, when, at which migration, and the database's size and SHA-256. */
export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  version: string;
  createdAt: string;
  migration: { applied: number; tag: string | null; createdAt: number | null };
  database: { file: typeof DB_NAME; bytes: number; sha256: string };
}

/** A backup that cannot be used, with a message for the admin (never a stack). */
export class BackupError extends Error {}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes a backup of the open database `sqlite` to `file` (replaced only once complete; mode 0600, as the database
 * holds session hashes and the audit log). Safe while the server runs and writes.
 */
export async function writeBackup(sqlite: Database.Database, file: string, opts: { version: string; migrationsFolder: string }): Promise<Manifest> {
  const target = resolve(file);
  const work = mkdtempSync(join(dirname(target), '.kimchi-backup-'));
  const partial = `${target}.partial`;
  try {
    const copy = join(work, DB_NAME);
    await snapshotDatabase(sqlite, copy);
    const db = new Database(copy, { readonly: true });
    const applied = (() => { try { return appliedMigrations(db); } finally { db.close(); } })();
    const standing = schemaStanding(applied, readJournal(opts.migrationsFolder));
    const last = applied.at(-1) ?? null;
    const manifest: Manifest = {
      format: BACKUP_FORMAT, formatVersion: 1, version: opts.version, createdAt: new Date().toISOString(),
      migration: { applied: applied.length, tag: standing.kind === 'newer' ? null : standing.tag ?? null, createdAt: last },
      database: { file: DB_NAME, bytes: readFileSync(copy).byteLength, sha256: await sha256(copy) },
    };
    writeFileSync(join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(partial, '', { mode: 0o600 });
    await tar.c({ gzip: true, file: partial, cwd: work, portable: true }, [MANIFEST, DB_NAME]);
    renameSync(partial, target);
    return manifest;
  } finally {
    rmSync(partial, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

export interface OpenedBackup { manifest: Manifest; dbFile: string; standing: SchemaStanding; cleanup(): void }

/**
 * Unpacks `file` into a new folder under `workDir` and checks it: the two expected entries and nothing else, a
 * manifest of our format, the database's SHA-256, SQLite's integrity check, and a schema this release knows
 * (a backup from a newer release is refused). The caller moves `dbFile` into place, then calls cleanup().
 */
export async function openBackup(file: string, workDir: string, migrationsFolder: string): Promise<OpenedBackup> {
  if (!existsSync(file)) throw new BackupError(`${file}: no such file`);
  const work = mkdtempSync(join(workDir, '.kimchi-restore-'));
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  try {
    const seen: string[] = [];
    try {
      await tar.x({
        file, cwd: work, strict: true,
        filter: (path, entry) => { seen.push(path); return (path === MANIFEST || path === DB_NAME) && 'type' in entry && entry.type === 'File'; },
      });
    } catch (e) {
      throw new BackupError(`${file} is not a Kimchi-TS backup (a gzipped tar): ${(e as Error).message}`);
    }
    const extra = seen.filter((p) => p !== MANIFEST && p !== DB_NAME);
    if (extra.length) throw new BackupError(`${file} holds files a Kimchi-TS backup does not (${extra.slice(0, 3).join(', ')}): refused`);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(join(work, MANIFEST), 'utf8'));
    } catch {
      throw new BackupError(`${file} has no readable ${MANIFEST}: not a Kimchi-TS backup`);
    }
    if (manifest?.format !== BACKUP_FORMAT || manifest.formatVersion !== 1) {
      throw new BackupError(`${file} is not a Kimchi-TS backup of a format this release reads (format ${String(manifest?.format)}, version ${String(manifest?.formatVersion)})`);
    }
    const dbFile = join(work, DB_NAME);
    if (!existsSync(dbFile)) throw new BackupError(`${file} has no ${DB_NAME}: the backup is incomplete`);
    if ((await sha256(dbFile)) !== manifest.database?.sha256) throw new BackupError(`${file}: the database does not match its manifest's SHA-256 (the file is damaged)`);
    const standing = checkDatabase(file, dbFile, migrationsFolder, manifest);
    return { manifest, dbFile, standing, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** SQLite's integrity check and the schema's standing, read from the database itself (not trusted from the manifest). */
function checkDatabase(file: string, dbFile: string, migrationsFolder: string, manifest: Manifest): SchemaStanding {
  let db: Database.Database;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new BackupError(`${file}: the database cannot be opened: ${(e as Error).message}`);
  }
  try {
    let problems: string[];
    try { problems = integrityProblems(db); } catch (e) { problems = [(e as Error).message]; }
    if (problems.length) throw new BackupError(`${file}: the database is damaged (SQLite: ${problems.join('; ')})`);
    const standing = schemaStanding(appliedMigrations(db), readJournal(migrationsFolder));
    if (standing.kind === 'newer') {
      throw new BackupError(`${file} was made by a newer release (Kimchi-TS ${manifest.version}, ${standing.applied} migrations, `
        + `${standing.unknown.length} this release does not know): upgrade Kimchi-TS first, then restore`);
    }
    return standing;
  } finally {
    db.close();
  }
}
