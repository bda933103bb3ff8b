// Command-line options and KIMCHI_* environment variables, validated into the server's config.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigFileError, layerConfigFile, readConfigFile } from './config-file.ts';

export interface Options {
  host: string; port: number; libvirtUri: string; dataDir: string; help: boolean;
  tls?: { cert: string; key: string }; httpPort?: number; pamService: string; adminGroups: string[];
  auditMaxAgeDays: number; auditMaxEntries: number; sessionRecheckSeconds: number;
  timeouts: { headersMs: number; idleMs: number };
  /** The config file read, if any. */
  config?: string;
  /** Where log files go when not under systemd's journal; rotated at logMaxBytes, keeping logMaxFiles old files. */
  logDir: string; logMaxBytes: number; logMaxFiles: number;
  metricsTokenFile?: string;
}

export const USAGE = `Usage: npm start -- [options]
       npm start -- backup FILE | restore FILE [--data-dir <dir>] [--config <file>]  (a backup of the database; restore: server stopped)
  --host <addr>         listen address (env KIMCHI_HOST, default 127.0.0.1)
  --port <n>            listen port, 0 picks a free one (env KIMCHI_PORT, default 8000)
  --libvirt-uri <uri>   libvirt connection URI (env KIMCHI_LIBVIRT_URI, default qemu:///system)
  --data-dir <dir>      where the database and logs live, created if missing (env KIMCHI_DATA_DIR, default ./data)
  --tls-cert <file>     serve HTTPS with this certificate (env KIMCHI_TLS_CERT); needs --tls-key
  --tls-key <file>      the certificate's private key (env KIMCHI_TLS_KEY)
  --http-port <n>       with TLS: plain HTTP port that redirects to HTTPS (env KIMCHI_HTTP_PORT, default 8000;
                        the HTTPS --port then defaults to 8001)
  --pam-service <name>  PAM service used for logins (env KIMCHI_PAM_SERVICE, default login)
  --admin-groups <a,b>  host groups whose members administer (env KIMCHI_ADMIN_GROUPS, default sudo,wheel,admin)
  --audit-max-age-days <n>  audit log entries older than this go (env KIMCHI_AUDIT_MAX_AGE_DAYS, default 90)
  --audit-max-entries <n>   the audit log keeps the newest n entries (env KIMCHI_AUDIT_MAX_ENTRIES, default 100000)
  --session-recheck-seconds <n>  how often live sessions are re-checked: expiry, and whether the account was locked,
                        expired or removed (env KIMCHI_SESSION_RECHECK_SECONDS, default 120)
  --headers-timeout <s> seconds a client has to send a request's headers; a connection that sends nothing is
                        closed after it (env KIMCHI_HEADERS_TIMEOUT, default 60)
  --idle-timeout <s>    seconds a connection may stay silent before it is closed; uploads and downloads may take
                        any time while bytes flow (env KIMCHI_IDLE_TIMEOUT, default 120)
  --log-dir <dir>       log files, when not run by systemd (under systemd logs go to the journal only)
                        (env KIMCHI_LOG_DIR, default <data-dir>/logs)
  --log-max-size <MB>   a log file is rotated at this size (env KIMCHI_LOG_MAX_SIZE, default 10)
  --log-max-files <n>   rotated log files kept besides the current one (env KIMCHI_LOG_MAX_FILES, default 5)
  --config <file>       read options from this file: "key = value" lines, keys are the long option names above;
                        flags beat KIMCHI_* variables, which beat the file, which beats the defaults (env KIMCHI_CONFIG)
  --metrics-token-file <file>  a token (one word, 16+ characters) a Prometheus scraper may send to GET /metrics as
                        \`Authorization: Bearer <token>\` (env KIMCHI_METRICS_TOKEN_FILE; default none: administrators only)
  --help                show this text`;

export class OptionsError extends Error {}

const SPEC = {
  host: { type: 'string' }, port: { type: 'string' }, 'libvirt-uri': { type: 'string' },
  'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'http-port': { type: 'string' },
  'pam-service': { type: 'string' }, 'admin-groups': { type: 'string' },
  'audit-max-age-days': { type: 'string' }, 'audit-max-entries': { type: 'string' },
  'session-recheck-seconds': { type: 'string' },
  'headers-timeout': { type: 'string' }, 'idle-timeout': { type: 'string' },
  'metrics-token-file': { type: 'string' },
  'log-dir': { type: 'string' }, 'log-max-size': { type: 'string' }, 'log-max-files': { type: 'string' },
  config: { type: 'string' },
} as const;
/** The long option names: the keys a config file may use. */
export const OPTION_NAMES: ReadonlySet<string> = new Set(Object.keys(SPEC));

