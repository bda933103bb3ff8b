// Typed calls of a guest's machine settings (firmware, TPM, CPU, watchdog, vsock) and of what the host offers guests.
import type { MachineOptions, VmMachine, VmMachineUpdate } from '../../handlers/vms/machine-schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

export type { MachineOptions, VmMachine, VmMachineUpdate } from '../../handlers/vms/machine-schemas.ts';

const path = (name: string) => scoped(`/vms/${encodeURIComponent(name)}/machine`);

/** GET /api/host/domcapabilities: firmware, Secure Boot, TPM 2.0, CPU modes and models the host offers. */
export function getMachineOptions(): Promise<MachineOptions> {
  return request<MachineOptions>('GET', scoped('/host/domcapabilities'));
}

/** GET /api/vms/:name/machine: the saved settings and whether they wait for the next shutdown. */
export function getVmMachine(name: string): Promise<VmMachine> {
  return request<VmMachine>('GET', path(name));
}

/** PUT /api/vms/:name/machine: firmware, TPM and CPU while shut off; watchdog and vsock any time. */
export function updateVmMachine(name: string, changes: VmMachineUpdate): Promise<VmMachine> {
  return request<VmMachine>('PUT', path(name), changes);
}
