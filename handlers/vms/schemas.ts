// Zod schemas of the VM resource (Kimchi's /vms): the VM view, the update body, actions and the deletion plan.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';

export const VM_STATES = ['running', 'paused', 'shutoff', 'shutdown', 'crashed', 'pmsuspended', 'blocked', 'nostate'] as const;
export type VmState = (typeof VM_STATES)[number];
export const VM_ACTIONS = ['start', 'poweroff', 'shutdown', 'reset', 'suspend', 'resume', 'reboot', 'nmi'] as const;
export type VmAction = (typeof VM_ACTIONS)[number];
export const BOOT_DEVICES = ['hd', 'cdrom', 'network'] as const;

const MiB = (description: string) => z.int().min(16).max(16 * 1024 * 1024).openapi({ description: `${description} (MiB)` });
const Vcpus = z.int().min(1).max(4096);

export const VmStatsView = z.object({
  cpu_utilization: z.number().openapi({ description: 'Percent of the VM\'s vCPUs, 0–100' }),
  mem_utilization: z.number().openapi({ description: 'Percent of its memory in use, 0–100' }),
  net_throughput: z.number().openapi({ description: 'KiB/s received plus sent, all interfaces' }),
  net_throughput_peak: z.number().openapi({ description: 'Highest net_throughput in the last minute' }),
  io_throughput: z.number().openapi({ description: 'KiB/s read plus written, all disks' }),
  io_throughput_peak: z.number().openapi({ description: 'Highest io_throughput in the last minute' }),
}).openapi('VmStats');

export const Vm = z.object({
  name: z.string().openapi({ example: 'vm-1' }),
  uuid: z.string().openapi({ example: '6695eb01-f6a4-8304-79aa-97f2502e193f' }),
  state: z.enum(VM_STATES),
  persistent: z.boolean(),
  autostart: z.boolean(),
  title: z.string(),
  description: z.string(),
  cpus: z.int().openapi({ description: 'vCPUs online' }),
  cpu_info: z.object({ vcpus: z.int(), maxvcpus: z.int() }),
  memory: z.object({ current: z.int(), maxmemory: z.int() }).openapi({ description: 'MiB' }),
  bootorder: z.array(z.string()),
  firmware: z.enum(['bios', 'uefi']).openapi({ description: 'From the domain XML (read-only): SeaBIOS or UEFI (OVMF)' }),
  graphics: z.object({
    type: z.enum(['vnc', 'spice']).nullable(),
    listen: z.string().nullable(),
    port: z.int().nullable().openapi({ description: 'The real port while the VM runs, else null' }),
  }),
  stats: VmStatsView,
  icon: z.string().nullable(),
  template: z.string().nullable(),
  users: z.array(z.string()),
  groups: z.array(z.string()),
  host: z.string().optional().openapi({ description: 'The host the guest lives on (`local`: the machine this server runs on); present in every answer', example: 'local' }),
  pending_changes: z.boolean().optional().openapi({ description: 'One VM only (GET /vms/{name} and answers to changes): the saved configuration of the running guest differs from the live one, so changes take effect after the next shutdown. Not in Kimchi' }),
}).openapi('Vm');
export type Vm = z.infer<typeof Vm>;

export const VmList = z.array(Vm).openapi('VmList');

/** GET /vms?host=: one host's guests (default local), or `all`: every connected host's, asked in parallel. */
export const VmListQuery = z.object({
  host: z.string().min(1).max(63).optional().openapi({
    example: 'all',
    description: 'A host name, or `all`: every guest of every connected host (each names its host); hosts that do not answer within 2 s are left out and named, URL-encoded and comma-separated, in the Kimchi-Unreachable-Hosts header',
  }),
});

/** The VM in the path: any name libvirt holds (VMs made elsewhere may not follow our naming rule). */
export const VmParams = z.object({
  name: z.string().min(1).max(1024).openapi({ param: { name: 'name', in: 'path' }, example: 'vm-1' }),
});
export const VmActionParams = VmParams.extend({
  action: z.enum(VM_ACTIONS).openapi({ param: { name: 'action', in: 'path' }, example: 'start' }),
});

/** PUT /vms/:name — any subset; changes go to the persistent config, and live too where the VM runs and it can. */
export const VmUpdate = z.strictObject({
  name: ResourceName.optional().openapi({ description: 'New name; only while the VM is shut off' }),
  memory: z.strictObject({ current: MiB('Memory at boot').optional(), maxmemory: MiB('Maximum memory').optional() }).optional(),
  cpu_info: z.strictObject({ vcpus: Vcpus.optional(), maxvcpus: Vcpus.optional() }).optional(),
  title: z.string().max(256).refine((s) => !s.includes('\n'), { message: 'one line' }).optional(),
  description: z.string().max(4096).optional(),
  autostart: z.boolean().optional(),
  bootorder: z.array(z.enum(BOOT_DEVICES)).min(1).max(BOOT_DEVICES.length).optional(),
  users: z.array(z.string().min(1).max(64)).max(200).optional().openapi({ description: 'Host users who may view, start, stop and open the console of this VM' }),
  groups: z.array(z.string().min(1).max(64)).max(200).optional().openapi({ description: 'Host groups whose members may do the same' }),
  bootmenu: z.boolean().optional().openapi({ description: 'Show the firmware boot menu at start' }),
  graphics: z.strictObject({
    passwd: z.string().max(256).optional().openapi({ description: 'Console password (default: a random one)' }),
    passwdValidTo: z.number().int().min(1).max(10 * 365 * 86400).optional().openapi({ description: 'Seconds the password stays valid (default 30)' }),
  }).optional().openapi({ description: 'A console password with an expiry, in the saved configuration (from the next start)' }),
}).openapi('VmUpdate');
export type VmUpdate = z.infer<typeof VmUpdate>;

export const KEEP_REASONS = ['cdrom', 'readonly', 'shared', 'template', 'not_volume'] as const;
export type KeepReason = (typeof KEEP_REASONS)[number];

/** What DELETE /vms/:name would do with each disk: the UI's confirmation dialog shows it. */
export const VmDeletion = z.object({
  name: z.string(),
  delete: z.array(z.object({ dev: z.string(), path: z.string(), pool: z.string(), volume: z.string() })),
  keep: z.array(z.object({
    dev: z.string(),
    path: z.string(),
    reason: z.enum(KEEP_REASONS).openapi({
      description: 'cdrom: an install medium; readonly: attached read-only; shared: another VM uses it (see by); '
        + 'template: a template\'s base image (see by); not_volume: not a libvirt storage volume, never deleted',
    }),
    by: z.array(z.string()).openapi({ description: 'The VMs or templates that use it' }),
    message: z.string().openapi({ description: 'The reason in the caller\'s language' }),
  })),
}).openapi('VmDeletion');
export type VmDeletion = z.infer<typeof VmDeletion>;
