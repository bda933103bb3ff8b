// Routes of a VM's devices: storages (disks, CD-ROMs), network interfaces, serial ports and shared folders.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { folderRoutes } from './folder-routes.ts';
import { ifaceRoutes } from './iface-routes.ts';
import { serialRoutes } from './serial-routes.ts';
import { storageRoutes } from './storage-routes.ts';

export function vmDeviceRoutes(app: OpenAPIHono<AppEnv>): void {
  storageRoutes(app);
  ifaceRoutes(app);
  serialRoutes(app);
  folderRoutes(app);
}
