// Typed calls of the host registry: the hosts this server manages, their health, adding, editing, removing, testing.
import { request } from './client.ts';

export type HostState = 'connected' | 'connecting' | 'failing';

/** A managed host (GET /api/hosts): `local` is the machine the server runs on and cannot be edited or removed. */
export interface Host {
  name: string;
  uri: string;
  migration_uri?: string | null;
  description?: string | null;
  added_by?: string | null;
  added_at?: string | null;
  local: boolean;
  state: HostState;
  /** libvirt's reason while the host is failing. */
  reason?: string;
  /** When the server tries again (ISO time). */
  next_retry?: string;
}

export interface HostInput {
  name: string;
  uri: string;
  migration_uri?: string;
  description?: string;
}

/** POST /api/hosts/test: whether this server can reach `uri` now, and libvirt's reason when it cannot. */
export type HostTest = { ok: true; hostname: string; libvirt_version: string } | { ok: false; reason: string };

const path = (name: string) => `/hosts/${encodeURIComponent(name)}`;

/** GET /api/hosts: local first, then every registered host with its state. */
export const listHosts = () => request<Host[]>('GET', '/hosts');
/** POST /api/hosts → 201 with the host (its state is `connecting` until the first connection). */
export const addHost = (input: HostInput) => request<Host>('POST', '/hosts', input);
/** PUT /api/hosts/:name → the host; 409 while it is busy (a migration) or for `local`. */
export const updateHost = (name: string, changes: Partial<HostInput>) => request<Host>('PUT', path(name), changes);
/** DELETE /api/hosts/:name → 204; 409 while busy or for `local`. Its guests stay where they are. */
export const deleteHost = (name: string) => request<void>('DELETE', path(name));
/** POST /api/hosts/test {uri}: always 200; `ok: false` carries libvirt's reason. */
export const testHost = (uri: string) => request<HostTest>('POST', '/hosts/test', { uri });
