// Zod schemas every resource shares: the error body.
import { z } from '@hono/zod-openapi';

export const ErrorBody = z.object({
  code: z.string().openapi({ example: 'KCHAPI0005E', description: 'Stable message code' }),
  reason: z.string().openapi({ example: 'Invalid value for name: a value is required.', description: "Message in the caller's language" }),
}).openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;
