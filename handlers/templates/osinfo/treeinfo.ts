// What a distro's own tree-info files on the image say: .treeinfo, .disk/info, README.diskdefines, media.1/products.
import type { FileHandle } from 'node:fs/promises';
import type { TreeRoot } from './iso9660.ts';
import { readFileFrom } from './isofs.ts';
import type { TreeFacts } from './rules.ts';

const VERSION = /\b(\d+(?:\.\d+)*)\b/;

/** `.treeinfo` (Fedora, RHEL, CentOS, openSUSE): INI; productmd's `[release]`/`[tree]` or the older `[general]`. */
export function parseTreeinfo(text: string): TreeFacts {
  const sections = new Map<string, Map<string, string>>();
  let current = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const head = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (head) sections.set(head[1].trim().toLowerCase(), (current = new Map()));
    const kv = /^\s*([\w.-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (kv && !head) current.set(kv[1].toLowerCase(), kv[2]);
  }
  const get = (section: string, key: string) => sections.get(section)?.get(key) || undefined;
  return {
    family: get('general', 'family') ?? get('release', 'name'),
    version: get('general', 'version') ?? get('release', 'version'),
    arch: get('general', 'arch') ?? get('tree', 'arch'),
    variant: get('general', 'variant'),
  };
}

/** `.disk/info` (Debian, Ubuntu): one line such as `Debian GNU/Linux 12.5.0 "Bookworm" - Official amd64 NETINST …`. */
export function parseDiskInfo(text: string): TreeFacts {
  const line = text.split(/\r?\n/)[0]?.trim() ?? '';
  const m = VERSION.exec(line);
  if (!m) return {};
  return { family: line.slice(0, m.index).trim() || undefined, version: m[1], arch: /\b(amd64|i386|arm64|armhf|ppc64el|s390x)\b/.exec(line)?.[1] };
}

/** `README.diskdefines` (Ubuntu): `#define DISKNAME  Ubuntu 22.04.1 LTS "Jammy Jellyfish" - Release amd64`. */
export function parseDiskDefines(text: string): TreeFacts {
  const define = (key: string) => new RegExp(`^#define\\s+${key}\\s+(.*?)\\s*$`, 'm').exec(text)?.[1];
  const name = define('DISKNAME');
  return name ? { ...parseDiskInfo(name), arch: define('ARCH') } : {};
}

/** `media.1/products` (openSUSE, SLE): `/ openSUSE-Leap 15.4-0` — a path, a product name, a version-release. */
export function parseProducts(text: string): TreeFacts {
  const m = /^\S+\s+(\S+)\s+(\d+(?:\.\d+)*)/m.exec(text);
  return m ? { family: m[1].replace(/-/g, ' '), version: m[2] } : {};
}

const SOURCES: [string, (text: string) => TreeFacts][] = [
  ['.treeinfo', parseTreeinfo],
  ['.disk/info', parseDiskInfo],
  ['README.diskdefines', parseDiskDefines],
  ['media.1/products', parseProducts],
];

/** The first tree-info file the image has that names a version, with which file it was. */
export async function readTreeFacts(fh: FileHandle, roots: TreeRoot[]): Promise<(TreeFacts & { source: string }) | undefined> {
  for (const [file, parse] of SOURCES) {
    const buf = await readFileFrom(fh, roots, file);
    if (!buf) continue;
    const facts = parse(buf.toString('utf8'));
    if (facts.version) return { ...facts, source: file };
  }
  return undefined;
}
