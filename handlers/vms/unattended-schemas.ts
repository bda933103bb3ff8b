// Zod schemas of unattended installs: POST /vms's `unattended` (who the installer creates, locale, time zone…) and the
// offer GET /isos shows for an ISO whose OS osinfo-db has an install script for.
import { z } from '@hono/zod-openapi';

/** One line of printable characters without quotes or backslashes: osinfo-db's scripts quote values with ' and " as they stand. */
const SAFE = /^[^\x00-\x1f\x7f'"\\`]+$/;

export const Unattended = z.strictObject({
  user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a Linux user name: lower-case letters, digits, _ and -, at most 32')
    .refine((s) => s !== 'root' && s !== 'administrator', { message: 'not root or administrator' })
    .openapi({ example: 'alice', description: 'The user the installer creates' }),
  password: z.string().min(1).max(256).regex(SAFE, 'one line, no quotes or backslashes').openapi({
    description: "The user's password: written only into the install script (a volume deleted with the guest), never stored in our database or logged",
  }),
  admin_password: z.string().min(1).max(256).regex(SAFE, 'one line, no quotes or backslashes').optional().openapi({
    description: "root's (Administrator's) password where the script sets one. Default: the user's password",
  }),
  locale: z.string().regex(/^[a-z]{2,3}([_-][A-Za-z]{2}|[_-][0-9]{3})?$/, 'a language tag such as en-US or pt_BR').openapi({ example: 'pt-BR' }),
  timezone: z.string().max(64).optional().openapi({ example: 'America/Sao_Paulo', description: 'An IANA time zone name; required where the script sets one (GET /isos lists it among `fields`)' }),
  hostname: z.string().max(63).regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i, 'letters, digits and inner hyphens').optional()
    .openapi({ description: "The guest's host name. Default: the VM's name made into one" }),
  product_key: z.string().max(64).regex(/^[A-Za-z0-9-]+$/, 'letters, digits and hyphens').optional()
    .openapi({ description: 'Windows: the product key (XXXXX-XXXXX-XXXXX-XXXXX-XXXXX); required where the script asks for one' }),
}).openapi('Unattended');
export type Unattended = z.infer<typeof Unattended>;

export const UnattendedField = z.enum(['user', 'password', 'admin_password', 'locale', 'timezone', 'hostname', 'product_key']);
export type UnattendedField = z.infer<typeof UnattendedField>;

export const UnattendedOffer = z.object({
  profile: z.string().openapi({ example: 'jeos', description: "osinfo-db's script profile used (jeos where there is one, else desktop)" }),
  injection: z.enum(['initrd', 'cdrom', 'floppy', 'disk']).openapi({ description: 'How the script reaches the installer: added to its initrd (direct kernel boot), or on a second CD-ROM' }),
  fields: z.array(z.object({ name: UnattendedField, required: z.boolean() })).openapi({
    description: 'What the scripts use; `required` ones must be given (user and password always are)',
  }),
}).openapi('UnattendedOffer');
export type UnattendedOffer = z.infer<typeof UnattendedOffer>;
