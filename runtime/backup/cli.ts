// `kimchi-ts backup FILE` and `kimchi-ts restore FILE`: subcommands of the server's entry point (runtime/main.ts).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MIGRATIONS_DIR } from '../paths.ts';
import { ConfigFileError, layerConfigFile, readConfigFile } from '../config-file.ts';
import { OPTION_NAMES } from '../options.ts';
import { VERSION } from '../version.ts';
import { BackupError, writeBackup } from './archive.ts';
import { restoreBackup } from './restore.ts';

export const SUBCOMMANDS = ['backup', 'restore'] as const;

export const BACKUP_USAGE = `Usage: npm start -- backup FILE [--data-dir <dir>]
       npm start -- restore FILE [--data-dir <dir>]
  backup    writes a consistent copy of <data-dir>/kimchi.db with a manifest to FILE (a .tar.gz); the server may run
  restore   replaces <data-dir>/kimchi.db with FILE's database; the server must be stopped. A backup from a newer
            release, or a damaged one, is refused; the database it replaces is kept as kimchi.db.before-restore-<time>
  --data-dir <dir>  env KIMCHI_DATA_DIR, else the config file's data-dir, default ./data
  --config <file>   the server's config file (env KIMCHI_CONFIG; the installed kimchi-ts command sets it)`;

interface Io { out(text: string): void; err(text: string): void }

/** Runs one subcommand; the exit status: 0 done, 1 refused or failed (the reason on stderr), 2 bad usage. */
export async function runBackupCommand(argv: string[], env: NodeJS.ProcessEnv, io: Io = {
  out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`),
}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { 'data-dir': { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err(`${(e as Error).message}\n${BACKUP_USAGE}`);
    return 2;
  }
  const [command, file, ...rest] = parsed.positionals;
  if (parsed.values.help) { io.out(BACKUP_USAGE); return 0; }
  if (!SUBCOMMANDS.includes(command as never) || !file || rest.length) { io.err(BACKUP_USAGE); return 2; }
  // The config file (--config or KIMCHI_CONFIG, as the server reads it; the installed kimchi-ts command sets it) names
  // the data directory below --data-dir and KIMCHI_DATA_DIR.
  const config = parsed.values.config ?? env.KIMCHI_CONFIG;
  try {
    if (config) env = layerConfigFile(readConfigFile(config, OPTION_NAMES), env);
  } catch (e) {
    if (!(e instanceof ConfigFileError)) throw e;
    io.err(e.message);
    return 2;
  }
  const dataDir = resolve(parsed.values['data-dir'] ?? env.KIMCHI_DATA_DIR ?? './data');
  try {
    if (command === 'backup') {
      const path = join(dataDir, 'kimchi.db');
      if (!existsSync(path)) throw new BackupError(`${path}: no database to back up (is --data-dir right?)`);
      const sqlite = new Database(path, { fileMustExist: true });
      sqlite.pragma('busy_timeout = 5000');
      try {
        const m = await writeBackup(sqlite, file, { version: VERSION, migrationsFolder: MIGRATIONS_DIR });
        io.out(`backed up ${path} (${m.database.bytes} bytes, migration ${m.migration.tag ?? 'unknown'}) to ${resolve(file)}`);
      } finally {
        sqlite.close();
      }
    } else {
      const r = await restoreBackup(file, dataDir, { migrationsFolder: MIGRATIONS_DIR });
      io.out(`restored ${r.database} from ${resolve(file)} (Kimchi-TS ${r.manifest.version}, made ${r.manifest.createdAt}, `
        + `migration ${r.manifest.migration.tag ?? 'unknown'}${r.standing.kind === 'older' ? '; the next start upgrades it' : ''})`);
      if (r.previous) io.out(`the database it replaced is kept as ${r.previous}`);
    }
    return 0;
  } catch (e) {
    // Ours say what to do; others (a folder that cannot be written, a full disk) are the system's own words.
    io.err(`kimchi-ts ${command}: ${(e as Error).message}`);
    return 1;
  }
}
