// Small query/edit helpers over XElement: find children, read/write text and attributes in place.
import { isElement, type XElement, type XNode } from './node.ts';

export function el(name: string, attrs: Record<string, string | number | undefined> = {}, children: XNode[] = []): XElement {
  const e: XElement = { name, attrs: {}, children };
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.attrs[k] = String(v);
  return e;
}

export function children(e: XElement | undefined, name?: string): XElement[] {
  if (!e) return [];
  return e.children.filter((c): c is XElement => isElement(c) && (name === undefined || c.name === name));
}

export function child(e: XElement | undefined, name: string): XElement | undefined {
  return e?.children.find((c): c is XElement => isElement(c) && c.name === name);
}

/** The element's character data (text and CDATA joined), exactly as written. */
export function text(e: XElement | undefined): string | undefined {
  if (!e) return undefined;
  let s = '';
  for (const c of e.children) {
    if ('text' in c) s += c.text;
    else if ('cdata' in c) s += c.cdata;
  }
  return s;
}

export function childText(e: XElement | undefined, name: string): string | undefined {
  return text(child(e, name));
}

export function attr(e: XElement | undefined, name: string): string | undefined {
  return e?.attrs[name];
}

export function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Set (or with undefined, remove) one attribute, keeping the others in their order. */
export function setAttr(e: XElement, name: string, v: string | number | boolean | undefined): void {
  if (v === undefined) delete e.attrs[name];
  else e.attrs[name] = typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
}

/** Insert `c` after the last sibling named in `after` (in that preference order), else append. */
export function insert(parent: XElement, c: XElement, after: string[] = []): XElement {
  for (const name of after) {
    const idx = parent.children.findLastIndex((n) => isElement(n) && n.name === name);
    if (idx >= 0) {
      parent.children.splice(idx + 1, 0, c);
      return c;
    }
  }
  parent.children.push(c);
  return c;
}

export function ensure(parent: XElement, name: string, after: string[] = []): XElement {
  return child(parent, name) ?? insert(parent, el(name), after);
}

export function removeChildren(parent: XElement, pred: (c: XElement) => boolean): void {
  parent.children = parent.children.filter((c) => !(isElement(c) && pred(c)));
}

/** Replace an element's content with exactly this text, or remove the element for undefined. */
export function setChildText(parent: XElement, name: string, v: string | number | undefined, after: string[] = []): void {
  if (v === undefined) return removeChildren(parent, (c) => c.name === name);
  ensure(parent, name, after).children = [{ text: String(v) }];
}

/**
 * Set some attributes of a child element, leaving its other attributes and children alone; the child is
 * created when a value is given and removed when it ends up with no attributes and no content.
 */
export function setChildAttrs(parent: XElement, name: string, values: Record<string, string | number | boolean | undefined>, after: string[] = []): void {
  const existing = child(parent, name);
  const any = Object.values(values).some((v) => v !== undefined);
  if (!existing && !any) return;
  const c = existing ?? insert(parent, el(name), after);
  for (const [k, v] of Object.entries(values)) setAttr(c, k, v);
  if (Object.keys(c.attrs).length === 0 && children(c).length === 0) removeChildren(parent, (x) => x === c);
}

export function yesNo(v: string | undefined): boolean | undefined {
  return v === undefined ? undefined : v === 'yes' || v === 'on';
}

/** Structural equality of plain model values (symbol keys, i.e. origin links, ignored). */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
