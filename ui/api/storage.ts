// Typed calls of storage: pools, volumes (with the XHR upload that reports progress), storage servers, ISO scans.
import type { z } from '@hono/zod-openapi';
import type { IsoScan } from '../../handlers/storage/isos/schemas.ts';
import type { PoolInput, StoragePool, StorageTarget, StorageVolume, VolumeInput } from '../../handlers/storage/schemas.ts';
import type { Task } from '../../handlers/tasks/schemas.ts';
import { locale } from '../common/i18n/index.ts';
import { apiUrl } from './base.ts';
import { ApiError, NetworkError, ResponseError, UI_HEADERS, request } from './client.ts';
import { scoped } from './scope.ts';

export type { IsoScan } from '../../handlers/storage/isos/schemas.ts';
export type { PoolInput, StoragePool, StorageVolume, VolumeInput } from '../../handlers/storage/schemas.ts';
export type StorageTarget = z.infer<typeof StorageTarget>;
export type IsoImage = IsoScan['isos'][number];
export type PoolAction = 'activate' | 'deactivate' | 'refresh';

const pool = (name: string) => `/storagepools/${encodeURIComponent(name)}`;
const volumes = (p: string) => `${pool(p)}/storagevolumes`;
const volume = (p: string, name: string) => `${volumes(p)}/${encodeURIComponent(name)}`;

export const listPools = () => request<StoragePool[]>('GET', scoped('/storagepools'));
/** POST /storagepools → 201: defined, built, started and autostarted; a failed step undefines it again. */
export const createPool = (input: PoolInput) => request<StoragePool>('POST', scoped('/storagepools'), input);
export const poolAction = (name: string, action: PoolAction) => request<StoragePool>('POST', scoped(`${pool(name)}/${action}`));
export const setPoolAutostart = (name: string, autostart: boolean) => request<StoragePool>('PUT', scoped(pool(name)), { autostart });
/** DELETE → 204; 409 while the pool is active or a VM has a disk in it. */
export const deletePool = (name: string) => request<void>('DELETE', scoped(pool(name)));

/** GET …/storagetargets: NFS exports (netfs) or iSCSI IQNs (iscsi) the server offers. */
export const listStorageTargets = (host: string, type: 'netfs' | 'iscsi') =>
  request<StorageTarget[]>('GET', `/storageservers/${encodeURIComponent(host)}/storagetargets?_target_type=${type}`);

/** Volumes of an active pool (409 for an inactive one). */
export const listVolumes = (p: string) => request<StorageVolume[]>('GET', scoped(volumes(p)));
export const createVolume = (p: string, input: Omit<VolumeInput, 'upload'>) => request<StorageVolume>('POST', scoped(volumes(p)), input);
/** DELETE → 204; 409 KCHVOL0003E while a VM uses the volume. */
export const deleteVolume = (p: string, name: string) => request<void>('DELETE', scoped(volume(p, name)));
/** Where the browser downloads the volume's bytes (GET, attachment). */
export const volumeContentUrl = (p: string, name: string) => apiUrl(`${scoped(volume(p, name))}/content`);

/** The ApiError (or ResponseError) an XHR answer carries. */
function xhrFailure(xhr: XMLHttpRequest): Error {
  try {
    const body = JSON.parse(xhr.responseText) as { code?: unknown; reason?: unknown };
    if (typeof body.code === 'string' && typeof body.reason === 'string') return new ApiError(xhr.status, body.code, body.reason);
  } catch { /* not JSON */ }
  return new ResponseError(xhr.status);
}

export interface Upload {
  /** Resolves with the uploaded volume; rejects with ApiError, NetworkError or ResponseError. */
  done: Promise<StorageVolume>;
  abort(): void;
}

/**
 * PUT the file's bytes as the volume's content. XMLHttpRequest, not fetch: only it reports upload progress.
 * The browser sets Content-Length from the Blob, which is exactly the capacity the volume was created with.
 */
export function putVolumeContent(p: string, name: string, file: Blob, onProgress: (sent: number, total: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<StorageVolume>((resolve, reject) => {
    xhr.open('PUT', apiUrl(`${scoped(volume(p, name))}/content`));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', locale);
    for (const [k, v] of Object.entries(UI_HEADERS)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try { resolve(JSON.parse(xhr.responseText) as StorageVolume); } catch { reject(new ResponseError(xhr.status)); }
      } else reject(xhrFailure(xhr));
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new NetworkError(new Error('upload aborted')));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** Upload a local file as a new volume: POST {upload: true, capacity: size} (202 Task), then PUT the bytes. */
export async function uploadVolume(p: string, file: File, onProgress: (sent: number, total: number) => void, onStart?: (u: Upload) => void): Promise<StorageVolume> {
  // Raw: the bytes land as they are, whatever the file holds (an ISO or a disk image).
  await request<Task>('POST', scoped(volumes(p)), { name: file.name, capacity: file.size, format: 'raw', upload: true } satisfies VolumeInput);
  const upload = putVolumeContent(p, file.name, file, onProgress);
  onStart?.(upload);
  return upload.done;
}

/** POST /isoscans → 202 with the scan and its running task. */
export const startIsoScan = (type: 'shallow' | 'deep', paths?: string[]) =>
  request<IsoScan>('POST', scoped('/isoscans'), paths ? { type, paths } : { type });
export const getIsoScan = (id: string) => request<IsoScan>('GET', scoped(`/isoscans/${encodeURIComponent(id)}`));
/** POST …/stop: the scan ends within a second, keeping what it found (409 once ended). */
export const stopIsoScan = (id: string) => request<IsoScan>('POST', scoped(`/isoscans/${encodeURIComponent(id)}/stop`));

/** POST /storagepools/{pool}/downloads → 202: a new volume filled from an http(s) URL (a Task with bytes done/total). */
export const downloadVolume = (p: string, url: string) => request<Task>('POST', scoped(`${pool(p)}/downloads`), { url });
