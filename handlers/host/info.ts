// GET /host: CPU, memory and topology from libvirt, OS from /etc/os-release, kernel from uname, libvirt and QEMU versions.
// For another machine's libvirtd only what libvirt tells: its CPU name from sysinfo, OS and kernel null.
import { readFile } from 'node:fs/promises';
import { release } from 'node:os';
import type { Connection } from '../../libvirt/index.ts';
import { attr, child, children, parseXml, text, type XElement } from '../../libvirt/xml/index.ts';
import type { z } from '@hono/zod-openapi';
import type { HostInfo } from './schemas.ts';
import type { Deps } from '../common/context.ts';
import { hostOf, LOCAL_HOST } from '../common/hosts.ts';
import { isLocal, libvirtUri } from '../storage/bulk.ts';

/** Whether the deps' libvirtd runs on this server's machine: the local host, through a URI naming no other machine. */
export function onThisMachine(deps: Deps): boolean {
  if (hostOf(deps) !== LOCAL_HOST) return false;
  return libvirtUri(deps) === undefined || isLocal(deps);
}

/** libvirt encodes versions as major * 1e6 + minor * 1e3 + release. */
export function versionString(v: number): string {
  return `${Math.floor(v / 1e6)}.${Math.floor((v % 1e6) / 1e3)}.${v % 1e3}`;
}

/** KEY=value lines; values may be quoted. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

const childText = (e: XElement | undefined, name: string) => text(child(e, name));
const readText = (path: string) => readFile(path, 'utf8').catch(() => '');

/** The CPU's marketing name: /proc/cpuinfo when libvirt is local, else the capabilities' CPU model. */
async function cpuModel(capsCpu: string | undefined): Promise<string> {
  const m = /^model name\s*:\s*(.+)$/m.exec(await readText('/proc/cpuinfo'));
  return m?.[1]?.trim() || capsCpu || '';
}

/** The processor's name in libvirt's SMBIOS sysinfo (`<processor><entry name='version'>`), when the driver has it. */
function sysinfoCpu(xml: string): string | undefined {
  for (const p of children(parseXml(xml).root, 'processor')) {
    const v = text(children(p, 'entry').find((e) => attr(e, 'name') === 'version'))?.trim();
    if (v) return v;
  }
  return undefined;
}

/**
 * `onThisMachine`: libvirt runs where this server does, so /proc, /etc/os-release and uname describe it. Otherwise
 * (a registered host, or a --libvirt-uri naming another machine) only libvirt's answers are used.
 */
export async function hostInfo(conn: Connection, onThisMachine = true): Promise<z.infer<typeof HostInfo>> {
  const [node, capsXml, lib, hv, hostname, osText, sysinfo] = await Promise.all([
    conn.nodeGetInfo(), conn.connectGetCapabilities(), conn.connectGetLibVersion(), conn.connectGetVersion(),
    conn.connectGetHostname(), onThisMachine ? readText('/etc/os-release').then((t) => t || readText('/usr/lib/os-release')) : '',
    onThisMachine ? '' : conn.connectGetSysinfo().catch(() => ''),
  ]);
  const cpu = child(child(parseXml(capsXml).root, 'host'), 'cpu');
  if (!onThisMachine) {
    return {
      host: hostname,
      cpu_model: (sysinfo && sysinfoCpu(sysinfo)) || childText(cpu, 'model') || null,
      cpus: { online: node.cpus, sockets: node.sockets * node.nodes, cores: node.cores, threads_per_core: node.threads, mhz: node.mhz },
      memory: { online: node.memory * 1024 },
      architecture: childText(cpu, 'arch') ?? node.model,
      os_distro: null, os_version: null, os_codename: null, kernel: null,
      libvirt_version: versionString(lib),
      qemu_version: versionString(hv),
    };
  }
  const os = parseOsRelease(osText);
  return {
    host: hostname,
    cpu_model: await cpuModel(childText(cpu, 'model')),
    cpus: { online: node.cpus, sockets: node.sockets * node.nodes, cores: node.cores, threads_per_core: node.threads, mhz: node.mhz },
    memory: { online: node.memory * 1024 },
    architecture: childText(cpu, 'arch') ?? node.model,
    os_distro: os.NAME ?? os.ID ?? '',
    os_version: os.VERSION_ID ?? '',
    os_codename: os.VERSION_CODENAME ?? '',
    kernel: release(),
    libvirt_version: versionString(lib),
    qemu_version: versionString(hv),
  };
}
