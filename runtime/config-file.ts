// The configuration file (`--config FILE`): `key = value` lines whose keys are the long CLI option names.
import { readFileSync } from 'node:fs';

/** Options that make no sense in a file: asking for help, or naming another config file. */
const NOT_IN_FILE = new Set(['help', 'config']);

export class ConfigFileError extends Error {}

/**
 * Reads `path` into {option: value}: `#` starts a comment line, blank lines are skipped, a value may be quoted
 * ("…" or '…') to keep leading or trailing spaces. Any key not in `known` is refused with its line number.
 */
export function readConfigFile(path: string, known: ReadonlySet<string>): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigFileError(`cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = `${path}:${i + 1}`;
    const eq = line.indexOf('=');
    if (eq < 1) throw new ConfigFileError(`${where}: expected "key = value", got "${line}"`);
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (!known.has(key) || NOT_IN_FILE.has(key)) throw new ConfigFileError(`${where}: unknown option "${key}"`);
    if (key in out) throw new ConfigFileError(`${where}: "${key}" is set twice`);
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    out[key] = value;
  });
  return out;
}

/** The KIMCHI_* variable of a long option name: `libvirt-uri` → `KIMCHI_LIBVIRT_URI`. */
export function envName(option: string): string {
  return `KIMCHI_${option.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * The file's settings as the environment sees them, beneath the real environment: a variable that is set wins
 * over the file, and a flag wins over both (parseOptions reads flags first, then this).
 */
export function layerConfigFile(file: Record<string, string>, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const fromFile: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(file)) fromFile[envName(key)] = value;
  return { ...fromFile, ...env };
}
