// GET /vmdeletions?names=a,b: the deletion plans of several VMs from one pass over the host, for a bulk delete's one confirmation.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors } from '../common/responses.ts';
import { KimchiError } from '../common/errors.ts';
import { deletionView } from './delete.ts';
import { othersUsage } from './deletion-plan.ts';
import { parseNames } from './list-stats.ts';
import { VmDeletion } from './schemas.ts';

/** A confirmation lists them all; past this it is no longer readable. */
export const MAX_PLANS = 500;

export const deletionsRoute = createRoute({
  method: 'get', path: '/vmdeletions', tags: ['vms'],
  summary: 'What DELETE would do for each named VM (as /vms/{name}/deletion), reading the host once for all of them; unknown names are left out',
  request: { query: z.strictObject({ names: z.string().max(512 * 1024).openapi({ description: `Comma-separated VM names (URL-encoded each), at most ${MAX_PLANS}` }) }) },
  responses: { 200: { description: 'The deletion plans, in the order asked', content: { 'application/json': { schema: z.array(VmDeletion) } } }, 400: errors[400], 500: errors[500] },
});

export function vmDeletionsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(deletionsRoute, async (c) => {
    const deps = c.get('deps');
    const names = parseNames(c.req.valid('query').names).slice(0, MAX_PLANS);
    const usage = await othersUsage(deps.libvirt.connection);
    const plans = await Promise.all(names.map((name) => deletionView(deps, name, c.get('locale'), usage).catch((e: unknown) => {
      if (e instanceof KimchiError && e.status === 404) return undefined;
      throw e;
    })));
    return c.json(plans.filter((p): p is VmDeletion => p !== undefined), 200);
  });
}
