// Typed calls of the host resources: info, stats and the last hour, devices, capabilities, and the live `host` samples.
import type { z } from '@hono/zod-openapi';
import type { HostInfo, HostStats, HostStatsHistory } from '../../handlers/host/schemas.ts';
import { request } from './client.ts';
import { LOCAL_HOST, pageHost, scoped } from './scope.ts';
import { subscribeEvents } from './events.ts';

export type HostInfo = z.infer<typeof HostInfo>;
export type HostStats = z.infer<typeof HostStats>;
export type HostStatsHistory = z.infer<typeof HostStatsHistory>;
export type { Capabilities, HostDevice } from '../../handlers/host/schemas.ts';
import type { Capabilities, HostDevice } from '../../handlers/host/schemas.ts';

export const getHost = () => request<HostInfo>('GET', scoped('/host'));
export const getHostStats = () => request<HostStats>('GET', scoped('/host/stats'));
export const getHostStatsHistory = () => request<HostStatsHistory>('GET', scoped('/host/stats/history'));
export const getCapabilities = () => request<Capabilities>('GET', '/config/capabilities');
export function listHostDevices(cap?: 'pci' | 'usb_device'): Promise<HostDevice[]> {
  return request<HostDevice[]>('GET', scoped(cap ? `/host/devices?_cap=${cap}` : '/host/devices'));
}

/** Live host samples: `host` events on the shared /api/events stream. Returns the unsubscribe function. */
export function subscribeHostStats(onSample: (s: HostStats) => void): () => void {
  // Samples of other hosts (they carry `host`) are not this page's.
  return subscribeEvents({ host: (s) => { if (((s as { host?: string }).host ?? LOCAL_HOST) === pageHost()) onSample(s); } });
}
