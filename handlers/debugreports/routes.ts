// Routes of debug reports: create (a Task), list, download, rename, delete (issue 6).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function debugReportRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by its issue
}
