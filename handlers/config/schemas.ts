// Zod schemas of the config resource: the sanity-check state that drives global error mode.
import { z } from '@hono/zod-openapi';
import { ErrorBody } from '../common/schemas.ts';

export { ErrorBody };

/** `state` is "ok", or "error" with the failed requirement as a translated error. */
export const ServerConfig = z.object({
  state: z.enum(['ok', 'error']),
  error: ErrorBody.optional(),
  version: z.string().openapi({ example: '0.1.0' }),
}).openapi('Config');
export type ServerConfig = z.infer<typeof ServerConfig>;
