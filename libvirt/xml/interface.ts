// <interface> devices (network or bridge NICs): parse and write in place.
import { serializeXml, type XElement } from './node.ts';
import { attr, child, el, setAttr, setChildAttrs } from './tree.ts';
import { ORIGIN, type Device, type DeviceClass } from './device.ts';
import { pick } from './disk.ts';

export interface InterfaceModel extends Device {
  /** network | bridge | direct | user … */
  type: string;
  /** `network` for type network, `bridge` for type bridge, `dev` for type direct. */
  source?: { network?: string; bridge?: string; dev?: string };
  /** MAC address; libvirt generates one when absent. */
  mac?: string;
  /** NIC model: virtio, e1000, rtl8139 … */
  model?: string;
  /** `<link state>`: down is a cable pulled out; absent means up. */
  link?: 'up' | 'down';
  /** Direct (macvtap) NICs: `<source mode>` (vepa, bridge, private, passthrough). */
  mode?: string;
}

export function parseInterface(e: XElement): InterfaceModel {
  const i: InterfaceModel = { type: attr(e, 'type') ?? 'network' };
  const source = child(e, 'source');
  if (source) i.source = pick({ network: attr(source, 'network'), bridge: attr(source, 'bridge'), dev: attr(source, 'dev') });
  const mac = attr(child(e, 'mac'), 'address');
  if (mac !== undefined) i.mac = mac;
  const model = attr(child(e, 'model'), 'type');
  if (model !== undefined) i.model = model;
  const link = attr(child(e, 'link'), 'state');
  if (link === 'up' || link === 'down') i.link = link;
  const mode = attr(source, 'mode');
  if (mode !== undefined) i.mode = mode;
  i[ORIGIN] = e;
  return i;
}

export function writeInterface(e: XElement, i: InterfaceModel): XElement {
  setAttr(e, 'type', i.type);
  setChildAttrs(e, 'mac', { address: i.mac });
  setChildAttrs(e, 'source', { network: i.source?.network, bridge: i.source?.bridge, dev: i.source?.dev, mode: i.mode }, ['mac']);
  setChildAttrs(e, 'model', { type: i.model }, ['source', 'mac']);
  if (i.link) setChildAttrs(e, 'link', { state: i.link }, ['model', 'source', 'mac']);
  return e;
}

/**
 * An `<interface>` element on its own, for domainAttachDeviceFlags / UpdateDeviceFlags / DetachDeviceFlags; given the
 * parsed model's own element (a copy is edited), unmodelled children such as `<address>` go along.
 */
export function buildInterfaceDeviceXML(i: InterfaceModel): string {
  const origin = i[ORIGIN];
  const base: XElement = origin ? structuredClone(origin) : el('interface');
  return serializeXml(writeInterface(base, i));
}

export const interfaceClass: DeviceClass<InterfaceModel> = { tag: 'interface', parse: parseInterface, write: writeInterface };
