// Routes of a VM's screen: screenshot and console connection tokens (issue 8).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { connectRoutes } from './connect-routes.ts';
import { screenshotRoutes } from './screenshot.ts';

export function consoleRoutes(_app: OpenAPIHono<AppEnv>): void {
  connectRoutes(_app);
  screenshotRoutes(_app);
  // filled by its issue
}
