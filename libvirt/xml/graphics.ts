// <graphics> devices (VNC, SPICE): port, autoport and listen address; parse and write in place.
import type { XElement } from './node.ts';
import { attr, children, el, insert, num, removeChildren, setAttr, yesNo } from './tree.ts';
import { ORIGIN, type Device, type DeviceClass } from './device.ts';

export interface GraphicsModel extends Device {
  /** vnc | spice | sdl … */
  type: string;
  /** TCP port; -1 (or absent) with autoport lets libvirt pick one when the guest starts. */
  port?: number;
  autoport?: boolean;
  /** Listen address, e.g. 127.0.0.1. */
  listen?: string;
}

export function parseGraphics(e: XElement): GraphicsModel {
  const g: GraphicsModel = { type: attr(e, 'type') ?? 'vnc' };
  const port = num(attr(e, 'port'));
  if (port !== undefined) g.port = port;
  const autoport = yesNo(attr(e, 'autoport'));
  if (autoport !== undefined) g.autoport = autoport;
  const listen = attr(e, 'listen') ?? children(e, 'listen').map((l) => attr(l, 'address')).find((a) => a !== undefined);
  if (listen !== undefined) g.listen = listen;
  g[ORIGIN] = e;
  return g;
}

export function writeGraphics(e: XElement, g: GraphicsModel): XElement {
  setAttr(e, 'type', g.type);
  setAttr(e, 'port', g.port);
  setAttr(e, 'autoport', g.autoport);
  // libvirt keeps the address both as an attribute and as <listen type='address'>; they must agree.
  setAttr(e, 'listen', g.listen);
  const addressListens = children(e, 'listen').filter((l) => attr(l, 'type') === 'address');
  if (g.listen === undefined) removeChildren(e, (c) => addressListens.includes(c));
  else if (addressListens.length) for (const l of addressListens) setAttr(l, 'address', g.listen);
  else insert(e, el('listen', { type: 'address', address: g.listen }));
  return e;
}

export const graphicsClass: DeviceClass<GraphicsModel> = { tag: 'graphics', parse: parseGraphics, write: writeGraphics };
