// A disk's options changed on a shut-off VM: bus (with a free device name there), cache, serial, read-only,
// shareable and discard, written into its saved definition.
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { ORIGIN, updateDomainXML, type DiskModel } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { change, type VmDevices } from './domain.ts';
import type { DiskOptions, StorageUpdate } from './schemas.ts';
import { pickDev } from './storage-view.ts';

/** The options onto a disk model (undefined leaves a field as it is; false drops a flag). */
export function applyDiskOptions(d: DiskModel, o: DiskOptions): DiskModel {
  const driver = { ...d.driver };
  if (o.cache !== undefined) driver.cache = o.cache === 'default' ? undefined : o.cache;
  if (o.discard !== undefined) driver.discard = o.discard;
  const next: DiskModel = { ...d, driver };
  if (o.serial !== undefined) next.serial = o.serial;
  if (o.readonly !== undefined) next.readonly = o.readonly || undefined;
  if (o.shareable !== undefined) next.shareable = o.shareable || undefined;
  return next;
}

/**
 * Rewrite disk `dev` of a shut-off, persistent VM in its saved definition; the device name it has afterwards (a new
 * bus gets the first free name there, and its old controller address is dropped for libvirt to assign a new one).
 */
export async function editDisk(deps: Deps, vm: VmDevices, item: DiskModel, body: StorageUpdate): Promise<string> {
  const name = vm.dom.name, dev = item.target.dev;
  if (item.device !== 'disk') throw new KimchiError(400, 'KCHVMSTOR0038E', { dev, type: item.device });
  if (vm.running || !vm.persistent) throw new KimchiError(409, 'KCHVMSTOR0037E', { dev, name });
  const bus = body.bus !== undefined && body.bus !== item.target.bus ? body.bus : undefined;
  const newDev = bus ? pickDev(vm, bus) : dev;
  const conn = deps.libvirt.connection;
  await change('KCHVMSTOR0039E', { name, dev }, async () => {
    const xml = updateDomainXML(await conn.domainGetXMLDesc(vm.dom, DomainXMLFlags.INACTIVE), (m) => {
      m.devices.disks = m.devices.disks.map((d) => {
        if (d.target.dev !== dev) return d;
        const next = applyDiskOptions(d, body);
        if (!bus) return next;
        const e = d[ORIGIN];
        if (e) e.children = e.children.filter((c) => !('name' in c && c.name === 'address'));
        return { ...next, target: { dev: newDev, bus } };
      });
    });
    await conn.domainDefineXML(xml);
  });
  deps.domainXml?.invalidate(vm.dom.uuid);
  return newDev;
}
