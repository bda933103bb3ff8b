// Routes of a VM's screen: screenshot and console connection tokens (issue 8).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function consoleRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by its issue
}
