// Facts from Kimchi 3.0's API.json (and wok's) per operation: the fields it knows, whether others are refused, error ids.
import { KimchiError } from '../common/errors.ts';
/**
 * `fields`: each known field (nested as a.b, array items as a.*) and the id Kimchi answers when its value is bad.
 * `open`: the schema sets no additionalProperties, so Kimchi ignores unknown fields (we drop them before our
 * validation); otherwise an unknown field is refused with `unknown` (the schema's own error, else WOKAPI0008E).
 * `required`: the id of a missing required field (jsonschema draft 3 reports it on the parent object).
 */
export interface Operation { open: boolean; unknown?: string; required?: string; fields: Record<string, string> }

export const OPERATIONS = {
  login: { open: false, unknown: 'WOKAUTH0007E', required: 'WOKAUTH0007E', fields: { username: 'WOKAUTH0003E', password: 'WOKAUTH0006E' } },
  vms_create: {
    open: true, required: 'KCHVM0016E',
    fields: { name: 'KCHVM0011E', title: 'KCHVM0085E', description: 'KCHVM0086E', template: 'KCHVM0012E', storagepool: 'KCHVM0013E', graphics: 'WOKAPI0008E', 'graphics.type': 'WOKAPI0008E', 'graphics.listen': 'WOKAPI0008E' },
  },
  vm_update: {
    open: false,
    fields: {
      name: 'KCHVM0011E', title: 'KCHVM0085E', description: 'KCHVM0086E', bootorder: 'KCHVM0052E', 'bootorder.*': 'KCHVM0052E', bootmenu: 'KCHVM0053E',
      autostart: 'WOKAPI0008E', users: 'KCHVM0023E', 'users.*': 'KCHVM0023E', groups: 'KCHVM0025E', 'groups.*': 'KCHVM0025E',
      graphics: 'WOKAPI0008E', 'graphics.passwd': 'KCHVM0031E', 'graphics.passwdValidTo': 'KCHVM0032E', 'graphics.type': 'KCHVM0054E',
      cpu_info: 'WOKAPI0008E', 'cpu_info.vcpus': 'WOKAPI0008E', 'cpu_info.maxvcpus': 'WOKAPI0008E', 'cpu_info.topology': 'WOKAPI0008E',
      memory: 'WOKAPI0008E', 'memory.current': 'WOKAPI0008E', 'memory.maxmemory': 'WOKAPI0008E', console: 'KCHVM0088E',
    },
  },
  templates_create: {
    open: false, unknown: 'KCHAPI0001E', required: 'KCHAPI0001E',
    fields: {
      name: 'KCHTMPL0008E', icon: 'KCHTMPL0009E', os_distro: 'KCHTMPL0010E', os_version: 'KCHTMPL0011E', memory: 'WOKAPI0008E',
      'memory.current': 'WOKAPI0008E', 'memory.maxmemory': 'WOKAPI0008E', source_media: 'WOKAPI0008E', 'source_media.type': 'WOKAPI0008E',
      'source_media.path': 'WOKAPI0008E', disks: 'WOKAPI0008E', 'disks.*': 'WOKAPI0008E', 'disks.*.index': 'WOKAPI0008E',
      'disks.*.format': 'KCHTMPL0027E', 'disks.*.size': 'KCHTMPL0022E', 'disks.*.pool': 'WOKAPI0008E', 'disks.*.pool.name': 'KCHTMPL0015E',
      networks: 'KCHTMPL0017E', 'networks.*': 'KCHTMPL0017E', interfaces: 'KCHTMPL0037E', folder: 'WOKAPI0008E', 'folder.*': 'WOKAPI0008E',
      graphics: 'WOKAPI0008E', 'graphics.type': 'WOKAPI0008E', 'graphics.listen': 'WOKAPI0008E', cpu_info: 'WOKAPI0008E',
      'cpu_info.vcpus': 'WOKAPI0008E', 'cpu_info.maxvcpus': 'WOKAPI0008E', 'cpu_info.topology': 'WOKAPI0008E', console: 'KCHTMPL0044E',
    },
  },
  template_update: {
    open: false, unknown: 'KCHAPI0001E',
    fields: {
      name: 'KCHTMPL0008E', icon: 'KCHTMPL0009E', os_distro: 'KCHTMPL0010E', os_version: 'KCHTMPL0011E', memory: 'WOKAPI0008E',
      'memory.current': 'WOKAPI0008E', 'memory.maxmemory': 'WOKAPI0008E', cdrom: 'KCHTMPL0014E', disks: 'KCHTMPL0033E', 'disks.*': 'KCHTMPL0033E',
      'disks.*.index': 'WOKAPI0008E', 'disks.*.format': 'KCHTMPL0027E', 'disks.*.size': 'KCHTMPL0022E', 'disks.*.pool': 'WOKAPI0008E',
      'disks.*.pool.name': 'KCHTMPL0015E', networks: 'KCHTMPL0017E', 'networks.*': 'KCHTMPL0017E', interfaces: 'KCHTMPL0037E',
      folder: 'WOKAPI0008E', 'folder.*': 'WOKAPI0008E', graphics: 'WOKAPI0008E', 'graphics.type': 'WOKAPI0008E', 'graphics.listen': 'WOKAPI0008E',
      cpu_info: 'WOKAPI0008E', 'cpu_info.vcpus': 'WOKAPI0008E', 'cpu_info.maxvcpus': 'WOKAPI0008E', 'cpu_info.topology': 'WOKAPI0008E', console: 'KCHTMPL0044E',
    },
  },
  networks_create: {
    open: true, required: 'KCHNET0016E',
    fields: { name: 'KCHNET0011E', connection: 'KCHNET0012E', subnet: 'KCHNET0013E', interfaces: 'KCHNET0014E', 'interfaces.*': 'KCHNET0014E', vlan_id: 'KCHNET0015E' },
  },
  network_update: { open: false, unknown: 'KCHAPI0001E', fields: { name: 'KCHNET0011E', subnet: 'KCHNET0013E', interfaces: 'KCHNET0014E', vlan_id: 'KCHNET0015E' } },
  storagepools_create: {
    open: true, required: 'KCHPOOL0026E',
    fields: {
      name: 'KCHPOOL0016E', type: 'KCHPOOL0017E', path: 'KCHPOOL0018E', source: 'WOKAPI0008E', 'source.host': 'KCHPOOL0019E', 'source.path': 'KCHPOOL0018E',
      'source.devices': 'KCHPOOL0021E', 'source.devices.*': 'KCHPOOL0021E', 'source.target': 'KCHPOOL0022E', 'source.port': 'KCHPOOL0023E',
      'source.adapter_name': 'KCHPOOL0030E', 'source.auth': 'WOKAPI0008E', 'source.auth.username': 'KCHPOOL0024E', 'source.auth.password': 'KCHPOOL0025E',
      'source.from_vg': 'KCHPOOL0026E',
    },
  },
  storagepool_update: { open: false, fields: { autostart: 'WOKAPI0008E', disks: 'WOKAPI0008E' } },
  storagevolumes_create: {
    open: true,
    fields: { name: 'KCHVOL0013E', capacity: 'KCHVOL0020E', upload: 'KCHVOL0025E', allocation: 'KCHVOL0014E', format: 'KCHVOL0015E', url: 'KCHVOL0021E' },
  },
  vmstorages_create: {
    open: true, required: 'KCHVMSTOR0012E',
    fields: { type: 'KCHVMSTOR0002E', pool: 'KCHVMSTOR0012E', vol: 'KCHVMSTOR0012E', path: 'KCHVMSTOR0003E' },
  },
  vmstorage_update: { open: false, unknown: 'KCHVMSTOR0013E', required: 'KCHVMSTOR0013E', fields: { path: 'KCHVMSTOR0003E' } },
  vmifaces_create: {
    open: true, required: 'KCHVMIF0007E',
    fields: { type: 'KCHVMIF0004E', network: 'KCHVMIF0005E', source: 'KCHVMIF0016E', mode: 'KCHVMIF0017E', model: 'KCHVMIF0006E', mac: 'KCHVMIF0010E' },
  },
  // API.json knows only mac here; API.md documents model and network, which the open schema lets through.
  vmiface_update: { open: true, fields: { mac: 'KCHVMIF0010E', model: 'KCHVMIF0008E', network: 'KCHVMIF0008E' } },
  vm_migrate: {
    open: false, required: 'KCHVM0060E',
    fields: { remote_host: 'KCHVM0060E', user: 'KCHVM0059E', password: 'KCHVM0069E', enable_rdma: 'KCHVM0091E' },
  },
  // No schema: Kimchi reads name and ignores the rest.
  vmsnapshots_create: { open: true, fields: { name: 'WOKAPI0008E' } },
} satisfies Record<string, Operation>;

export type OperationName = keyof typeof OPERATIONS;

/**
 * The body as Kimchi would take it: an open operation drops the top-level fields it does not know, a closed one
 * refuses them (as our validation would, so the answer gets the operation's id for an unknown field).
 */
export function knownFields(op: Operation, body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const known = new Set(Object.keys(op.fields).map((f) => f.split('.')[0]));
  if (op.open) return Object.fromEntries(Object.entries(body).filter(([k]) => known.has(k)));
  const unknown = Object.keys(body).find((k) => !known.has(k));
  if (unknown !== undefined && Object.keys(op.fields).length) {
    throw new KimchiError(400, 'KCHAPI0005E', { field: unknown, problem: { t: 'problem.unknown' } });
  }
  return body;
}
