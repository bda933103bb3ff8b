// Routes of one VM: read, update, actions (start, poweroff, shutdown, reset, suspend, resume), delete (issue 4).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function vmLifecycleRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by issue 4
}
