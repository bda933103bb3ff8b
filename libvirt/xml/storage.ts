// Storage pool and volume XML: build for define/create, parse the fields the handlers show.
import { parseXml, serializeXml, type XElement } from './node.ts';
import { attr, child, childText, el, num } from './tree.ts';

export type StoragePoolSpec =
  | { type: 'dir'; name: string; targetPath: string }
  | { type: 'netfs'; name: string; targetPath: string; host: string; sourcePath: string; format?: string }
  | { type: 'logical'; name: string; sourceName: string; devices?: string[]; targetPath?: string }
  | { type: 'iscsi'; name: string; host: string; port?: number; iqn: string; targetPath?: string };

const txt = (name: string, v: string | number): XElement => el(name, {}, [{ text: String(v) }]);

function source(spec: StoragePoolSpec): XElement | undefined {
  switch (spec.type) {
    case 'dir':
      return undefined;
    case 'netfs':
      return el('source', {}, [el('host', { name: spec.host }), el('dir', { path: spec.sourcePath }),
        ...(spec.format ? [el('format', { type: spec.format })] : [])]);
    case 'logical':
      return el('source', {}, [txt('name', spec.sourceName), ...(spec.devices ?? []).map((path) => el('device', { path }))]);
    case 'iscsi':
      return el('source', {}, [el('host', { name: spec.host, port: spec.port }), el('device', { path: spec.iqn })]);
  }
}

/** `<pool type=…>` for storagePoolDefineXML / storagePoolCreateXML. */
export function buildStoragePoolXML(spec: StoragePoolSpec): string {
  const src = source(spec);
  const targetPath = spec.targetPath ?? (spec.type === 'iscsi' ? '/dev/disk/by-path' : undefined);
  return serializeXml(el('pool', { type: spec.type }, [
    txt('name', spec.name),
    ...(src ? [src] : []),
    ...(targetPath !== undefined ? [el('target', {}, [txt('path', targetPath)])] : []),
  ]));
}

export interface StorageVolSpec {
  name: string;
  capacityBytes: number;
  /** Bytes allocated up front (default: libvirt's choice, sparse for dir pools). */
  allocationBytes?: number;
  /** Image format: qcow2, raw … (omit for pools without formats, e.g. logical). */
  format?: string;
}

/** `<volume>` for storageVolCreateXML. */
export function buildStorageVolXML(spec: StorageVolSpec): string {
  return serializeXml(el('volume', {}, [
    txt('name', spec.name),
    el('capacity', { unit: 'bytes' }, [{ text: String(spec.capacityBytes) }]),
    ...(spec.allocationBytes !== undefined ? [el('allocation', { unit: 'bytes' }, [{ text: String(spec.allocationBytes) }])] : []),
    ...(spec.format ? [el('target', {}, [el('format', { type: spec.format })])] : []),
  ]));
}

export interface StoragePoolModel {
  type: string;
  name: string;
  uuid?: string;
  targetPath?: string;
  /** Bytes, as libvirt reports them in the pool XML. */
  capacity?: number;
  allocation?: number;
  available?: number;
}

export function parseStoragePoolXML(xml: string): StoragePoolModel {
  const { root } = parseXml(xml);
  if (root.name !== 'pool') throw new SyntaxError(`expected <pool>, got <${root.name}>`);
  const m: StoragePoolModel = { type: attr(root, 'type') ?? 'dir', name: childText(root, 'name') ?? '' };
  const extra = {
    uuid: childText(root, 'uuid')?.trim(), targetPath: childText(child(root, 'target'), 'path'),
    capacity: num(childText(root, 'capacity')), allocation: num(childText(root, 'allocation')),
    available: num(childText(root, 'available')),
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (m as unknown as Record<string, unknown>)[k] = v;
  return m;
}
