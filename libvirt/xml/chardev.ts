// Character devices, <console> and <serial>: source type/path and target; parse and write in place.
import type { XElement } from './node.ts';
import { attr, child, num, setAttr, setChildAttrs } from './tree.ts';
import { ORIGIN, type Device, type DeviceClass } from './device.ts';
import { pick } from './disk.ts';

export interface ChardevModel extends Device {
  /** pty | file | unix | tcp | null … */
  type: string;
  /** The host side: a pty's /dev/pts/N (running guests), a file or socket path. */
  path?: string;
  /** Guest side: type (serial, virtio, isa-serial…) and port number. */
  target?: { type?: string; port?: number };
}

export function parseChardev(e: XElement): ChardevModel {
  const c: ChardevModel = { type: attr(e, 'type') ?? 'pty' };
  const path = attr(child(e, 'source'), 'path') ?? attr(e, 'tty');
  if (path !== undefined) c.path = path;
  const target = child(e, 'target');
  if (target) c.target = pick({ type: attr(target, 'type'), port: num(attr(target, 'port')) });
  c[ORIGIN] = e;
  return c;
}

export function writeChardev(e: XElement, c: ChardevModel): XElement {
  setAttr(e, 'type', c.type);
  setChildAttrs(e, 'source', { path: c.path });
  setChildAttrs(e, 'target', { type: c.target?.type, port: c.target?.port }, ['source']);
  return e;
}

export const consoleClass: DeviceClass<ChardevModel> = { tag: 'console', parse: parseChardev, write: writeChardev };
export const serialClass: DeviceClass<ChardevModel> = { tag: 'serial', parse: parseChardev, write: writeChardev };
