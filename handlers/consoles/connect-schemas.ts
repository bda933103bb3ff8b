// Zod schemas of the connect action (Kimchi's POST /vms/:name/connect): the optional body and the one-time token answer.
import { z } from '@hono/zod-openapi';

export const ConnectBody = z.strictObject({
  kind: z.enum(['vnc', 'serial']).optional().openapi({
    description: 'The console the token is for; absent: either (the first use decides), and the VM must have VNC graphics',
  }),
}).openapi('ConsoleConnectRequest');
export type ConnectBody = z.infer<typeof ConnectBody>;

export const ConsoleConnection = z.object({
  token: z.string().openapi({ description: 'One-time token: 32 random bytes, base64url; opens one console once' }),
  vnc: z.string().openapi({ example: '/api/consoles/vnc?token=…', description: 'WebSocket (binary) to the VM\'s VNC server' }),
  serial: z.string().openapi({ example: '/api/consoles/serial?token=…', description: 'WebSocket to the VM\'s serial console' }),
  expires: z.string().openapi({ description: 'When the unused token stops working (ISO 8601, 30 s after issue)' }),
}).openapi('ConsoleConnection');
export type ConsoleConnection = z.infer<typeof ConsoleConnection>;
