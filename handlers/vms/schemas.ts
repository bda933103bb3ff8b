// Zod schemas of the VM resource (Kimchi's /vms); the skeleton lists name, UUID and state, issue 4 adds the rest.
import { z } from '@hono/zod-openapi';

export const VM_STATES = ['running', 'paused', 'shutoff', 'shutdown', 'crashed', 'pmsuspended', 'blocked', 'nostate'] as const;

export const VmSummary = z.object({
  name: z.string().openapi({ example: 'vm-1' }),
  uuid: z.string().openapi({ example: '6695eb01-f6a4-8304-79aa-97f2502e193f' }),
  state: z.enum(VM_STATES),
}).openapi('VmSummary');
export type VmSummary = z.infer<typeof VmSummary>;

export const VmList = z.array(VmSummary).openapi('VmList');
