// Storage pool and volume XML: build for define/create, parse the fields the handlers show.
import { parseXml, serializeXml, type XElement } from './node.ts';
import { attr, child, childText, children, el, num } from './tree.ts';

export type StoragePoolSpec =
  | { type: 'dir'; name: string; targetPath: string }
  | { type: 'netfs'; name: string; targetPath: string; host: string; sourcePath: string; format?: string }
  | { type: 'logical'; name: string; sourceName: string; devices?: string[]; targetPath?: string }
  | { type: 'iscsi'; name: string; host: string; port?: number; iqn: string; targetPath?: string; auth?: { username: string; secretUsage: string } }
  | { type: 'scsi'; name: string; adapter: ScsiAdapter; targetPath?: string }
  | { type: 'disk'; name: string; device: string; format?: string; targetPath?: string };

/** `<adapter>` of a scsi pool: a SCSI host by name, or a Fibre Channel host (vHBA) by its WWNN/WWPN. */
export type ScsiAdapter =
  | { type: 'scsi_host'; name: string }
  | { type: 'fc_host'; name?: string; parent?: string; wwnn: string; wwpn: string };

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
      return el('source', {}, [el('host', { name: spec.host, port: spec.port }), el('device', { path: spec.iqn }),
        ...(spec.auth ? [el('auth', { type: 'chap', username: spec.auth.username }, [el('secret', { usage: spec.auth.secretUsage })])] : [])]);
    case 'scsi':
      return el('source', {}, [spec.adapter.type === 'scsi_host'
        ? el('adapter', { type: 'scsi_host', name: spec.adapter.name })
        : el('adapter', { type: 'fc_host', name: spec.adapter.name, parent: spec.adapter.parent, wwnn: spec.adapter.wwnn, wwpn: spec.adapter.wwpn })]);
    case 'disk':
      return el('source', {}, [el('device', { path: spec.device }), ...(spec.format ? [el('format', { type: spec.format })] : [])]);
  }
}

/** `<pool type=…>` for storagePoolDefineXML / storagePoolCreateXML. */
export function buildStoragePoolXML(spec: StoragePoolSpec): string {
  const src = source(spec);
  const targetPath = spec.targetPath ?? (spec.type === 'iscsi' || spec.type === 'scsi' ? '/dev/disk/by-path'
    : spec.type === 'disk' ? '/dev' : undefined);
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

/** What a pool's `<source>` says: hosts, export dir, devices, VG/IQN name, adapter, format. */
export interface StoragePoolSourceModel {
  hosts: { name: string; port?: number }[];
  dir?: string;
  devices: string[];
  name?: string;
  adapter?: { type?: string; name?: string; parent?: string; wwnn?: string; wwpn?: string };
  format?: string;
  /** `<auth>` of an iscsi/rbd source: the user and the libvirt secret holding the password (by usage or UUID). */
  auth?: { type?: string; username?: string; secretUsage?: string; secretUuid?: string };
}

export function parseStoragePoolSource(source: XElement | undefined): StoragePoolSourceModel {
  const m: StoragePoolSourceModel = {
    hosts: children(source, 'host').map((h) => {
      const port = num(attr(h, 'port'));
      return port === undefined ? { name: attr(h, 'name') ?? '' } : { name: attr(h, 'name') ?? '', port };
    }),
    devices: children(source, 'device').map((d) => attr(d, 'path') ?? '').filter(Boolean),
  };
  const dir = attr(child(source, 'dir'), 'path');
  if (dir !== undefined) m.dir = dir;
  const name = childText(source, 'name')?.trim();
  if (name) m.name = name;
  const adapter = child(source, 'adapter');
  if (adapter) {
    m.adapter = {};
    for (const k of ['type', 'name', 'parent', 'wwnn', 'wwpn'] as const) {
      const v = attr(adapter, k);
      if (v !== undefined) m.adapter[k] = v;
    }
  }
  const auth = child(source, 'auth');
  if (auth) {
    const secret = child(auth, 'secret');
    m.auth = {};
    for (const [k, v] of [['type', attr(auth, 'type')], ['username', attr(auth, 'username')],
      ['secretUsage', attr(secret, 'usage')], ['secretUuid', attr(secret, 'uuid')]] as const) if (v !== undefined) m.auth[k] = v;
  }
  const format = attr(child(source, 'format'), 'type');
  if (format !== undefined) m.format = format;
  return m;
}

/** The `<source>` of a pool XML. */
export function parseStoragePoolSourceOf(xml: string): StoragePoolSourceModel {
  const { root } = parseXml(xml);
  if (root.name !== 'pool') throw new SyntaxError(`expected <pool>, got <${root.name}>`);
  return parseStoragePoolSource(child(root, 'source'));
}

/** connectFindStoragePoolSources' answer: one `<source>` per pool the host offers. */
export function parseStoragePoolSourcesXML(xml: string): StoragePoolSourceModel[] {
  const { root } = parseXml(xml);
  if (root.name !== 'sources') throw new SyntaxError(`expected <sources>, got <${root.name}>`);
  return children(root, 'source').map(parseStoragePoolSource);
}

/** The `<source>` argument of connectFindStoragePoolSources for a host (and port). */
export function buildStoragePoolSourceSpec(host: string, port?: number): string {
  return serializeXml(el('source', {}, [el('host', { name: host, port })]));
}

export interface StorageVolModel {
  name: string;
  /** file, block, dir, network, netdir, ploop */
  type: string;
  key?: string;
  path?: string;
  format?: string;
  capacity?: number;
  allocation?: number;
}

export function parseStorageVolXML(xml: string): StorageVolModel {
  const { root } = parseXml(xml);
  if (root.name !== 'volume') throw new SyntaxError(`expected <volume>, got <${root.name}>`);
  const target = child(root, 'target');
  const m: StorageVolModel = { name: childText(root, 'name') ?? '', type: attr(root, 'type') ?? 'file' };
  const extra = {
    key: childText(root, 'key')?.trim(), path: childText(target, 'path')?.trim(), format: attr(child(target, 'format'), 'type'),
    capacity: num(childText(root, 'capacity')), allocation: num(childText(root, 'allocation')),
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (m as unknown as Record<string, unknown>)[k] = v;
  return m;
}
