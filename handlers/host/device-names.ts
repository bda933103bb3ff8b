// Names of PCI and USB vendors, products and device classes from the pci.ids / usb.ids lists (Debian packages
// `pci.ids`, `usb.ids`), for node devices whose libvirt XML carries only hex ids.
import { readFile } from 'node:fs/promises';

export interface IdTable {
  /** vendor id (4 hex digits, lower case) → name */
  vendors: Map<string, string>;
  /** `vendor:product` → name */
  products: Map<string, string>;
  /** class `cc` or subclass `ccss` (hex) → name (PCI only) */
  classes: Map<string, string>;
}

const EMPTY: IdTable = { vendors: new Map(), products: new Map(), classes: new Map() };

/** Parse the pci.ids/usb.ids format: `vvvv  Vendor`, `\tpppp  Product`, then `C cc  Class` with `\tss  Subclass`. */
export function parseIds(text: string): IdTable {
  const table: IdTable = { vendors: new Map(), products: new Map(), classes: new Map() };
  let vendor: string | undefined;
  let klass: string | undefined;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([0-9a-f]{4})\s+(.+)$/.exec(line))) { vendor = m[1]!; klass = undefined; table.vendors.set(vendor, m[2]!.trim()); }
    else if ((m = /^\t([0-9a-f]{4})\s+(.+)$/.exec(line)) && vendor) table.products.set(`${vendor}:${m[1]}`, m[2]!.trim());
    else if ((m = /^C ([0-9a-f]{2})\s+(.+)$/.exec(line))) { klass = m[1]!; vendor = undefined; table.classes.set(klass, m[2]!.trim()); }
    else if ((m = /^\t([0-9a-f]{2})\s+(.+)$/.exec(line)) && klass) table.classes.set(`${klass}${m[1]}`, m[2]!.trim());
    else if (!line.startsWith('\t')) { vendor = undefined; klass = undefined; } // another section (usb.ids: AT, HID…)
  }
  return table;
}

export const ID_FILES = {
  pci: ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids'],
  usb_device: ['/usr/share/misc/usb.ids', '/usr/share/hwdata/usb.ids', '/var/lib/usbutils/usb.ids'],
} as const;

// The lists are read-only files of a few MB: read and parse each once per process, on first use.
const loaded = new Map<string, Promise<IdTable>>();

/** The table of `kind`, from the first list file that exists; an empty table when none does (names stay ids). */
export function idTable(kind: keyof typeof ID_FILES, files: readonly string[] = ID_FILES[kind]): Promise<IdTable> {
  const key = files.join('|');
  let table = loaded.get(key);
  if (!table) {
    table = (async () => {
      for (const file of files) {
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text !== undefined) return parseIds(text);
      }
      return EMPTY;
    })();
    loaded.set(key, table);
  }
  return table;
}

/** A hex id as libvirt writes it (`0x8086`) → the lists' key (`8086`). */
export const idKey = (id: string | null | undefined, digits = 4): string | undefined => {
  if (!id) return undefined;
  const n = Number(id);
  return Number.isInteger(n) && n >= 0 ? n.toString(16).padStart(digits, '0') : undefined;
};
