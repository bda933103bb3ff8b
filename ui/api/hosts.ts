// Typed calls of the host registry: the hosts this server manages, their health, adding, editing, removing, testing.
import type { z } from '@hono/zod-openapi';
import type { Host, HostInput, HostTestResult, HostUpdate } from '../../handlers/hosts/schemas.ts';
import { request } from './client.ts';

export type { Host, HostInput, HostUpdate } from '../../handlers/hosts/schemas.ts';
export type HostState = Host['state'];
/** POST /api/hosts/test: whether this server can reach `uri` now, and libvirt's reason when it cannot. */
export type HostTest = z.infer<typeof HostTestResult>;

const path = (name: string) => `/hosts/${encodeURIComponent(name)}`;

/** GET /api/hosts: local first, then every registered host with its state. */
export const listHosts = () => request<Host[]>('GET', '/hosts');
/** POST /api/hosts → 201 with the host (its state is `connecting` until the first connection). */
export const addHost = (input: HostInput) => request<Host>('POST', '/hosts', input);
/** PUT /api/hosts/:name → the host; 409 while it is busy (a migration); `local` takes only migration_uri and description. */
export const updateHost = (name: string, changes: HostUpdate) => request<Host>('PUT', path(name), changes);
/** DELETE /api/hosts/:name → 204; 409 while busy or for `local`. Its guests stay where they are. */
export const deleteHost = (name: string) => request<void>('DELETE', path(name));
/** POST /api/hosts/test {uri}: always 200; `ok: false` carries libvirt's reason. */
export const testHost = (uri: string) => request<HostTest>('POST', '/hosts/test', { uri });
