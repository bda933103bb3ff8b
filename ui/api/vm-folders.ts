// Typed calls for a VM's shared folders (virtiofs): list, add a host directory under a mount tag, remove.
import type { Folder, FolderCreate } from '../../handlers/vmdevices/schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

export type { Folder as VmFolder, FolderCreate as VmFolderCreate } from '../../handlers/vmdevices/schemas.ts';

const folders = (name: string) => `/vms/${encodeURIComponent(name)}/filesystems`;

/** GET /vms/:name/filesystems. */
export function listVmFolders(name: string): Promise<Folder[]> {
  return request<Folder[]>('GET', scoped(folders(name)));
}

/** POST /vms/:name/filesystems: shut-off guests only (409 with the reason otherwise). */
export function addVmFolder(name: string, body: FolderCreate): Promise<Folder> {
  return request<Folder>('POST', scoped(folders(name)), body);
}

/** DELETE /vms/:name/filesystems/:tag: shut-off guests only. */
export function removeVmFolder(name: string, tag: string): Promise<void> {
  return request<void>('DELETE', scoped(`${folders(name)}/${encodeURIComponent(tag)}`));
}
