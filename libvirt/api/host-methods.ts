// Typed host methods: node CPU/memory counters, node devices and their XML, storage pool capabilities.
import { Caller } from './base.ts';

/** VIR_NODE_CPU_STATS_ALL_CPUS / VIR_NODE_MEMORY_STATS_ALL_CELLS */
export const ALL_CPUS = -1;
export const ALL_CELLS = -1;

/** VIR_CONNECT_LIST_NODE_DEVICES_CAP_* */
export const NodeDeviceCap = { SYSTEM: 1, PCI_DEV: 1 << 1, USB_DEV: 1 << 2, USB_INTERFACE: 1 << 3, NET: 1 << 4, SCSI_HOST: 1 << 5 } as const;

const toRecord = (params: { field: string; value: bigint }[]) => Object.fromEntries(params.map((p) => [p.field, p.value]));

export abstract class HostMethods extends Caller {
  /** virNodeGetCPUStats: cumulative ns per field (kernel, user, idle, iowait…) for one CPU or all (-1). */
  async nodeGetCPUStats(cpuNum = ALL_CPUS, flags = 0): Promise<Record<string, bigint>> {
    const { nparams } = await this.invoke('nodeGetCPUStats', { cpuNum, nparams: 0, flags });
    if (nparams <= 0) return {};
    return toRecord((await this.invoke('nodeGetCPUStats', { cpuNum, nparams, flags })).params);
  }

  /** virNodeGetMemoryStats: KiB per field (total, free, buffers, cached) for one NUMA cell or all (-1). */
  async nodeGetMemoryStats(cellNum = ALL_CELLS, flags = 0): Promise<Record<string, bigint>> {
    const { nparams } = await this.invoke('nodeGetMemoryStats', { nparams: 0, cellNum, flags });
    if (nparams <= 0) return {};
    return toRecord((await this.invoke('nodeGetMemoryStats', { nparams, cellNum, flags })).params);
  }

  /** virConnectListAllNodeDevices: device names; flags are VIR_CONNECT_LIST_NODE_DEVICES_CAP_* (0 = all). */
  async connectListAllNodeDevices(flags = 0): Promise<string[]> {
    return (await this.invoke('connectListAllNodeDevices', { need_results: 1, flags })).devices.map((d) => d.name);
  }

  nodeDeviceGetXMLDesc(name: string, flags = 0) { return this.invoke('nodeDeviceGetXMLDesc', { name, flags }); }

  /** virConnectGetStoragePoolCapabilities: which pool types the storage driver supports (libvirt ≥ 5.2). */
  connectGetStoragePoolCapabilities(flags = 0) { return this.invoke('connectGetStoragePoolCapabilities', { flags }); }
}
