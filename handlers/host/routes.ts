// Routes of the host: info, stats and history, devices for passthrough, and /config/capabilities (capabilities-routes.ts).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors, jsonOf } from '../common/responses.ts';
import { capabilityRoutes } from './capabilities-routes.ts';
import { listHostDevices } from './devices.ts';
import { hostInfo, onThisMachine } from './info.ts';
import { DeviceQuery, HostDevice, HostInfo, HostStats, HostStatsHistory } from './schemas.ts';
import { currentStats, statsHistory } from './stats.ts';


const info = createRoute({
  method: 'get', path: '/host', tags: ['host'],
  summary: 'The host: CPU model and topology, memory, OS, kernel, libvirt and QEMU versions',
  responses: { 200: jsonOf('The host', HostInfo), 500: errors[500] },
});
const stats = createRoute({
  method: 'get', path: '/host/stats', tags: ['host'],
  summary: 'The latest sample: CPU %, memory bytes, disk and network B/s (also pushed as `host` events on /api/events)',
  responses: { 200: jsonOf('The latest sample', HostStats), 500: errors[500] },
});
const history = createRoute({
  method: 'get', path: '/host/stats/history', tags: ['host'], summary: 'The last hour of samples, oldest first, as columns',
  responses: { 200: jsonOf('The last hour', HostStatsHistory), 500: errors[500] },
});
const devices = createRoute({
  method: 'get', path: '/host/devices', tags: ['host'],
  summary: 'PCI and USB devices that can be passed through, with the VMs that hold each',
  request: { query: DeviceQuery },
  responses: { 200: jsonOf('Host devices', z.array(HostDevice)), 400: errors[400], 500: errors[500] },
});

export function hostRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(info, async (c) => c.json(await hostInfo(c.get('deps').libvirt.connection, onThisMachine(c.get('deps'))), 200));
  app.openapi(stats, (c) => c.json(currentStats(c.get('deps').hostStats), 200));
  app.openapi(history, (c) => c.json(statsHistory(c.get('deps').hostStats), 200));
  app.openapi(devices, async (c) => {
    const deps = c.get('deps');
    return c.json(await listHostDevices(deps.libvirt.connection, c.req.valid('query')._cap, deps.domainXml), 200);
  });
  capabilityRoutes(app);
}
