// Zod schemas of the host resources with Kimchi's field names: /host, /host/stats(/history), /host/devices, /config/capabilities.
import { z } from '@hono/zod-openapi';

export const HostInfo = z.object({
  host: z.string().openapi({ description: 'Host name as libvirt reports it' }),
  cpu_model: z.string().nullable().openapi({ example: 'Intel(R) Xeon(R) CPU E5-2650 v4 @ 2.20GHz', description: "Another machine's: libvirt's sysinfo or CPU model, null when it tells neither" }),
  cpus: z.object({
    online: z.number().int(), sockets: z.number().int(), cores: z.number().int().openapi({ description: 'Cores per socket' }),
    threads_per_core: z.number().int(), mhz: z.number().int(),
  }),
  memory: z.object({ online: z.number().openapi({ description: 'Physical memory in bytes' }) }),
  architecture: z.string().openapi({ example: 'x86_64' }),
  os_distro: z.string().nullable().openapi({ example: 'Debian GNU/Linux', description: 'null for another machine: libvirt does not tell' }),
  os_version: z.string().nullable().openapi({ example: '12', description: 'null for another machine: libvirt does not tell' }),
  os_codename: z.string().nullable().openapi({ example: 'bookworm', description: 'null for another machine: libvirt does not tell' }),
  kernel: z.string().nullable().openapi({ example: '6.1.0-18-amd64', description: 'null for another machine: libvirt does not tell' }),
  libvirt_version: z.string().openapi({ example: '9.0.0' }),
  qemu_version: z.string().openapi({ example: '7.2.0', description: "The hypervisor's version (QEMU under qemu:///system)" }),
}).openapi('Host');

export const HostStats = z.object({
  timestamp: z.number().openapi({ description: 'Milliseconds since the epoch' }),
  cpu_utilization: z.number().openapi({ description: 'Percent of all CPUs busy, 0–100' }),
  memory: z.object({
    total: z.number(), free: z.number(), avail: z.number().openapi({ description: 'free + buffers + cached' }),
    cached: z.number(), buffers: z.number(),
  }).openapi({ description: 'Bytes' }),
  disk_read_rate: z.number().openapi({ description: 'B/s' }),
  disk_write_rate: z.number().openapi({ description: 'B/s' }),
  net_recv_rate: z.number().openapi({ description: 'B/s' }),
  net_sent_rate: z.number().openapi({ description: 'B/s' }),
}).openapi('HostStats');

const series = z.array(z.number());
export const HostStatsHistory = z.object({
  timestamp: series, cpu_utilization: series,
  memory: z.array(HostStats.shape.memory), disk_read_rate: series, disk_write_rate: series, net_recv_rate: series, net_sent_rate: series,
}).openapi('HostStatsHistory', { description: 'The last hour, oldest first, one column per field (index i of each is one sample)' });

const IdName = z.object({ id: z.string().nullable(), description: z.string().nullable() });
export const DeviceCap = z.enum(['pci', 'usb_device']);
export const HostDevice = z.object({
  name: z.string().openapi({ example: 'pci_0000_00_1f_2' }),
  parent: z.string().nullable(),
  path: z.string().nullable().openapi({ description: 'sysfs path' }),
  device_type: DeviceCap,
  vendor: IdName,
  product: IdName,
  class_name: z.string().nullable().openapi({ example: 'Ethernet controller', description: 'What kind of device (PCI class), null when unknown' }),
  driver: z.string().nullable().openapi({ description: 'Kernel driver bound now (vfio-pci when passed through)' }),
  iommuGroup: z.number().int().nullable(),
  vm_holders: z.array(z.object({ name: z.string(), state: z.string() })).openapi({ description: 'VMs whose definition holds this device' }),
}).openapi('HostDevice');
export type HostDevice = z.infer<typeof HostDevice>;

export const DeviceQuery = z.strictObject({ _cap: DeviceCap.optional().openapi({ description: 'Only this capability; both when absent' }) });

export const Capabilities = z.object({
  kvm: z.boolean().openapi({ description: '/dev/kvm exists on this host' }),
  libvirtd_running: z.boolean(),
  libvirt_driver: z.string().nullable().openapi({ example: 'QEMU', description: "libvirt's hypervisor type; null while libvirtd is unreachable" }),
  screenshot: z.boolean().openapi({ description: 'Guest screenshots can be taken (libvirt streams through this connection)' }),
  qemu_spice: z.boolean(),
  nfs: z.boolean().openapi({ description: 'netfs (NFS) storage pools are supported' }),
  iscsi: z.boolean().openapi({ description: 'iSCSI storage pools are supported' }),
  storage_pool_types: z.array(z.string()),
  qemu_img: z.boolean().openapi({ description: 'qemu-img is installed' }),
  system_report_tool: z.boolean().openapi({ description: 'sos is installed (debug reports then include its archive)' }),
  kernel_vfio: z.boolean().openapi({ description: 'The vfio-pci driver is available for PCI passthrough' }),
}).openapi('Capabilities');
export type Capabilities = z.infer<typeof Capabilities>;
