// Routes of a VM's snapshots (issue 8).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function snapshotRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by its issue
}
