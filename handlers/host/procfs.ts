// The host's own counters from /proc and /sys (CPU jiffies, meminfo, disk sectors, NIC bytes): parsers plus one reader.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Cumulative counters at one instant; rates come from the difference of two. */
export interface ProcCounters {
  t: number;
  cpuBusy: number;
  cpuTotal: number;
  diskRead: number;
  diskWrite: number;
  netRecv: number;
  netSent: number;
  memory: { total: number; free: number; avail: number; cached: number; buffers: number };
}

/** The aggregate `cpu` line of /proc/stat: busy and total jiffies (idle and iowait are not busy; guest time is already in user). */
export function parseCpu(stat: string): { busy: number; total: number } {
  const line = stat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return { busy: 0, total: 0 };
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
}

/** /proc/meminfo in bytes; `avail` is free + buffers + cached, as Kimchi defines it. */
export function parseMeminfo(text: string): ProcCounters['memory'] {
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) * 1024;
  const free = kib('MemFree'), buffers = kib('Buffers'), cached = kib('Cached');
  return { total: kib('MemTotal'), free, avail: free + buffers + cached, cached, buffers };
}

/** Bytes read and written by the listed whole disks (/proc/diskstats counts 512-byte sectors). */
export function parseDiskstats(text: string, disks: ReadonlySet<string>): { read: number; write: number } {
  let read = 0, write = 0;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !disks.has(f[2]!)) continue;
    read += Number(f[5]) * 512;
    write += Number(f[9]) * 512;
  }
  return { read, write };
}

/** Bytes received and sent by the listed interfaces (/proc/net/dev). */
export function parseNetDev(text: string, nics: (name: string) => boolean): { recv: number; sent: number } {
  let recv = 0, sent = 0;
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (!nics(name)) continue;
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    recv += f[0] ?? 0;
    sent += f[8] ?? 0;
  }
  return { recv, sent };
}

const read = (path: string) => { try { return readFileSync(path, 'utf8'); } catch { return ''; } };
const list = (dir: string) => { try { return readdirSync(dir); } catch { return []; } };

/**
 * Devices backed by hardware (or a hypervisor's virtual hardware): /sys/block and /sys/class/net entries with a
 * `device` link. Partitions, loop, device-mapper and md disks, and bridges, taps and veths would count the same
 * bytes twice. A host with no such NIC (a container) counts every interface except lo.
 */
export function physicalDevices(sys = '/sys'): { disks: Set<string>; nic: (name: string) => boolean } {
  const disks = new Set(list(join(sys, 'block')).filter((d) => existsSync(join(sys, 'block', d, 'device'))));
  const hw = new Set(list(join(sys, 'class/net')).filter((n) => existsSync(join(sys, 'class/net', n, 'device'))));
  return { disks, nic: hw.size > 0 ? (n) => hw.has(n) : (n) => n !== 'lo' };
}

/** Read every counter now (missing files count as zero: a non-Linux host samples zeros rather than failing). */
export function readCounters(devices = physicalDevices(), proc = '/proc', t = Date.now()): ProcCounters {
  const cpu = parseCpu(read(join(proc, 'stat')));
  const disk = parseDiskstats(read(join(proc, 'diskstats')), devices.disks);
  const net = parseNetDev(read(join(proc, 'net/dev')), devices.nic);
  return {
    t, cpuBusy: cpu.busy, cpuTotal: cpu.total, diskRead: disk.read, diskWrite: disk.write,
    netRecv: net.recv, netSent: net.sent, memory: parseMeminfo(read(join(proc, 'meminfo'))),
  };
}
