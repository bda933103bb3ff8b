// Domain XML: parseDomainXML, buildDomainXML and updateDomainXML (edits keep everything not modelled).
import { parseXml, serializeXml, type XElement } from './node.ts';
import { child, childText, el, ensure, insert, removeChildren, same, setAttr, setChildText } from './tree.ts';
import { applyDevices, parseDevices, type Device, type DeviceClass } from './device.ts';
import { diskClass } from './disk.ts';
import { interfaceClass } from './interface.ts';
import { graphicsClass } from './graphics.ts';
import { consoleClass, serialClass } from './chardev.ts';
import { parseGeneral, type DomainModel } from './domain-model.ts';

const CLASSES = { disks: diskClass, interfaces: interfaceClass, graphics: graphicsClass, consoles: consoleClass, serials: serialClass } as const;

// Where a missing top-level element goes: after the nearest one libvirt writes before it.
const SEQ = ['name', 'uuid', 'title', 'description', 'metadata', 'memory', 'currentMemory', 'vcpu', 'os', 'features', 'devices'];
const after = (name: string) => SEQ.slice(0, SEQ.indexOf(name)).reverse();

function parseRoot(root: XElement): DomainModel {
  const devs = child(root, 'devices');
  return {
    ...parseGeneral(root),
    devices: {
      disks: parseDevices(devs, diskClass), interfaces: parseDevices(devs, interfaceClass),
      graphics: parseDevices(devs, graphicsClass), consoles: parseDevices(devs, consoleClass),
      serials: parseDevices(devs, serialClass),
    },
  };
}

export function parseDomainXML(xml: string): DomainModel {
  const { root } = parseXml(xml);
  if (root.name !== 'domain') throw new SyntaxError(`expected <domain>, got <${root.name}>`);
  if (childText(root, 'name') === undefined) throw new SyntaxError('domain XML has no <name>');
  return parseRoot(root);
}

function setKiB(root: XElement, name: string, kib: number | undefined): void {
  setChildText(root, name, kib, after(name));
  if (kib !== undefined) child(root, name)!.attrs = { unit: 'KiB' };
}

/** Write the fields of `next` that differ from `base` (the model as parsed before the edit; null: all). */
function applyDomain(root: XElement, next: DomainModel, base: DomainModel | null): void {
  const changed = <K extends keyof DomainModel>(k: K) => !base || !same(base[k], next[k]);
  if (changed('type')) setAttr(root, 'type', next.type);
  for (const k of ['name', 'uuid', 'title', 'description'] as const) if (changed(k)) setChildText(root, k, next[k], after(k));
  if (changed('memory')) setKiB(root, 'memory', next.memory);
  if (changed('currentMemory')) setKiB(root, 'currentMemory', next.currentMemory);
  if (changed('vcpu') || changed('currentVcpu')) {
    setChildText(root, 'vcpu', next.vcpu, after('vcpu'));
    setAttr(child(root, 'vcpu')!, 'current', next.currentVcpu);
  }
  if (changed('os')) {
    const os = ensure(root, 'os', after('os'));
    const type = ensure(os, 'type');
    type.children = [{ text: next.os.type }];
    setAttr(type, 'arch', next.os.arch);
    setAttr(type, 'machine', next.os.machine);
    if (!base || !same(base.os.boot, next.os.boot)) {
      removeChildren(os, (c) => c.name === 'boot');
      for (const dev of [...next.os.boot].reverse()) insert(os, el('boot', { dev }), ['type']);
    }
  }
  if (changed('features') && (next.features.length || child(root, 'features'))) {
    const features = ensure(root, 'features', after('features'));
    removeChildren(features, (f) => !next.features.includes(f.name));
    for (const f of next.features) if (!child(features, f)) features.children.push(el(f));
  }
  if (changed('metadata')) {
    if (next.metadata.length) ensure(root, 'metadata', after('metadata')).children = [...next.metadata];
    else removeChildren(root, (c) => c.name === 'metadata');
  }
  const anyDevices = Object.values(next.devices).some((l) => l.length);
  if (!anyDevices && !child(root, 'devices')) return;
  const devices = ensure(root, 'devices', after('devices'));
  for (const key of Object.keys(CLASSES) as (keyof typeof CLASSES)[]) {
    const cls = CLASSES[key] as DeviceClass<Device>;
    if (!base || !same(base.devices[key], next.devices[key])) applyDevices(devices, cls, next.devices[key], base?.devices[key]);
  }
}

/** A new domain's XML from a model (devices without an element of their own are created). */
export function buildDomainXML(model: DomainModel): string {
  const root = el('domain');
  applyDomain(root, model, null);
  return serializeXml(root);
}

/**
 * Edit an existing domain XML (e.g. from domainGetXMLDesc with the inactive flag): `edit` changes the model
 * in place (or returns a new one) and may also edit the raw root element for anything not modelled.
 * Only the changed fields are written; unknown elements, attributes, comments and order all survive.
 */
export function updateDomainXML(xml: string, edit: (model: DomainModel, root: XElement) => DomainModel | void): string {
  const doc = parseXml(xml);
  if (doc.root.name !== 'domain') throw new SyntaxError(`expected <domain>, got <${doc.root.name}>`);
  const base = parseRoot(doc.root);
  const model = parseRoot(doc.root);
  const next = edit(model, doc.root) ?? model;
  applyDomain(doc.root, next, base);
  return serializeXml(doc);
}
