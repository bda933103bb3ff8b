// Zod schema of POST /vms's `cloud_init`: who the guest's first boot creates (user, password, SSH keys), its host
// name and optional extra user-data. Keys and user-data are checked further (with translated reasons) in cloudinit-userdata.ts.
import { z } from '@hono/zod-openapi';

export const CloudInit = z.strictObject({
  user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a Linux user name: lower-case letters, digits, _ and -, at most 32')
    .refine((s) => s !== 'root', { message: 'not root' })
    .openapi({ example: 'admin', description: 'The user cloud-init creates (with sudo rights)' }),
  password: z.string().min(1).max(1024).refine((s) => !/[\r\n]/.test(s), { message: 'one line' }).optional().openapi({
    description: "The user's password: written to the seed only as a SHA-512 crypt hash, never stored or logged; "
      + 'password logins over SSH are enabled only when one is given',
  }),
  ssh_keys: z.array(z.string().max(16 * 1024)).max(32).optional().openapi({
    example: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG… admin@laptop'],
    description: 'OpenSSH public keys ("<type> <base64> [comment]") the user may log in with',
  }),
  hostname: z.string().max(63).regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i, 'letters, digits and inner hyphens')
    .optional().openapi({ description: "The guest's host name. Default: the VM's name made into one" }),
  user_data: z.string().max(64 * 1024).optional().openapi({
    description: 'More #cloud-config as a YAML mapping (packages, runcmd, write_files…), merged into ours; it may not '
      + 'set hostname, fqdn or users',
  }),
}).openapi('CloudInit');
export type CloudInit = z.infer<typeof CloudInit>;
