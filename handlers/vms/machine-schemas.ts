// Zod schemas of a guest's machine settings: firmware, Secure Boot, TPM, CPU mode (creation and templates), watchdog and vsock.
import { z } from '@hono/zod-openapi';

export const FIRMWARES = ['bios', 'uefi'] as const;
export const CPU_MODES = ['host-passthrough', 'host-model', 'custom'] as const;
export const WATCHDOG_MODELS = ['i6300esb', 'ib700'] as const;
export const WATCHDOG_ACTIONS = ['reset', 'shutdown', 'poweroff', 'pause', 'none', 'dump', 'inject-nmi'] as const;

const CpuModel = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/).openapi({ example: 'Haswell-noTSX', description: 'A named CPU model from the host\'s domain capabilities (cpu_mode custom)' });

/** Settings a new guest (and a template) may carry; absent means BIOS, no TPM and the hypervisor's default CPU. */
export const machineFields = {
  firmware: z.enum(FIRMWARES).optional().openapi({ description: 'Not in Kimchi. bios (SeaBIOS, default) or uefi (OVMF, chosen by libvirt from what the host offers)' }),
  secure_boot: z.boolean().optional().openapi({ description: 'Not in Kimchi. UEFI Secure Boot with the distribution\'s enrolled keys (needs uefi; uses the q35 machine and SMM)' }),
  tpm: z.boolean().optional().openapi({ description: 'Not in Kimchi. An emulated TPM 2.0 (swtpm); refused with 400 on a host without it' }),
  cpu_mode: z.enum(CPU_MODES).optional().openapi({ description: 'Not in Kimchi. host-passthrough, host-model, or custom with cpu_model; absent: the hypervisor\'s default CPU' }),
  cpu_model: CpuModel.optional(),
};
export const MachineSettings = z.strictObject(machineFields).openapi('MachineSettings');
export type MachineSettings = z.infer<typeof MachineSettings>;

export const Watchdog = z.strictObject({
  model: z.enum(WATCHDOG_MODELS),
  action: z.enum(WATCHDOG_ACTIONS).openapi({ description: 'What the host does when the guest stops feeding the watchdog' }),
}).openapi('Watchdog');
export const Vsock = z.strictObject({
  cid: z.int().min(3).max(4294967294).nullable().openapi({ description: 'The guest\'s context id; null: libvirt picks a free one at start' }),
}).openapi('Vsock');

/** GET /vms/{name}/machine: the saved settings, libvirt's firmware files of a running guest, and the pending marker. */
export const VmMachine = z.object({
  firmware: z.enum(FIRMWARES),
  secure_boot: z.boolean(),
  machine: z.string().nullable().openapi({ example: 'pc-q35-7.2' }),
  loader: z.string().nullable().openapi({ description: 'The UEFI code image libvirt chose (known once the guest has run)' }),
  nvram: z.string().nullable().openapi({ description: 'The guest\'s own UEFI variables file; deleted with the guest' }),
  tpm: z.object({ model: z.string(), backend: z.string(), version: z.string().nullable() }).nullable(),
  cpu_mode: z.enum(CPU_MODES).nullable(),
  cpu_model: z.string().nullable(),
  watchdog: Watchdog.nullable(),
  vsock: Vsock.nullable(),
  pending_changes: z.boolean().openapi({ description: 'The saved configuration differs from the running guest: changes take effect after the next shutdown' }),
  pending: z.array(z.string()).openapi({ description: 'The parts that differ (firmware, cpu, memory, vcpus, devices…)' }),
}).openapi('VmMachine');
export type VmMachine = z.infer<typeof VmMachine>;

/** PUT /vms/{name}/machine: firmware, Secure Boot, TPM and CPU while shut off; watchdog and vsock any time (saved config). */
export const VmMachineUpdate = z.strictObject({
  firmware: machineFields.firmware,
  secure_boot: machineFields.secure_boot,
  tpm: machineFields.tpm,
  cpu_mode: z.enum(CPU_MODES).nullable().optional().openapi({ description: 'null: back to the hypervisor\'s default CPU' }),
  cpu_model: CpuModel.optional(),
  watchdog: Watchdog.nullable().optional().openapi({ description: 'null removes it' }),
  vsock: Vsock.nullable().optional().openapi({ description: 'null removes it' }),
}).openapi('VmMachineUpdate');
export type VmMachineUpdate = z.infer<typeof VmMachineUpdate>;

/** GET /host/domcapabilities: what this host's hypervisor offers new and existing guests. */
export const MachineOptions = z.object({
  known: z.boolean().openapi({ description: 'false when libvirt cannot report domain capabilities (e.g. the test driver): firmware is then not checked' }),
  firmware: z.array(z.enum(FIRMWARES)),
  secure_boot: z.boolean(),
  tpm: z.boolean().openapi({ description: 'An emulated TPM 2.0 is possible (libvirt found swtpm)' }),
  cpu_modes: z.array(z.enum(CPU_MODES)),
  cpu_models: z.array(z.string()),
  watchdog_models: z.array(z.enum(WATCHDOG_MODELS)),
  watchdog_actions: z.array(z.enum(WATCHDOG_ACTIONS)),
  vsock: z.boolean().openapi({ description: 'The host has /dev/vhost-vsock (a guest with vsock can start)' }),
}).openapi('MachineOptions');
export type MachineOptions = z.infer<typeof MachineOptions>;
