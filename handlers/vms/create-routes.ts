// Routes that make VMs and templates from others: create from a template, clone, template from a VM (issue 4).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';

export function vmCreateRoutes(_app: OpenAPIHono<AppEnv>): void {
  // filled by issue 4
}
