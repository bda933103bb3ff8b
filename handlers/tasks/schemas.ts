// Zod schemas of the Task resource (Kimchi's /tasks): long operations and their outcome.
import { z } from '@hono/zod-openapi';

export const Task = z.object({
  id: z.string().openapi({ example: '7' }),
  status: z.enum(['running', 'finished', 'failed']),
  message: z.string().openapi({ description: 'Progress while running, outcome when ended (translated)' }),
  target_uri: z.string().openapi({ example: '/plugins/kimchi/vms/vm-1' }),
  created_at: z.string().openapi({ description: 'When it started (ISO 8601)', example: '2026-12-02T16:52:43.000Z' }),
  updated_at: z.string().openapi({ description: 'Its last progress, or when it ended (ISO 8601)', example: '2026-12-02T16:52:45.000Z' }),
}).openapi('Task');
export type Task = z.infer<typeof Task>;

export const TaskList = z.array(Task).openapi('TaskList');

export const TaskQuery = z.strictObject({
  status: z.enum(['running', 'finished', 'failed']).optional(),
  target_uri: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ description: 'At most this many, newest first' }),
});

export const TaskParams = z.strictObject({
  id: z.string().regex(/^[1-9][0-9]{0,15}$/).openapi({ param: { name: 'id', in: 'path' }, example: '7' }),
});
