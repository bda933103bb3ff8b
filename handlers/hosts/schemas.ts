// Zod schemas of the Host resource (issue 14): the registry's fields plus each host's connection state.
import { z } from '@hono/zod-openapi';

/** Letters, digits, `.`, `_`, `-` (a path segment as is); `all` is the word for every host in ?host=all. */
export const HostName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/).refine((s) => s !== 'all', { message: 'all is reserved' })
  .openapi({ example: 'rack2-node7', description: '1–63 letters, digits, ".", "_" or "-", starting with a letter or digit; not "all"' });

const Uri = z.string().min(1).max(1024)
  .openapi({ example: 'qemu+tls://node7.example.org/system', description: 'qemu+tcp://, qemu+tls://, qemu+ssh://user@host/system or qemu+unix:///system?socket=…' });

export const HostStateName = z.enum(['connected', 'connecting', 'failing']);

export const Host = z.object({
  name: z.string(),
  uri: z.string().openapi({ description: "How this server reaches the host's libvirtd" }),
  migration_uri: z.string().nullable().openapi({
    description: "How the other hosts' libvirtds reach it for peer-to-peer migration (the uri unless set). For local: set with PUT, "
      + 'else its uri when that names a host or socket; null: none (it cannot be a destination)',
  }),
  description: z.string(),
  added_by: z.string().nullable().openapi({ description: 'Who registered it (null for local and when authentication is off)' }),
  added_at: z.string().nullable().openapi({ description: 'When (ISO 8601); null for local' }),
  local: z.boolean().openapi({ description: 'The machine this server runs on (--libvirt-uri): cannot be removed; only its migration_uri and description change' }),
  state: HostStateName,
  reason: z.string().optional().openapi({ description: "libvirt's reason while failing" }),
  next_retry: z.string().optional().openapi({ description: 'When the next reconnect attempt is due (ISO 8601)' }),
  problem: z.string().optional().openapi({ description: "The host's own sanity problem (its default network or pool), translated; it never puts the interface in error mode unless the host is local" }),
}).openapi('Host');
export type Host = z.infer<typeof Host>;

export const HostInput = z.strictObject({
  name: HostName,
  uri: Uri,
  migration_uri: Uri.optional(),
  description: z.string().max(1024).optional(),
}).openapi('HostInput');
export type HostInput = z.infer<typeof HostInput>;

export const HostUpdate = z.strictObject({
  uri: Uri.optional(),
  migration_uri: Uri.nullable().optional().openapi({ description: 'null: migrate through the uri' }),
  description: z.string().max(1024).optional(),
}).openapi('HostUpdate');
export type HostUpdate = z.infer<typeof HostUpdate>;

export const HostTest = z.strictObject({ uri: Uri }).openapi('HostTest');

export const HostTestResult = z.union([
  z.object({ ok: z.literal(true), hostname: z.string(), libvirt_version: z.string().openapi({ example: '9.0.0' }) }),
  z.object({ ok: z.literal(false), reason: z.string().openapi({ description: "libvirt's (or the transport's) reason" }) }),
]).openapi('HostTestResult');

export const HostParams = z.strictObject({ host: z.string().min(1).max(63).openapi({ param: { name: 'host', in: 'path' }, example: 'local' }) });
