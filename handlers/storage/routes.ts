// Routes of storage: pools, volumes (upload/download), storage servers, ISO scans (issue 5).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function storageRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by its issue
}
