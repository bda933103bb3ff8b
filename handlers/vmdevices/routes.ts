// Routes of a VM's devices: storages (disks, CD-ROMs) and network interfaces (issue 8).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function vmDeviceRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by its issue
}
