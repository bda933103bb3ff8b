// osinfo-db's unattended install scripts (install-script/**/*.xml), loaded once, and which of them an OS's medium offers.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { OSINFO_DIR, type OsEntry } from './database.ts';
import type { MediaRule } from './rules.ts';

export type Injection = 'initrd' | 'cdrom' | 'floppy' | 'disk';

export interface InstallScript {
  id: string;
  profile: string;
  /** The file name the installer looks for (preseed.cfg, fedora.ks, autounattend.xml). */
  expectedFilename: string;
  /** config parameter → required? (`policy="required"`) */
  params: Map<string, boolean>;
  injection: Injection[];
  productKeyFormat?: string;
  /** The XSLT stylesheet as osinfo-db writes it: `/install-script-config` gives the script, `/command-line` the kernel arguments. */
  stylesheet: string;
}

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: true,
  stopNodes: ['*.template'], isArray: (name) => ['install-script', 'param', 'injection-method'].includes(name),
});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Node[];
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Every `<install-script>` of one file (normally one). */
export function parseScriptFile(xml: string): InstallScript[] {
  const root = ((parser.parse(xml) as Node).libosinfo ?? {}) as Node;
  return list(root['install-script']).flatMap((s) => {
    const id = str(s['@id']);
    const stylesheet = str(s.template)?.trim();
    if (!id || !stylesheet?.startsWith('<xsl:stylesheet')) return []; // a remote template (uri=…) is not used here
    const params = new Map(list((s.config as Node | undefined)?.param).map((p) => [String(p['@name']), p['@policy'] === 'required']));
    return [{
      id, profile: str(s.profile) ?? 'jeos', expectedFilename: str(s['expected-filename']) ?? 'install-script',
      params, injection: (s['injection-method'] as unknown[] ?? []).map(String) as Injection[],
      productKeyFormat: str(s['product-key-format']), stylesheet,
    }];
  });
}

async function xmlFiles(dir: string): Promise<string[]> {
  const found = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(found.map((d) => (d.isDirectory() ? xmlFiles(join(dir, d.name)) : Promise.resolve(d.name.endsWith('.xml') ? [join(dir, d.name)] : []))));
  return nested.flat().sort();
}

const cache = new Map<string, Promise<Map<string, InstallScript>>>();

/** The scripts by id; read once per database directory. */
export function loadInstallScripts(dir: string = OSINFO_DIR): Promise<Map<string, InstallScript>> {
  let hit = cache.get(dir);
  if (!hit) {
    hit = (async () => {
      const files = await xmlFiles(join(dir, 'install-script'));
      const scripts = (await Promise.all(files.map(async (f) => parseScriptFile(await readFile(f, 'utf8'))))).flat();
      return new Map(scripts.map((s) => [s.id, s]));
    })();
    hit.catch(() => cache.delete(dir));
    cache.set(dir, hit);
  }
  return hit;
}

/** What an unattended install of one medium uses: the scripts of one profile and the one way all of them reach the installer. */
export interface InstallOffer {
  os: string;
  profile: string;
  scripts: InstallScript[];
  injection: Injection;
  /** The installer's kernel and initrd inside the ISO (initrd injection boots them directly). */
  kernel?: string;
  initrd?: string;
}

/** We make initrd and CD-ROM injections; floppy and disk images are not made (only pre-Vista Windows needs a floppy). */
const MADE: Injection[] = ['initrd', 'cdrom'];

/**
 * As libosinfo and virt-install choose: a medium marked installer-script="false" offers nothing; its own script list
 * wins over the OS's; the jeos profile (fewest questions) over desktop. Initrd injection needs the kernel and initrd paths.
 */
export function offerFor(entry: OsEntry, rule: MediaRule | undefined, scripts: Map<string, InstallScript>): InstallOffer | undefined {
  if (rule && rule.installerScript === false) return undefined;
  const ids = rule?.scripts?.length ? rule.scripts : entry.installers;
  const all = ids.map((id) => scripts.get(id)).filter((s): s is InstallScript => s !== undefined);
  const profiles = [...new Set(all.map((s) => s.profile))].sort();
  const profile = profiles.includes('jeos') ? 'jeos' : profiles.includes('desktop') ? 'desktop' : profiles[0];
  const chosen = all.filter((s) => s.profile === profile);
  const bootable = !!(rule?.kernel && rule.initrd);
  const injection = MADE.find((m) => (m !== 'initrd' || bootable) && chosen.length > 0 && chosen.every((s) => s.injection.includes(m)));
  if (!injection) return undefined;
  return { os: entry.id, profile, scripts: chosen, injection, ...(bootable ? { kernel: rule!.kernel, initrd: rule!.initrd } : {}) };
}
