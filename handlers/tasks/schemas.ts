// Zod schemas of the Task resource (Kimchi's /tasks): long operations, their progress and outcome.
import { z } from '@hono/zod-openapi';

export const TASK_STATUSES = ['running', 'finished', 'failed', 'cancelled'] as const;

export const TaskProgress = z.object({
  percent: z.number().openapi({ description: '0–100' }),
  data_processed: z.number().openapi({ description: 'Bytes moved so far' }),
  data_remaining: z.number().openapi({ description: 'Bytes left in this pass' }),
  data_total: z.number().openapi({ description: 'Bytes to move (memory and copied disks)' }),
  memory_dirty_rate: z.number().openapi({ description: 'Bytes per second the guest dirties again' }),
  elapsed_ms: z.number(),
  expected_downtime_ms: z.number().openapi({ description: 'How long the guest would pause if it switched over now' }),
}).openapi('TaskProgress');
export type TaskProgress = z.infer<typeof TaskProgress>;

export const Task = z.object({
  id: z.string().openapi({ example: '7' }),
  status: z.enum(TASK_STATUSES),
  message: z.string().openapi({ description: 'Progress while running, outcome when ended (translated)' }),
  target_uri: z.string().openapi({ example: '/plugins/kimchi/vms/vm-1' }),
  // Always sent; optional in the document only so the schema of Kimchi's time keeps its required list.
  host: z.string().optional().openapi({ description: 'The host whose libvirtd the task works on (`local` or a registered host; always present)', example: 'local' }),
  created_at: z.string().openapi({ description: 'When it started (ISO 8601)', example: '2026-12-02T16:52:43.000Z' }),
  updated_at: z.string().openapi({ description: 'Its last progress, or when it ended (ISO 8601)', example: '2026-12-02T16:52:45.000Z' }),
  progress: TaskProgress.optional().openapi({ description: 'Figures for a progress bar (a migration\'s), when the work has them' }),
  // Always sent; optional in the document only so the schema of Kimchi's time keeps its required list.
  cancellable: z.boolean().optional().openapi({ description: 'Whether POST /tasks/{id}/cancel may stop it now (always present)' }),
}).openapi('Task');
export type Task = z.infer<typeof Task>;

export const TaskList = z.array(Task).openapi('TaskList');

export const TaskQuery = z.strictObject({
  // The three statuses of Kimchi's time; cancelled tasks are listed without a filter.
  status: z.enum(['running', 'finished', 'failed']).optional(),
  target_uri: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ description: 'At most this many, newest first' }),
});

export const TaskParams = z.strictObject({
  id: z.string().regex(/^[1-9][0-9]{0,15}$/).openapi({ param: { name: 'id', in: 'path' }, example: '7' }),
});
