// Typed calls of install media: the ISOs the active pools hold (with their OS), and one host file inspected.
import type { InstallMedia } from '../../handlers/storage/isos/schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

export type { InstallMedia } from '../../handlers/storage/isos/schemas.ts';

/** GET /api/isos: every ISO of every active pool, with the OS osinfo-db recognises and its recommended resources. */
export const listIsos = () => request<InstallMedia[]>('GET', scoped('/isos'));

/** GET /api/isos/inspect?path=: one file on the host; 400 KCHISO0004E when it is not an ISO image. */
export const inspectIso = (path: string) => request<InstallMedia>('GET', scoped(`/isos/inspect?path=${encodeURIComponent(path)}`));
