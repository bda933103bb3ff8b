// Public surface of OS detection: detectIso() for an install ISO, osDefaults() for an explicit distro and version.
import { loadDatabase, type OsEntry } from './database.ts';
import { dbDistros, GENERIC, infoOf, type OsInfo, publicVersion } from './info.ts';

export type { OsInfo } from './info.ts';
export { GENERIC } from './info.ts';
export { detectIso } from './detect.ts';

/**
 * Defaults for a template made with explicit os_distro/os_version and no ISO. An exact release wins; failing
 * that, the distro's catch-all entry whose tree-info version pattern covers the version (Fedora 40 on a 2022
 * database); otherwise GENERIC.
 */
export async function osDefaults(distro: string, version: string): Promise<OsInfo> {
  const db = await loadDatabase().catch(() => undefined);
  if (!db) return { ...GENERIC };
  const names = dbDistros(distro);
  const mine = db.entries.filter((e) => names.includes(e.distro.toLowerCase()));
  const wanted = version.trim().toLowerCase();
  const exact = (e: OsEntry) => publicVersion(e).toLowerCase() === wanted || e.version.toLowerCase() === wanted ||
    e.shortIds.includes(`${names[0]}${wanted}`);
  const hit = mine.filter((e) => !e.fallback).find(exact) ?? mine.find(exact);
  if (hit) return infoOf(hit);
  const covering = mine.find((e) => e.fallback && e.trees.some((t) => t.version?.test(version)));
  return covering ? infoOf(covering, version) : { ...GENERIC };
}
