// <domainsnapshot> XML: build the request for domainSnapshotCreateXML, parse what domainSnapshotGetXMLDesc says.
import { parseXml, serializeXml } from './node.ts';
import { attr, child, childText, children, el, num } from './tree.ts';

export interface SnapshotSpec {
  name: string;
  description?: string;
  /** `<memory snapshot>`: internal (saved inside the qcow2 images, running VMs) or no (disks only). Absent: libvirt decides. */
  memory?: 'internal' | 'no';
}

/** The request body of domainSnapshotCreateXML, built as a tree (the name is user input). */
export function buildSnapshotXML(s: SnapshotSpec): string {
  return serializeXml(el('domainsnapshot', {}, [
    el('name', {}, [{ text: s.name }]),
    ...(s.description !== undefined ? [el('description', {}, [{ text: s.description }])] : []),
    ...(s.memory ? [el('memory', { snapshot: s.memory })] : []),
  ]));
}

export interface SnapshotModel {
  name: string;
  /** The parent snapshot's name; absent for a root snapshot. */
  parent?: string;
  /** Seconds since the epoch. */
  creationTime: number;
  /** The domain's state when it was taken: running, paused, shutoff, disk-snapshot … */
  state: string;
  description?: string;
  /** `<memory snapshot>`: internal, external or no. */
  memory?: string;
  /** Each `<disks><disk name snapshot>`: internal, external or no. */
  disks: { name: string; snapshot?: string }[];
}

export function parseSnapshotXML(xml: string): SnapshotModel {
  const { root } = parseXml(xml);
  if (root.name !== 'domainsnapshot') throw new SyntaxError(`expected <domainsnapshot>, got <${root.name}>`);
  const m: SnapshotModel = {
    name: childText(root, 'name')?.trim() ?? '',
    creationTime: num(childText(root, 'creationTime')) ?? 0,
    state: childText(root, 'state')?.trim() ?? 'nostate',
    disks: children(child(root, 'disks'), 'disk').map((d) => {
      const snapshot = attr(d, 'snapshot');
      return snapshot === undefined ? { name: attr(d, 'name') ?? '' } : { name: attr(d, 'name') ?? '', snapshot };
    }),
  };
  const parent = childText(child(root, 'parent'), 'name')?.trim();
  if (parent) m.parent = parent;
  const description = childText(root, 'description');
  if (description !== undefined) m.description = description;
  const memory = attr(child(root, 'memory'), 'snapshot');
  if (memory !== undefined) m.memory = memory;
  return m;
}