export function parseOptions(argv: string[], processEnv: NodeJS.ProcessEnv): Options {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: SPEC }));
  } catch (e) {
    throw new OptionsError((e as Error).message);
  }
  // The config file sits beneath the environment: flags, then KIMCHI_* variables, then the file, then defaults.
  const config = values.config ?? processEnv.KIMCHI_CONFIG;
  let env = processEnv;
  if (config) {
    try {
      env = layerConfigFile(readConfigFile(config, OPTION_NAMES), processEnv);
    } catch (e) {
      if (e instanceof ConfigFileError) throw new OptionsError(e.message);
      throw e;
    }
  }
  const cert = values['tls-cert'] ?? env.KIMCHI_TLS_CERT;
  const key = values['tls-key'] ?? env.KIMCHI_TLS_KEY;
  if (!cert !== !key) throw new OptionsError('--tls-cert and --tls-key go together');
  const portOf = (text: string) => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n > 65535) throw new OptionsError(`invalid port: ${text}`);
    return n;
  };
  const port = portOf(values.port ?? env.KIMCHI_PORT ?? (cert ? '8001' : '8000'));
  const httpPortText = values['http-port'] ?? env.KIMCHI_HTTP_PORT;
  if (httpPortText !== undefined && !cert) throw new OptionsError('--http-port only applies with --tls-cert/--tls-key');
  const groups = (values['admin-groups'] ?? env.KIMCHI_ADMIN_GROUPS ?? 'sudo,wheel,admin').split(',').map((g) => g.trim()).filter(Boolean);
  const pick = (v: string | undefined, name: string, fallback: string) => {
    const value = v ?? env[name] ?? fallback;
    if (!value) throw new OptionsError(`empty value for ${name}`);
    return value;
  };
  const positive = (v: string | undefined, name: string, fallback: string) => {
    const text = pick(v, name, fallback);
    if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
      throw new OptionsError(`invalid ${name}: ${text} (a whole number, 1 or more)`);
    }
    return Number(text);
  };
  const seconds = (v: string | undefined, name: string, fallback: number) => {
    const text = v ?? env[name];
    if (text === undefined) return fallback * 1000;
    const n = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || n <= 0 || n > 86_400) throw new OptionsError(`invalid ${name}: ${text} (seconds, more than 0, at most 86400)`);
    return Math.round(n * 1000);
  };
  const dataDir = pick(values['data-dir'], 'KIMCHI_DATA_DIR', './data');
  const metricsTokenFile = values['metrics-token-file'] ?? env.KIMCHI_METRICS_TOKEN_FILE;
  return {
    ...(metricsTokenFile ? { metricsTokenFile } : {}),
    host: pick(values.host, 'KIMCHI_HOST', '127.0.0.1'),
    port,
    libvirtUri: pick(values['libvirt-uri'], 'KIMCHI_LIBVIRT_URI', 'qemu:///system'),
    dataDir,
    help: values.help ?? false,
    ...(cert && key ? { tls: { cert, key }, httpPort: portOf(httpPortText ?? '8000') } : {}),
    pamService: pick(values['pam-service'], 'KIMCHI_PAM_SERVICE', 'login'),
    adminGroups: groups,
    auditMaxAgeDays: positive(values['audit-max-age-days'], 'KIMCHI_AUDIT_MAX_AGE_DAYS', '90'),
    auditMaxEntries: positive(values['audit-max-entries'], 'KIMCHI_AUDIT_MAX_ENTRIES', '100000'),
    sessionRecheckSeconds: positive(values['session-recheck-seconds'], 'KIMCHI_SESSION_RECHECK_SECONDS', '120'),
    timeouts: {
      headersMs: seconds(values['headers-timeout'], 'KIMCHI_HEADERS_TIMEOUT', 60),
      idleMs: seconds(values['idle-timeout'], 'KIMCHI_IDLE_TIMEOUT', 120),
    },
    ...(config ? { config } : {}),
    logDir: pick(values['log-dir'], 'KIMCHI_LOG_DIR', join(dataDir, 'logs')),
    logMaxBytes: positive(values['log-max-size'], 'KIMCHI_LOG_MAX_SIZE', '10') * 1024 * 1024,
    logMaxFiles: positive(values['log-max-files'], 'KIMCHI_LOG_MAX_FILES', '5'),
  };
}
