// VMs on the Kimchi 3.0 surface: access, bootmenu, screenshot, console password, topology, autostart as 0/1, peaks from 100.
import { DomainXMLFlags, type Domain } from '../../libvirt/index.ts';
import { attr, child, children, parseXml } from '../../libvirt/xml/index.ts';
import { num } from '../../libvirt/xml/tree.ts';
import type { Vm } from '../vms/schemas.ts';
import { kimchiOnly } from './errors.ts';
import { vmMigrateIn } from './migrate.ts';
import { kimchiTask } from './resources.ts';
import type { Ctx, Mapping } from './surface.ts';

/** Kimchi starts each `*_peak` at 100 (kB/s) and raises it as higher rates are seen. */
const PEAK_FLOOR = 100;

interface XmlExtras {
  topology: { sockets: number; cores: number; threads: number } | Record<string, never>;
  bootmenu: 'yes' | 'no';
  port: number | null;
  passwd: string | null;
  passwdValidTo: string | null;
}

function extrasOf(xml: string | undefined): XmlExtras {
  const root = xml ? parseXml(xml).root : undefined;
  const topo = child(child(root, 'cpu'), 'topology');
  const sockets = num(attr(topo, 'sockets')), cores = num(attr(topo, 'cores')), threads = num(attr(topo, 'threads'));
  const g = children(child(root, 'devices'), 'graphics').find((e) => ['vnc', 'spice'].includes(attr(e, 'type') ?? ''));
  return {
    topology: sockets && cores && threads ? { sockets, cores, threads } : {},
    bootmenu: attr(child(child(root, 'os'), 'bootmenu'), 'enable') === 'yes' ? 'yes' : 'no',
    port: num(attr(g, 'port')) ?? null,
    passwd: attr(g, 'passwd') ?? null,
    passwdValidTo: attr(g, 'passwdValidTo') ?? null,
  };
}

function view(v: Vm, x: XmlExtras, full: boolean): unknown {
  const running = v.state === 'running' || v.state === 'paused';
  return {
    name: v.name, uuid: v.uuid, state: v.state, title: v.title, description: v.description, persistent: v.persistent,
    autostart: v.autostart ? 1 : 0,
    stats: { ...v.stats, net_throughput_peak: Math.max(PEAK_FLOOR, v.stats.net_throughput_peak), io_throughput_peak: Math.max(PEAK_FLOOR, v.stats.io_throughput_peak) },
    memory: v.memory,
    cpu_info: { vcpus: v.cpu_info.vcpus, maxvcpus: v.cpu_info.maxvcpus, topology: x.topology },
    screenshot: v.state === 'running' && v.graphics.type ? `/plugins/kimchi/vms/${encodeURIComponent(v.name)}/screenshot` : null,
    icon: v.icon,
    graphics: { type: v.graphics.type, listen: v.graphics.listen, port: running ? x.port : null, passwd: x.passwd, passwdValidTo: x.passwdValidTo },
    users: v.users, groups: v.groups, access: full ? 'full' : 'read-only',
    bootorder: v.bootorder, bootmenu: x.bootmenu,
  };
}

/** The domain XML with its console password (SECURE); a domain gone meanwhile shows the defaults. */
async function xmls(c: Ctx, vms: Vm[]): Promise<Array<string | undefined>> {
  const conn = c.get('deps').libvirt.connection;
  const byUuid = new Map<string, Domain>((await conn.connectListAllDomains()).map((d) => [d.uuid, d]));
  return Promise.all(vms.map((v) => {
    const dom = byUuid.get(v.uuid);
    return dom ? conn.domainGetXMLDesc(dom, DomainXMLFlags.SECURE).catch(() => undefined) : undefined;
  }));
}

export async function vmOut(body: Vm | Vm[], c: Ctx): Promise<unknown> {
  const list = Array.isArray(body) ? body : [body];
  const user = c.get('user');
  const full = !user || user.admin;
  const found = await xmls(c, list);
  const out = list.map((v, i) => view(v, extrasOf(found[i]), full));
  return Array.isArray(body) ? out : out[0];
}

/** PUT: Kimchi's graphics.type (the kind of console) is not changed by this implementation; the rest maps as is. */
export function vmUpdateIn(body: any): unknown {
  if (!body || typeof body !== 'object' || !body.graphics || typeof body.graphics !== 'object') return body;
  const { type: _type, ...graphics } = body.graphics;
  return { ...body, graphics };
}

/**
 * POST: Kimchi 3.0 creates a VM from a template only; building straight from an install source (`source`,
 * `save_template`) is /api's own. Without a template the answer is Kimchi's KCHVM0016E, and our extra fields are
 * dropped like any other field Kimchi's open schema does not know.
 */
export function vmCreateIn(body: any): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || body.template === undefined) throw kimchiOnly(400, 'KCHVM0016E');
  const { source: _source, save_template: _save, ...rest } = body;
  return rest;
}

const ONE = /^\/vms\/[^/]+$/;
export const vmMappings: Mapping[] = [
  { method: 'GET', path: /^\/vms$/, out: vmOut },
  { method: 'POST', path: /^\/vms$/, op: 'vms_create', in: vmCreateIn },
  { method: 'GET', path: ONE, out: vmOut },
  { method: 'PUT', path: ONE, op: 'vm_update', in: vmUpdateIn, out: vmOut },
  { method: 'POST', path: /^\/vms\/[^/]+\/(?:start|poweroff|shutdown|reset|suspend|resume|reboot|nmi)$/, out: vmOut },
  { method: 'POST', path: /^\/vms\/([^/]+)\/migrate$/, op: 'vm_migrate', in: vmMigrateIn, out: kimchiTask, status: 202 },
];
