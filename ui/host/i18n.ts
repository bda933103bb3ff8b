// The Host page's strings (en-US + pt-BR; pt must translate every key) and its t(), using the UI's chosen locale.
import { locale } from '../common/i18n/index.ts';

const en = {
  'host.title': 'Host',
  'host.loading': 'Loading host information…',
  'host.info': 'System',
  'host.cpu': 'CPU',
  'host.cpuTopology': '{cpus} CPUs: {sockets} sockets × {cores} cores × {threads} threads',
  'host.memory': 'Memory',
  'host.os': 'Operating system',
  'host.kernel': 'Kernel',
  'host.libvirt': 'libvirt',
  'host.qemu': 'QEMU',
  'host.hostname': 'Host name',
  'host.charts': 'Activity (last hour)',
  'host.chart.cpu': 'CPU',
  'host.chart.memory': 'Memory in use',
  'host.chart.disk': 'Disk',
  'host.chart.net': 'Network',
  'host.series.cpu': 'CPU %',
  'host.series.used': 'Used',
  'host.series.read': 'Read',
  'host.series.write': 'Write',
  'host.series.recv': 'Received',
  'host.series.sent': 'Sent',
  'host.devices': 'Devices for passthrough',
  'host.devices.empty': 'No PCI or USB devices found.',
  'host.devices.name': 'Device',
  'host.devices.type': 'Type',
  'host.devices.product': 'Product',
  'host.devices.vendor': 'Vendor',
  'host.devices.driver': 'Driver',
  'host.devices.iommu': 'IOMMU group',
  'host.devices.holders': 'Used by',
  'host.devices.free': 'free',
  'host.error': 'Could not load: {reason}',
} as const;

type Key = keyof typeof en;
const pt: { readonly [K in Key]: string } = {
  'host.title': 'Host',
  'host.loading': 'Carregando informações do host…',
  'host.info': 'Sistema',
  'host.cpu': 'CPU',
  'host.cpuTopology': '{cpus} CPUs: {sockets} soquetes × {cores} núcleos × {threads} threads',
  'host.memory': 'Memória',
  'host.os': 'Sistema operacional',
  'host.kernel': 'Kernel',
  'host.libvirt': 'libvirt',
  'host.qemu': 'QEMU',
  'host.hostname': 'Nome do host',
  'host.charts': 'Atividade (última hora)',
  'host.chart.cpu': 'CPU',
  'host.chart.memory': 'Memória em uso',
  'host.chart.disk': 'Disco',
  'host.chart.net': 'Rede',
  'host.series.cpu': 'CPU %',
  'host.series.used': 'Em uso',
  'host.series.read': 'Leitura',
  'host.series.write': 'Escrita',
  'host.series.recv': 'Recebido',
  'host.series.sent': 'Enviado',
  'host.devices': 'Dispositivos para passthrough',
  'host.devices.empty': 'Nenhum dispositivo PCI ou USB encontrado.',
  'host.devices.name': 'Dispositivo',
  'host.devices.type': 'Tipo',
  'host.devices.product': 'Produto',
  'host.devices.vendor': 'Fabricante',
  'host.devices.driver': 'Driver',
  'host.devices.iommu': 'Grupo IOMMU',
  'host.devices.holders': 'Usado por',
  'host.devices.free': 'livre',
  'host.error': 'Não foi possível carregar: {reason}',
};

export type HostMessageKey = Key;
export const hostCatalogs = { 'en-US': en, 'pt-BR': pt } as const;

export function t(key: Key, params?: Record<string, string | number>): string {
  const text = hostCatalogs[locale][key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}
