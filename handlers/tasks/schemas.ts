// Zod schemas of the Task resource (Kimchi's /tasks): long operations and their outcome.
import { z } from '@hono/zod-openapi';

export const Task = z.object({
  id: z.string().openapi({ example: '7' }),
  status: z.enum(['running', 'finished', 'failed']),
  message: z.string().openapi({ description: 'Progress while running, outcome when ended (translated)' }),
  target_uri: z.string().openapi({ example: '/plugins/kimchi/vms/vm-1' }),
}).openapi('Task');
export type Task = z.infer<typeof Task>;

export const TaskList = z.array(Task).openapi('TaskList');

export const TaskQuery = z.strictObject({
  status: z.enum(['running', 'finished', 'failed']).optional(),
  target_uri: z.string().max(1024).optional(),
});

export const TaskParams = z.strictObject({
  id: z.string().regex(/^[1-9][0-9]{0,15}$/).openapi({ param: { name: 'id', in: 'path' }, example: '7' }),
});
