// GET /host: CPU, memory and topology from libvirt, OS from /etc/os-release, kernel from uname, libvirt and QEMU versions.
import { readFile } from 'node:fs/promises';
import { release } from 'node:os';
import type { Connection } from '../../libvirt/index.ts';
import { child, parseXml, text, type XElement } from '../../libvirt/xml/index.ts';
import type { z } from '@hono/zod-openapi';
import type { HostInfo } from './schemas.ts';

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

export async function hostInfo(conn: Connection): Promise<z.infer<typeof HostInfo>> {
  const [node, capsXml, lib, hv, hostname, osText] = await Promise.all([
    conn.nodeGetInfo(), conn.connectGetCapabilities(), conn.connectGetLibVersion(), conn.connectGetVersion(),
    conn.connectGetHostname(), readText('/etc/os-release').then((t) => t || readText('/usr/lib/os-release')),
  ]);
  const cpu = child(child(parseXml(capsXml).root, 'host'), 'cpu');
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
