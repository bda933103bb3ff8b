// `npm start`: read options, start the server, stop gracefully on SIGTERM/SIGINT (or run `backup`/`restore` and exit).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { OptionsError, parseOptions, USAGE } from './options.ts';
import { startServer } from './server.ts';
import { pamProvider } from './auth/provider.ts';
import { runBackupCommand, SUBCOMMANDS } from './backup/cli.ts';

// `backup FILE` and `restore FILE` (runtime/backup/cli.ts) run and exit; anything else starts the server.
if (SUBCOMMANDS.includes(process.argv[2] as never)) process.exit(await runBackupCommand(process.argv.slice(2), process.env));

let options;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (e) {
  if (!(e instanceof OptionsError)) throw e;
  process.stderr.write(`${e.message}\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

// Logs go to stdout and to <data-dir>/logs/kimchi.log (which debug reports include).
const logDir = join(resolve(options.dataDir), 'logs');
mkdirSync(logDir, { recursive: true });
const log = pino({ level: process.env.KIMCHI_LOG_LEVEL ?? 'info' }, pino.multistream([
  { level: 'trace', stream: process.stdout },
  { level: 'trace', stream: pino.destination({ dest: join(logDir, 'kimchi.log'), sync: true, mkdir: true }) },
]));

try {
  const auth = pamProvider({
    pamService: options.pamService, adminGroups: options.adminGroups, secureCookies: !!options.tls,
    auditRetention: { maxAgeMs: options.auditMaxAgeDays * 86_400_000, maxEntries: options.auditMaxEntries },
    recheckMs: options.sessionRecheckSeconds * 1000,
  });
  const server = await startServer({ ...options, auth, logger: log });
  let signals = 0;
  const stop = (signal: string) => {
    if (++signals > 1) process.exit(1); // a second signal: stop now
    log.info({ signal }, 'shutting down');
    server.close().then(() => process.exit(0), (err) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  log.fatal({ err }, 'cannot start');
  process.exit(1);
}
