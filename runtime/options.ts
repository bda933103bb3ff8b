// Command-line options and KIMCHI_* environment variables, validated into the server's config.
import { parseArgs } from 'node:util';

export interface Options { host: string; port: number; libvirtUri: string; dataDir: string; help: boolean }

export const USAGE = `Usage: npm start -- [options]
  --host <addr>         listen address (env KIMCHI_HOST, default 127.0.0.1)
  --port <n>            listen port, 0 picks a free one (env KIMCHI_PORT, default 8000)
  --libvirt-uri <uri>   libvirt connection URI (env KIMCHI_LIBVIRT_URI, default qemu:///system)
  --data-dir <dir>      where the database lives, created if missing (env KIMCHI_DATA_DIR, default ./data)
  --help                show this text`;

export class OptionsError extends Error {}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        host: { type: 'string' }, port: { type: 'string' }, 'libvirt-uri': { type: 'string' },
        'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new OptionsError((e as Error).message);
  }
  const portText = values.port ?? env.KIMCHI_PORT ?? '8000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new OptionsError(`invalid port: ${portText}`);
  const pick = (v: string | undefined, name: string, fallback: string) => {
    const value = v ?? env[name] ?? fallback;
    if (!value) throw new OptionsError(`empty value for ${name}`);
    return value;
  };
  return {
    host: pick(values.host, 'KIMCHI_HOST', '127.0.0.1'),
    port,
    libvirtUri: pick(values['libvirt-uri'], 'KIMCHI_LIBVIRT_URI', 'qemu:///system'),
    dataDir: pick(values['data-dir'], 'KIMCHI_DATA_DIR', './data'),
    help: values.help ?? false,
  };
}
