// GET /config/capabilities: what this host can do — KVM, libvirt driver, screenshots, SPICE, NFS/iSCSI pools, qemu-img, sos, VFIO.
import { constants, existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { release } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Connection } from '../../libvirt/index.ts';
import { attr, child, children, parseXml, text } from '../../libvirt/xml/index.ts';
import type { LibvirtSource } from '../common/context.ts';
import type { Capabilities } from './schemas.ts';

/** The first executable named `name` on PATH (plus the sbin directories a service's PATH may lack). */
export async function which(name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'].filter(Boolean);
  for (const dir of new Set(dirs)) {
    const p = join(dir, name);
    if (await access(p, constants.X_OK).then(() => true, () => false)) return p;
  }
  return undefined;
}

/** Pool types libvirt's storage driver says it supports (virConnectGetStoragePoolCapabilities). */
export function supportedPoolTypes(xml: string): string[] {
  return children(parseXml(xml).root, 'pool').filter((p) => attr(p, 'supported') === 'yes').map((p) => attr(p, 'type') ?? '').filter(Boolean);
}

/** Graphics types the hypervisor offers (domain capabilities), e.g. vnc, spice. */
export function graphicsTypes(xml: string): string[] {
  const g = child(child(parseXml(xml).root, 'devices'), 'graphics');
  if (attr(g, 'supported') !== 'yes') return [];
  const e = children(g, 'enum').find((x) => attr(x, 'name') === 'type');
  return children(e, 'value').map((v) => text(v)?.trim() ?? '');
}

const driverOf = (uri: string) => uri.split(':')[0]!.split('+')[0]!.toUpperCase();

async function fromLibvirt(conn: Connection) {
  const [pools, dom] = await Promise.all([
    conn.connectGetStoragePoolCapabilities().then(supportedPoolTypes, () => [] as string[]),
    conn.connectGetDomainCapabilities().then(graphicsTypes, () => [] as string[]),
  ]);
  return { pools, graphics: dom, driver: driverOf(conn.uri) };
}

/** Each fact on its own: libvirt's answers are false/empty while libvirtd is down (this path works in global error mode). */
export async function capabilities(source: LibvirtSource): Promise<Capabilities> {
  let conn: Connection | undefined;
  try { conn = source.connection; } catch { conn = undefined; }
  const lv = conn ? await fromLibvirt(conn).catch(() => undefined) : undefined;
  const [qemuImg, sos, sosreport] = await Promise.all([which('qemu-img'), which('sos'), which('sosreport')]);
  return {
    kvm: existsSync('/dev/kvm'),
    libvirtd_running: lv !== undefined,
    libvirt_driver: lv?.driver ?? null,
    screenshot: lv !== undefined,
    qemu_spice: lv?.graphics.includes('spice') ?? false,
    nfs: lv?.pools.includes('netfs') ?? false,
    iscsi: (lv?.pools.includes('iscsi') || lv?.pools.includes('iscsi-direct')) ?? false,
    storage_pool_types: lv?.pools ?? [],
    qemu_img: qemuImg !== undefined,
    system_report_tool: sos !== undefined || sosreport !== undefined,
    kernel_vfio: existsSync('/sys/bus/pci/drivers/vfio-pci') || existsSync('/sys/module/vfio_pci')
      || existsSync(`/lib/modules/${release()}/kernel/drivers/vfio/pci`),
  };
}
