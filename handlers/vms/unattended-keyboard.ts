// The keyboard layout an install script gets, from osinfo-db's own map: every script that takes `l10n-keyboard` names
// the value-map http://x.org/x11-keyboard (datamap/x.org/x11-keyboard.xml: locale → X11 layout, pt_BR → br,
// ca_ES → "es (cat)"), which libosinfo applies to the locale it is given. A locale the map lacks falls back to guessing.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { OSINFO_DIR } from '../templates/osinfo/database.ts';

const X11_KEYBOARD = 'http://x.org/x11-keyboard';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['datamap', 'entry'].includes(name) });
const list = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Node[];

const cache = new Map<string, Promise<Map<string, Map<string, string>>>>();

/** Every datamap of an osinfo-db directory, by id (inval → outval); read once, empty when there is none. */
function loadDatamaps(dir: string = OSINFO_DIR): Promise<Map<string, Map<string, string>>> {
  let hit = cache.get(dir);
  if (!hit) {
    hit = (async () => {
      const maps = new Map<string, Map<string, string>>();
      const vendors = await readdir(join(dir, 'datamap'), { withFileTypes: true }).catch(() => []);
      for (const v of vendors.filter((d) => d.isDirectory())) {
        for (const f of (await readdir(join(dir, 'datamap', v.name))).filter((n) => n.endsWith('.xml'))) {
          const root = ((parser.parse(await readFile(join(dir, 'datamap', v.name, f), 'utf8')) as Node).libosinfo ?? {}) as Node;
          for (const m of list(root.datamap)) {
            maps.set(String(m['@id']), new Map(list(m.entry).map((e) => [String(e['@inval']), String(e['@outval'])])));
          }
        }
      }
      return maps;
    })();
    hit.catch(() => cache.delete(dir));
    cache.set(dir, hit);
  }
  return hit;
}

/**
 * The X11 layout for a locale (pt-BR, pt_BR, de): osinfo-db's map for language_REGION (a bare language tries its own
 * country, de → de_DE); else the region's code as a layout name (most are: br, de, gb); else `us`.
 */
export async function keyboardFor(locale: string, dir?: string): Promise<string> {
  const map = (await loadDatamaps(dir).catch(() => undefined))?.get(X11_KEYBOARD);
  const [lang, region] = locale.split(/[-_]/);
  const l = lang.toLowerCase();
  const mapped = map?.get(`${l}_${(region ?? l).toUpperCase()}`);
  if (mapped) return mapped;
  return region && /^[a-z]{2}$/i.test(region) ? region.toLowerCase() : 'us';
}

/** On a kernel command line a space ends the argument: "es (cat)" gives its layout only. */
export const layoutOnly = (keyboard: string) => keyboard.split(/\s/)[0];
