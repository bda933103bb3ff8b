// One osinfo-db `os/**/*.xml` file to plain records: identity, media and tree rules, own resources and devices.
import { XMLParser } from 'fast-xml-parser';
import { compileOsinfoRegex, type MediaRule, type TreeRule } from './rules.ts';

/** Own resources of one `<resources arch>` block, in bytes, as written in the file. */
export interface ResourceBlock {
  arch: string;
  inherit: boolean;
  recommended: { ram?: number; storage?: number };
  minimum: { ram?: number; storage?: number };
}

/** An `<os>` as its own file states it, before following `derives-from`/`clones`. */
export interface RawOs {
  id: string;
  shortIds: string[];
  name: string;
  distro: string;
  version: string;
  parents: string[];
  media: MediaRule[];
  trees: TreeRule[];
  resources: ResourceBlock[];
  /** device id → supported (an entry with `supported="false"` removes what a parent declared) */
  devices: Map<string, boolean>;
  /** `<installer><script id>`: the OS's unattended install scripts */
  installers: string[];
}

type Node = Record<string, unknown>;
const REPEATED = new Set(['os', 'short-id', 'name', 'media', 'tree', 'resources', 'device', 'derives-from', 'clones', 'iso', 'treeinfo', 'script']);
const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false,
  trimValues: true, isArray: (name) => REPEATED.has(name),
});

const list = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Node[];
/** An element's text whether or not it carries attributes; `xml:lang` translations are left out. */
const texts = (v: unknown): string[] =>
  list(v).flatMap((n) => (typeof n === 'string' ? [n] : n && !n['@xml:lang'] && typeof n['#text'] === 'string' ? [n['#text']] : []));
const text = (v: unknown): string | undefined => texts(v)[0];
const num = (v: unknown): number | undefined => {
  const s = text(v);
  return s === undefined || !/^\d+$/.test(s) ? undefined : Number(s);
};
const attr = (n: Node, name: string) => (typeof n[`@${name}`] === 'string' ? (n[`@${name}`] as string) : undefined);

/** A regex field: undefined when absent, a never-matching pattern when osinfo's regex cannot be read in JS. */
function field(v: unknown): RegExp | undefined {
  const re = compileOsinfoRegex(text(v));
  return re === null ? /(?!)/ : re;
}

/** The ids of an `<installer>` element's `<script id>` children. */
const scriptIds = (installer: unknown): string[] =>
  list(installer).flatMap((i) => list(i.script)).map((s) => attr(s, 'id')).filter((id): id is string => !!id);

function mediaRules(os: Node): MediaRule[] {
  return list(os.media).flatMap((m) =>
    list(m.iso).map((iso) => ({
      arch: attr(m, 'arch') ?? 'all',
      volumeId: field(iso['volume-id']), systemId: field(iso['system-id']),
      publisherId: field(iso['publisher-id']), applicationId: field(iso['application-id']),
      volumeSize: num(iso['volume-size']),
      kernel: text(m.kernel), initrd: text(m.initrd),
      installerScript: attr(m, 'installer-script') !== 'false', scripts: scriptIds(m.installer),
    })),
  );
}

function treeRules(os: Node): TreeRule[] {
  return list(os.tree).flatMap((t) =>
    list(t.treeinfo).map((ti) => ({
      arch: attr(t, 'arch') ?? 'all',
      family: field(ti.family), version: field(ti.version), variant: field(ti.variant), treeArch: field(ti.arch),
    })),
  );
}

function resourceBlocks(os: Node): ResourceBlock[] {
  const amounts = (n: unknown) => {
    const node = list(n)[0] ?? {};
    return { ram: num(node.ram), storage: num(node.storage) };
  };
  return list(os.resources).map((r) => ({
    arch: attr(r, 'arch') ?? 'all', inherit: attr(r, 'inherit') === 'true',
    recommended: amounts(r.recommended), minimum: amounts(r.minimum),
  }));
}

function deviceLinks(os: Node): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const group of list(os.devices)) {
    for (const d of list(group.device)) {
      const id = attr(d, 'id');
      if (id) out.set(id, attr(d, 'supported') !== 'false');
    }
  }
  return out;
}

/** Every `<os>` in one database file (normally exactly one). */
export function parseOsFile(xml: string): RawOs[] {
  const doc = parser.parse(xml) as Node;
  const root = (doc.libosinfo ?? {}) as Node;
  return list(root.os).flatMap((os) => {
    const id = attr(os, 'id');
    if (!id) return [];
    return [{
      id, shortIds: texts(os['short-id']), name: text(os.name) ?? id,
      distro: text(os.distro) ?? 'unknown', version: text(os.version) ?? 'unknown',
      parents: [...list(os['derives-from']), ...list(os.clones)].map((p) => attr(p, 'id')).filter((p): p is string => !!p),
      media: mediaRules(os), trees: treeRules(os), resources: resourceBlocks(os), devices: deviceLinks(os),
      installers: scriptIds(os.installer),
    }];
  });
}
