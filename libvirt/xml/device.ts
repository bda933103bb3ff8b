// Device lists inside <devices>: links a parsed device to its element, and merges an edited list back.
import type { XElement } from './node.ts';
import { children, el, insert, removeChildren, same } from './tree.ts';

/** Where a parsed device came from; spreading (`{...disk}`) keeps it, so edits land on the same element. */
export const ORIGIN: unique symbol = Symbol('kimchi.xml.origin');

export interface Device {
  [ORIGIN]?: XElement;
}

export interface DeviceClass<T extends Device> {
  /** Element name in <devices> (disk, interface, graphics, console, serial). */
  tag: string;
  parse(e: XElement): T;
  write(e: XElement, d: T): XElement;
}

export function parseDevices<T extends Device>(devices: XElement | undefined, cls: DeviceClass<T>): T[] {
  return children(devices, cls.tag).map((e) => cls.parse(e));
}

/**
 * Make <devices>' elements of this class match `list`: devices still in the list keep their element
 * (rewritten only when their model changed, so unknown children like <address> survive), removed ones go,
 * new ones are appended after the last element of their class.
 */
export function applyDevices<T extends Device>(devices: XElement, cls: DeviceClass<T>, list: T[], base: T[] = []): void {
  // A device is rewritten only when it differs from what was parsed before the edit (not from its element
  // now), so direct edits of the element in the same update are not undone by an unchanged model.
  const before = new Map(base.filter((d) => d[ORIGIN]).map((d) => [d[ORIGIN]!, d]));
  const kept = new Set<XElement>();
  const fresh: XElement[] = [];
  for (const d of list) {
    const origin = d[ORIGIN];
    if (origin && devices.children.includes(origin) && !kept.has(origin)) {
      kept.add(origin);
      if (!same(before.get(origin) ?? cls.parse(origin), d)) cls.write(origin, d);
    } else {
      fresh.push(cls.write(el(cls.tag), d));
    }
  }
  removeChildren(devices, (c) => c.name === cls.tag && !kept.has(c));
  for (const e of fresh) insert(devices, e, [cls.tag, ...priorTags(cls.tag)]);
}

// Where a new device goes when it has no sibling of its class yet: after the classes libvirt lists first.
const ORDER = ['emulator', 'disk', 'controller', 'interface', 'serial', 'console', 'input', 'graphics', 'video'];

function priorTags(tag: string): string[] {
  const i = ORDER.indexOf(tag);
  return i < 0 ? [] : ORDER.slice(0, i).reverse();
}
