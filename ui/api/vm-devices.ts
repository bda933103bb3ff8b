// Typed calls that change a VM's devices: CD-ROM medium, disks, network interfaces and the serial port.
import type { IfaceCreate, Serial, StorageCreate } from '../../handlers/vmdevices/schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';
import type { VmIface, VmStorage } from './vm-page.ts';

export type { IfaceCreate, Serial as VmSerial, StorageCreate } from '../../handlers/vmdevices/schemas.ts';

const vmPath = (name: string) => `/vms/${encodeURIComponent(name)}`;

/** PUT /vms/:name/storages/:dev: a CD-ROM's new ISO, or null to eject it. */
export function setCdromMedium(name: string, dev: string, path: string | null): Promise<VmStorage> {
  return request<VmStorage>('PUT', scoped(`${vmPath(name)}/storages/${encodeURIComponent(dev)}`), { path });
}

/** POST /vms/:name/storages: a new volume (`size` GiB), an existing one (`vol`) or a CD-ROM drive. */
export function attachVmStorage(name: string, body: StorageCreate): Promise<VmStorage> {
  return request<VmStorage>('POST', scoped(`${vmPath(name)}/storages`), body);
}

/** DELETE /vms/:name/storages/:dev: the volume stays in its pool unless `deleteVolume` (shut-off guests only). */
export function detachVmStorage(name: string, dev: string, deleteVolume = false): Promise<VmStorage | undefined> {
  const query = deleteVolume ? '?delete_volume=true' : '';
  return request<VmStorage | undefined>('DELETE', scoped(`${vmPath(name)}/storages/${encodeURIComponent(dev)}${query}`));
}

/** POST /vms/:name/storages/:dev/resize: grow a disk to `size` GiB (live on a running guest). */
export function resizeVmStorage(name: string, dev: string, size: number): Promise<VmStorage> {
  return request<VmStorage>('POST', scoped(`${vmPath(name)}/storages/${encodeURIComponent(dev)}/resize`), { size });
}

/** POST /vms/:name/ifaces: a NIC on a virtual network, a host bridge or a host NIC (macvtap). */
export function attachVmIface(name: string, body: IfaceCreate): Promise<VmIface> {
  return request<VmIface>('POST', scoped(`${vmPath(name)}/ifaces`), body);
}

/** PUT /vms/:name/ifaces/:mac {link}: plug the cable in or pull it out (live, and saved). */
export function setVmIfaceLink(name: string, mac: string, link: 'up' | 'down'): Promise<VmIface> {
  return request<VmIface>('PUT', scoped(`${vmPath(name)}/ifaces/${encodeURIComponent(mac)}`), { link });
}

/** DELETE /vms/:name/ifaces/:mac. */
export function detachVmIface(name: string, mac: string): Promise<VmIface | undefined> {
  return request<VmIface | undefined>('DELETE', scoped(`${vmPath(name)}/ifaces/${encodeURIComponent(mac)}`));
}

/** GET /vms/:name/serials: the serial ports (the Serial console needs one). */
export function listVmSerials(name: string): Promise<Serial[]> {
  return request<Serial[]>('GET', scoped(`${vmPath(name)}/serials`));
}

/** POST /vms/:name/serials: add a serial port to a shut-off VM. */
export function addVmSerial(name: string): Promise<Serial[]> {
  return request<Serial[]>('POST', scoped(`${vmPath(name)}/serials`));
}
