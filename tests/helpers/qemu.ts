// QEMU/KVM test scaffolding: throwaway dir pools and tiny disk-only VMs under a prefix, swept even after crashes.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { DomainUndefineFlags, type Connection, type Domain, type StoragePool } from '../../libvirt/index.ts';
import { buildStoragePoolXML, type DomainModel } from '../../libvirt/xml/index.ts';

export const QEMU_URI = process.env.KIMCHI_QEMU_URI ?? 'qemu:///system';
export const IMAGES = '/var/lib/libvirt/images';

/** A unique name under `prefix` (which must start with kimchi-test-). */
export function testName(prefix: string): string {
  return `${prefix}${randomUUID().slice(0, 8)}`;
}

/** Destroy and undefine domains, empty and remove pools, delete image dirs whose names start with `prefix`. */
export async function sweep(c: Connection, prefix: string): Promise<string[]> {
  if (!prefix.startsWith('kimchi-test-')) throw new Error(`refusing to sweep "${prefix}"`);
  const removed: string[] = [];
  for (const dom of await c.connectListAllDomains()) {
    if (!dom.name.startsWith(prefix)) continue;
    await c.domainDestroy(dom).catch(() => {});
    await c.domainUndefine(dom, DomainUndefineFlags.SNAPSHOTS_METADATA | DomainUndefineFlags.NVRAM).catch(() => {});
    removed.push(`domain ${dom.name}`);
  }
  for (const pool of await c.connectListAllStoragePools()) {
    if (!pool.name.startsWith(prefix)) continue;
    await removePool(c, pool);
    removed.push(`pool ${pool.name}`);
  }
  for (const dir of readdirSync(IMAGES)) {
    if (!dir.startsWith(prefix)) continue;
    rmSync(join(IMAGES, dir), { recursive: true, force: true });
    removed.push(`dir ${dir}`);
  }
  return removed;
}

/** A transient dir pool at /var/lib/libvirt/images/<name>. */
export async function createPool(c: Connection, name: string): Promise<StoragePool> {
  const targetPath = join(IMAGES, name);
  mkdirSync(targetPath, { recursive: true });
  return c.storagePoolCreateXML(buildStoragePoolXML({ type: 'dir', name, targetPath }));
}

/** Delete every volume, stop (and undefine, if persistent) the pool, remove its directory; never throws. */
export async function removePool(c: Connection, pool: StoragePool): Promise<void> {
  for (const v of await c.storagePoolListAllVolumes(pool).catch(() => [])) await c.storageVolDelete(v).catch(() => {});
  await c.storagePoolDestroy(pool).catch(() => {});
  await c.storagePoolUndefine(pool).catch(() => {});
  rmSync(join(IMAGES, pool.name), { recursive: true, force: true });
}

/** Destroy if running, then undefine; never throws. */
export async function removeDomain(c: Connection, dom: Domain): Promise<void> {
  await c.domainDestroy(dom).catch(() => {});
  await c.domainUndefine(dom, DomainUndefineFlags.SNAPSHOTS_METADATA | DomainUndefineFlags.NVRAM).catch(() => {});
}

/** A tiny KVM guest: 128 MiB, 1 vCPU, one qcow2 volume, VNC on 127.0.0.1, no network interface. */
export function tinyVM(name: string, pool: string, volume: string): DomainModel {
  return {
    type: 'kvm', name, memory: 128 * 1024, currentMemory: 128 * 1024, vcpu: 1,
    os: { type: 'hvm', arch: 'x86_64', boot: ['hd'] }, features: ['acpi'], metadata: [],
    devices: {
      disks: [{ type: 'volume', device: 'disk', driver: { name: 'qemu', type: 'qcow2' }, source: { pool, volume }, target: { dev: 'vda', bus: 'virtio' } }],
      interfaces: [],
      graphics: [{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1' }],
      consoles: [], serials: [],
    },
  };
}

/**
 * Width, height and format of a PPM (P6) or PNG screenshot, and whether any pixel is not black; throws unless the
 * bytes are one whole image whose pixel data has exactly the size its header declares.
 */
export function imageSize(buf: Buffer): { format: 'ppm' | 'png'; width: number; height: number; lit: boolean } {
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return pngSize(buf);
  // P6 <ws> width <ws> height <ws> maxval <one ws> then width*height*3 bytes (maxval < 256); comments allowed.
  const header = /^P6(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)\s/.exec(buf.toString('latin1', 0, 100));
  if (!header) throw new Error(`not a PPM/PNG image: ${JSON.stringify(buf.toString('latin1', 0, 16))}`);
  const [width, height, maxval] = header.slice(1).map(Number) as [number, number, number];
  const expected = header[0].length + width * height * 3 * (maxval < 256 ? 1 : 2);
  if (buf.length !== expected) throw new Error(`PPM ${width}x${height} should be ${expected} bytes, got ${buf.length}`);
  return { format: 'ppm', width, height, lit: buf.subarray(header[0].length).some((b) => b !== 0) };
}

function pngSize(buf: Buffer): { format: 'png'; width: number; height: number; lit: boolean } {
  let width = 0, height = 0, channels = 0, depth = 0, end = false;
  const idat: Buffer[] = [];
  for (let o = 8; o + 8 <= buf.length && !end;) {
    const len = buf.readUInt32BE(o), type = buf.toString('latin1', o + 4, o + 8), body = buf.subarray(o + 8, o + 8 + len);
    if (body.length !== len) throw new Error(`PNG chunk ${type} truncated`);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4); depth = body[8]!;
      channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[body[9]!] ?? 0;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') end = true;
    o += 12 + len;
  }
  if (!end || !width || !channels) throw new Error('PNG without IHDR or IEND');
  const rowLen = 1 + Math.ceil((width * channels * depth) / 8);
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== rowLen * height) throw new Error(`PNG ${width}x${height} should inflate to ${rowLen * height} bytes, got ${raw.length}`);
  return { format: 'png', width, height, lit: raw.some((b, i) => i % rowLen !== 0 && b !== 0) };
}
