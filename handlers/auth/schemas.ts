// Zod schemas of login, the session, host users and groups, the audit log and refused anonymous traffic.
import { z } from '@hono/zod-openapi';

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(4096),
}).openapi('Login');

export const SessionUser = z.object({
  username: z.string(),
  admin: z.boolean(),
  groups: z.array(z.string()),
  roles: z.array(z.enum(['admin', 'user'])),
  /** Present when a host that embeds us logged the user in (deps.identify): logging out is the host's business. */
  host_login: z.literal(true).optional().openapi({ description: 'The embedding host logged this user in; log out there' }),
}).openapi('SessionUser');

export const AuditEntry = z.object({
  id: z.int(),
  at: z.string().openapi({ example: '2026-11-26T07:00:00.000Z' }),
  user: z.string().nullable(),
  remote_addr: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  status: z.int(),
  code: z.string().nullable(),
}).openapi('AuditEntry');

export const AuditQuery = z.strictObject({
  user: z.string().max(64).optional(),
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  before: z.coerce.number().int().min(1).optional()
    .openapi({ description: 'Only entries with a smaller id: pass the last id of a page to get the next one' }),
});

export const RefusedEntry = z.object({
  id: z.int(),
  minute: z.string().openapi({ example: '2026-11-26T07:00:00.000Z', description: 'The start of the minute' }),
  remote_addr: z.string(),
  count: z.int().openapi({ description: 'Requests from this address refused in that minute before anyone was identified' }),
}).openapi('RefusedRequests');

export const RefusedQuery = z.strictObject({
  remote_addr: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  before: z.coerce.number().int().min(1).optional()
    .openapi({ description: 'Only rows with a smaller id: pass the last id of a page to get the next one' }),
});
