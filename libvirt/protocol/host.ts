// Host (node) procedures (remote_protocol.x): CPU and memory counters, node devices, storage pool capabilities.
import { x } from '../xdr/index.ts';
import { flagsOnly, proc } from './types.ts';

/** remote_node_get_cpu_stats / remote_node_get_memory_stats: a field name and an unsigned hyper. */
const nodeStat = x.struct({ field: x.string, value: x.uhyper });
/** REMOTE_NODE_CPU_STATS_MAX and REMOTE_NODE_MEMORY_STATS_MAX. */
const STATS_MAX = 16;
/** REMOTE_NODE_DEVICE_LIST_MAX */
const NODE_DEVICE_LIST_MAX = 65536;

/** remote_nonnull_node_device: a node device is known by its name alone. */
export const nodeDevice = x.struct({ name: x.string });
export interface NodeDevice { name: string }

export const hostProcedures = {
  nodeDeviceGetXMLDesc: proc('nodeDeviceGetXMLDesc', 114, x.struct({ name: x.string, flags: x.uint }), x.string),
  // Call-by-reference: nparams 0 asks how many fields there are, then a second call fetches them.
  nodeGetCPUStats: proc('nodeGetCPUStats', 227,
    x.struct({ cpuNum: x.int, nparams: x.int, flags: x.uint }), x.struct({ params: x.array(nodeStat, STATS_MAX), nparams: x.int })),
  nodeGetMemoryStats: proc('nodeGetMemoryStats', 228,
    x.struct({ nparams: x.int, cellNum: x.int, flags: x.uint }), x.struct({ params: x.array(nodeStat, STATS_MAX), nparams: x.int })),
  connectListAllNodeDevices: proc('connectListAllNodeDevices', 285,
    x.struct({ need_results: x.int, flags: x.uint }), x.struct({ devices: x.array(nodeDevice, NODE_DEVICE_LIST_MAX), ret: x.uint })),
  connectGetStoragePoolCapabilities: proc('connectGetStoragePoolCapabilities', 403, flagsOnly, x.string),
};
