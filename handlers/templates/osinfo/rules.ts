// osinfo-db's media and tree rules: compiling their PCRE-style regexes and matching them to an image's facts.
import type { VolumeDescriptor } from './iso9660.ts';

/** One `<media>` entry's `<iso>` block; a field left out of the XML is undefined and matches anything. */
export interface MediaRule {
  arch: string;
  volumeId?: RegExp;
  systemId?: RegExp;
  publisherId?: RegExp;
  applicationId?: RegExp;
  volumeSize?: number;
  /** The installer's kernel and initrd inside the image (direct kernel boot of an unattended install). */
  kernel?: string;
  initrd?: string;
  /** false: osinfo-db marks this medium (a live image) as not installable by script. */
  installerScript?: boolean;
  /** Install scripts named by this medium itself (they replace the OS's own list). */
  scripts?: string[];
}

/** One `<tree>` entry's `<treeinfo>` block (the `[general]` facts of a `.treeinfo` file). */
export interface TreeRule {
  arch: string;
  family?: RegExp;
  version?: RegExp;
  variant?: RegExp;
  treeArch?: RegExp;
}

/** What an image's tree-info files say about it (`.treeinfo`, `.disk/info`, `README.diskdefines`, `media.1/products`). */
export interface TreeFacts {
  family?: string;
  version?: string;
  arch?: string;
  variant?: string;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
};

/**
 * osinfo matches with GLib's g_regex (PCRE) as a search, not a whole-string match: the database anchors
 * with `^`/`$` itself where it means to, and Windows rules such as `(J_)?CEDN?A_X86FRE_` rely on matching a
 * prefix. We keep that, translate the few PCRE-only spellings, and never throw on a pattern JS rejects.
 */
export function compileOsinfoRegex(source: string | undefined): RegExp | undefined | null {
  if (source === undefined || source === '') return undefined;
  let flags = '';
  let body = source.replace(/^\(\?([a-z]+)\)/, (_, f: string) => {
    if (f.includes('i')) flags += 'i';
    return '';
  });
  body = body.replace(/\[:(\w+):\]/g, (m, cls: string) => POSIX_CLASSES[cls] ?? m).replace(/\\A/g, '^').replace(/\\[Zz]/g, '$');
  try {
    return new RegExp(body, flags);
  } catch {
    return null; // a pattern we cannot read must never match (null), unlike an absent field (undefined)
  }
}

export type Facts = Pick<VolumeDescriptor, 'systemId' | 'volumeId' | 'publisherId' | 'applicationId' | 'volumeSize'>;

/** How many fields of `rule` the image matches, or 0 when any present field disagrees (or nothing was compared). */
export function mediaScore(rule: MediaRule, facts: Facts): number {
  const pairs: [RegExp | undefined, string][] = [
    [rule.volumeId, facts.volumeId], [rule.systemId, facts.systemId],
    [rule.publisherId, facts.publisherId], [rule.applicationId, facts.applicationId],
  ];
  let score = 0;
  for (const [re, value] of pairs) {
    if (!re) continue;
    if (!re.test(value)) return 0;
    score++;
  }
  if (rule.volumeSize !== undefined) {
    if (rule.volumeSize !== facts.volumeSize) return 0;
    score++;
  }
  return score;
}

/** Whether a `<treeinfo>` rule agrees with what the image's `.treeinfo` says (family and version are required). */
export function treeAgrees(rule: TreeRule, facts: TreeFacts): boolean {
  if (!rule.family || !rule.version || !facts.family || !facts.version) return false;
  const ok = (re: RegExp | undefined, v: string | undefined) => !re || v === undefined || re.test(v);
  return rule.family.test(facts.family) && rule.version.test(facts.version) && ok(rule.treeArch, facts.arch) && ok(rule.variant, facts.variant);
}

/** Whether a version read from tree-info names this OS version: `11.5.0` is Debian `11`, `22.04.1` is Ubuntu `22.04`. */
export function versionAgrees(osVersion: string, seen: string): boolean {
  return seen === osVersion || seen.startsWith(`${osVersion}.`);
}
