// Routes of the host: info, stats and history, devices, capabilities (issue 6).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function hostRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by its issue
}
