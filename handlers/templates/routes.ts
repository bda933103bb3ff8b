// Routes of the Template resource: CRUD, clone (issue 4).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function templateRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by issue 4
}
