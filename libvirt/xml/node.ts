// The XML tree the models edit: fast-xml-parser in (order, whitespace, comments kept), our escaping out.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element: attribute order and every child (text, comments, CDATA, unknown elements) are kept. */
export interface XElement {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XElement | { text: string } | { comment: string } | { cdata: string } | { raw: Record<string, unknown> };

/** A parsed document: the root element plus whatever surrounds it (declaration, comments). */
export interface XDocument {
  root: XElement;
  /** Top-level nodes; `root` is one of them. */
  nodes: XNode[];
}

// Values stay strings ("007" is a name, not 7), whitespace stays (titles keep it), numeric character
// references decode (htmlEntities enables them; libvirt never emits the HTML names anyway).
const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', allowBooleanAttributes: false,
  parseTagValue: false, parseAttributeValue: false, trimValues: false, processEntities: true, htmlEntities: true,
  commentPropName: '#comment', cdataPropName: '#cdata', ignoreDeclaration: false, ignorePiTags: false,
});

// The builder's own entity pass is off: it leaves \n, \r, \t raw inside attributes, which every XML
// parser then normalises to spaces. We escape text and attributes ourselves (escapeText/escapeAttr)
// and hand the builder finished strings; it still owns the structure, names, comments and CDATA.
const builder = new XMLBuilder({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: false,
  commentPropName: '#comment', cdataPropName: '#cdata', suppressEmptyNode: true, format: false,
});

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export function isElement(n: XNode): n is XElement {
  return (n as XElement).name !== undefined;
}

type Raw = Record<string, unknown>;

function fromRaw(list: Raw[]): XNode[] {
  const out: XNode[] = [];
  for (const item of list) {
    const key = Object.keys(item).find((k) => k !== ':@');
    if (key === undefined) continue;
    const body = item[key];
    if (key === '#text') out.push({ text: String(body) });
    else if (key === '#comment') out.push({ comment: joinText(body as Raw[]) });
    else if (key === '#cdata') out.push({ cdata: joinText(body as Raw[]) });
    else if (key.startsWith('?') || key.startsWith('!')) out.push({ raw: item });
    else {
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries((item[':@'] ?? {}) as Raw)) attrs[k] = String(v);
      out.push({ name: key, attrs, children: fromRaw(body as Raw[]) });
    }
  }
  return out;
}

function joinText(list: Raw[]): string {
  return list.map((t) => String(t['#text'] ?? '')).join('');
}

function toRaw(nodes: XNode[]): Raw[] {
  return nodes.map((n): Raw => {
    if ('raw' in n) return n.raw;
    if ('text' in n) return { '#text': escapeText(n.text) };
    if ('comment' in n) return { '#comment': [{ '#text': n.comment }] };
    if ('cdata' in n) return { '#cdata': [{ '#text': n.cdata }] };
    const raw: Raw = { [n.name]: toRaw(n.children) };
    const names = Object.keys(n.attrs);
    if (names.length) raw[':@'] = Object.fromEntries(names.map((k) => [k, escapeAttr(n.attrs[k]!)]));
    return raw;
  });
}

/** Parse a whole document; throws on malformed XML or when there is no root element. */
export function parseXml(xml: string): XDocument {
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) throw new SyntaxError(`invalid XML: ${valid.err.msg} (line ${valid.err.line})`);
  const nodes = fromRaw(parser.parse(xml) as Raw[]);
  const root = nodes.find(isElement);
  if (!root) throw new SyntaxError('invalid XML: no root element');
  return { root, nodes };
}

/** Serialize a document or a single element. */
export function serializeXml(doc: XDocument | XElement): string {
  return builder.build(toRaw('root' in doc ? doc.nodes : [doc])) as string;
}
