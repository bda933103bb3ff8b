// <disk> devices: parse, write in place (unmodelled children and attributes survive), build for attach.
import { serializeXml, type XElement } from './node.ts';
import { attr, child, childText, el, removeChildren, ensure, setAttr, setChildAttrs, setChildText } from './tree.ts';
import { ORIGIN, type Device, type DeviceClass } from './device.ts';

export interface DiskModel extends Device {
  /** file | block | volume | network … */
  type: string;
  /** disk | cdrom | floppy | lun */
  device: string;
  /** `<driver name type cache discard>`: type is the image format (qcow2, raw); cache the host page-cache mode. */
  driver?: { name?: string; type?: string; cache?: string; discard?: string };
  /** file (type file), dev (type block), pool + volume (type volume). Absent for an empty CD-ROM. */
  source?: { file?: string; dev?: string; pool?: string; volume?: string };
  /** Guest device name and bus (vda/virtio, sda/sata, hdc/ide). */
  target: { dev: string; bus?: string };
  readonly?: boolean;
  /** `<shareable/>`: several guests may write to it at once (no host cache, no image locking). */
  shareable?: boolean;
  /** `<serial>`: the disk's serial number as the guest sees it. */
  serial?: string;
}

export function parseDisk(e: XElement): DiskModel {
  const d: DiskModel = { type: attr(e, 'type') ?? 'file', device: attr(e, 'device') ?? 'disk', target: { dev: '' } };
  const driver = child(e, 'driver');
  if (driver) d.driver = pick({
    name: attr(driver, 'name'), type: attr(driver, 'type'), cache: attr(driver, 'cache'), discard: attr(driver, 'discard'),
  });
  const source = child(e, 'source');
  if (source) {
    d.source = pick({ file: attr(source, 'file'), dev: attr(source, 'dev'), pool: attr(source, 'pool'), volume: attr(source, 'volume') });
  }
  const target = child(e, 'target');
  d.target = pick({ dev: attr(target, 'dev') ?? '', bus: attr(target, 'bus') });
  if (child(e, 'readonly')) d.readonly = true;
  if (child(e, 'shareable')) d.shareable = true;
  const serial = childText(e, 'serial');
  if (serial !== undefined) d.serial = serial;
  d[ORIGIN] = e;
  return d;
}

/** Write the modelled fields onto `e` (a fresh `<disk>` or the one the model was parsed from). */
export function writeDisk(e: XElement, d: DiskModel): XElement {
  setAttr(e, 'type', d.type);
  setAttr(e, 'device', d.device);
  setChildAttrs(e, 'driver', { name: d.driver?.name, type: d.driver?.type, cache: d.driver?.cache, discard: d.driver?.discard });
  setChildAttrs(e, 'source', {
    file: d.source?.file, dev: d.source?.dev, pool: d.source?.pool, volume: d.source?.volume,
  }, ['driver']);
  setChildAttrs(e, 'target', { dev: d.target.dev, bus: d.target.bus }, ['source', 'driver']);
  if (d.readonly) ensure(e, 'readonly', ['target']);
  else removeChildren(e, (c) => c.name === 'readonly');
  setChildText(e, 'serial', d.serial, ['target', 'readonly']);
  if (d.shareable) ensure(e, 'shareable', ['target', 'readonly', 'serial']);
  else removeChildren(e, (c) => c.name === 'shareable');
  return e;
}

/** A `<disk>` element on its own, for domainAttachDeviceFlags / domainUpdateDeviceFlags. */
export function buildDiskDeviceXML(d: DiskModel): string {
  return serializeXml(writeDisk(el('disk'), d));
}

/** Drop undefined keys so parsed models compare equal to hand-written ones. */
export function pick<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export const diskClass: DeviceClass<DiskModel> = { tag: 'disk', parse: parseDisk, write: writeDisk };
