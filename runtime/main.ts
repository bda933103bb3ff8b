// `npm start`: read options, start the server, tell systemd; SIGHUP reopens log files, SIGTERM/SIGINT drain and stop.
import { OptionsError, parseOptions, USAGE } from './options.ts';
import { openLog } from './logging.ts';
import { systemdNotifier } from './systemd.ts';
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

// Logs go to stdout, and unless systemd's journal takes stdout, to rotated files in --log-dir (debug reports include them).
const logs = await openLog({ dir: options.logDir, maxBytes: options.logMaxBytes, maxFiles: options.logMaxFiles });
const log = logs.log;
const systemd = systemdNotifier();
process.on('SIGHUP', () => {
  logs.reopen();
  log.info({ file: logs.file() }, 'log file reopened');
});

try {
  const auth = pamProvider({
    pamService: options.pamService, adminGroups: options.adminGroups, secureCookies: !!options.tls,
    auditRetention: { maxAgeMs: options.auditMaxAgeDays * 86_400_000, maxEntries: options.auditMaxEntries },
    recheckMs: options.sessionRecheckSeconds * 1000,
  });
  const server = await startServer({ ...options, auth, logger: log, logDir: logs.file() ? options.logDir : undefined });
  const healthOf = async () => {
    const r = await server.app.request('/api/health');
    return ((await r.json()) as { status: string }).status;
  };
  await systemd.notify({ READY: '1', STATUS: await healthOf() });
  const stopWatchdog = systemd.startWatchdog(healthOf);
  let signals = 0;
  const stop = (signal: string) => {
    if (++signals > 1) process.exit(1); // a second signal: stop now
    log.info({ signal }, 'shutting down');
    stopWatchdog();
    Promise.all([systemd.notify({ STOPPING: '1' }), server.close()]).then(() => logs.close()).then(() => process.exit(0), (err) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  log.fatal({ err }, 'cannot start');
  process.exit(1);
}
