// Zod schema of the health resource: one word and the version, for load balancers and systemd's watchdog.
import { z } from '@hono/zod-openapi';

/** ok: all is well; degraded: serving, but a startup requirement (default network or pool) fails; error: cannot serve guests. */
export const Health = z.object({
  status: z.enum(['ok', 'degraded', 'error']),
  version: z.string().openapi({ example: '0.1.0' }),
}).openapi('Health');
export type Health = z.infer<typeof Health>;
