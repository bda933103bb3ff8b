// Routes of networks and host interfaces (issue 6).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function networkRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by its issue
}
