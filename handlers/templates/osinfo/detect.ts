// Which osinfo-db OS an install ISO is: its volume descriptor against every media rule, tree-info as tie-breaker.
import { HOST_ARCH, loadDatabase, type OsDatabase, type OsEntry } from './database.ts';
import { readDescriptorsFrom, type VolumeDescriptor } from './iso9660.ts';
import { withImage } from './medium.ts';
import { GENERIC, infoOf, type OsInfo } from './info.ts';
import { type Facts, type MediaRule, mediaScore, type TreeFacts, treeAgrees, versionAgrees } from './rules.ts';
import { readTreeFacts } from './treeinfo.ts';

export interface Candidate {
  entry: OsEntry;
  /** how many `<iso>` fields the best media rule of this OS matched */
  fields: number;
  /** that rule is for this host's architecture (or for all) */
  hostArch: boolean;
  /** 2: a `<treeinfo>` rule agrees; 1: the tree-info version names this version; 0: no tree-info or no agreement */
  tree: number;
  /** the media rule that matched best (its kernel, initrd and install scripts) */
  rule: MediaRule;
}

export interface Identification {
  facts: VolumeDescriptor;
  tree?: TreeFacts & { source: string };
  /** every OS with a matching media rule, best first */
  candidates: Candidate[];
}

function treeLevel(entry: OsEntry, tree: TreeFacts | undefined): number {
  if (!tree?.version) return 0;
  if (entry.trees.some((rule) => treeAgrees(rule, tree))) return 2;
  return versionAgrees(entry.version, tree.version) ? 1 : 0;
}

/** osinfo's catch-alls come last; then tree-info agreement, matched fields, our architecture, and id for a stable order. */
function compare(a: Candidate, b: Candidate): number {
  return Number(a.entry.fallback) - Number(b.entry.fallback) || b.tree - a.tree || b.fields - a.fields ||
    Number(b.hostArch) - Number(a.hostArch) || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0);
}

/** Every OS whose media rules match `facts`, ranked. */
export function rank(db: OsDatabase, facts: Facts, tree?: TreeFacts): Candidate[] {
  const out: Candidate[] = [];
  for (const entry of db.entries) {
    let best: Candidate | undefined;
    for (const rule of entry.media) {
      const fields = mediaScore(rule, facts);
      if (!fields) continue;
      const hostArch = rule.arch === HOST_ARCH || rule.arch === 'all';
      if (!best || fields > best.fields || (fields === best.fields && hostArch && !best.hostArch)) {
        best = { entry, fields, hostArch, tree: 0, rule };
      }
    }
    if (best) out.push({ ...best, tree: treeLevel(entry, tree) });
  }
  return out.sort(compare);
}

/** Reads the image's facts and ranks the database against them; throws only for a missing or non-ISO file. */
export async function identify(path: string): Promise<Identification> {
  const { facts, tree } = await withImage(path, async (fh) => {
    const facts = await readDescriptorsFrom(fh, path);
    // A damaged directory tree must not hide what the volume descriptor already tells us.
    const tree = await readTreeFacts(fh, facts.roots).catch(() => undefined);
    return { facts, tree };
  });
  const db = await loadDatabase().catch(() => undefined); // without osinfo-db every image is unrecognised
  return { facts, tree, candidates: db ? rank(db, facts, tree) : [] };
}

/** The OS on the install ISO at `path`, or GENERIC when osinfo-db does not know it. */
export async function detectIso(path: string): Promise<OsInfo> {
  const { tree, candidates } = await identify(path);
  const best = candidates[0];
  if (!best) return { ...GENERIC };
  // A catch-all entry (e.g. fedora/unknown for Fedora 38+) knows the distro but not which release: tree-info does.
  const version = best.entry.fallback && tree?.version ? tree.version : undefined;
  return infoOf(best.entry, version);
}
