// A VM's disks and CD-ROMs as the API shows them: merged live/saved list, host path, pool and volume, free device names.
import { ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import type { DiskModel } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import type { Locale } from '../i18n/index.ts';
import { mergeDevices, pendingNote, type Merged, type VmDevices } from './domain.ts';
import type { Storage } from './schemas.ts';

/** Buses QEMU plugs into and out of a running guest (PCI virtio-blk, virtio-scsi targets, USB); SATA and IDE only at boot. */
export const HOTPLUG_BUSES: ReadonlySet<string> = new Set(['virtio', 'scsi', 'usb']);

const TYPES = new Set(['disk', 'cdrom', 'floppy', 'lun']);

/**
 * The fields that make two definitions of one device the same device. An ejected live source `{}` is no source, and an
 * empty drive has no format (the live XML drops it).
 */
function essence(d: DiskModel): string {
  const source = d.source && Object.keys(d.source).length ? d.source : undefined;
  return JSON.stringify({ type: d.type, device: d.device, format: source && d.driver?.type, bus: d.target.bus, source });
}

/** Disks and CD-ROMs of live and saved definitions, keyed by device name. */
export function mergedDisks(vm: VmDevices): Merged<DiskModel>[] {
  const only = (l: DiskModel[]) => l.filter((d) => TYPES.has(d.device));
  return mergeDevices(vm, only(vm.live.devices.disks), vm.config && only(vm.config.devices.disks), (d) => d.target.dev, (a, b) => essence(a) === essence(b));
}

export function findDisk(vm: VmDevices, dev: string): Merged<DiskModel> {
  const found = mergedDisks(vm).find((m) => m.item.target.dev === dev);
  if (!found) throw new KimchiError(404, 'KCHVMSTOR0001E', { name: vm.dom.name, dev });
  return found;
}

const missing = (e: unknown) => e instanceof LibvirtError && (e.code === ErrorCode.NO_STORAGE_VOL || e.code === ErrorCode.NO_STORAGE_POOL);

/** The view of one disk: a file/block disk is matched to its pool volume by path, a volume disk to its path. */
export async function storageView(conn: Connection, locale: Locale, { item: d, pending }: Merged<DiskModel>, note = pendingNote(locale, pending)): Promise<Storage> {
  let path = d.source?.file ?? d.source?.dev ?? null;
  let pool: string | null = null, vol: string | null = null;
  try {
    if (d.source?.pool && d.source.volume) {
      pool = d.source.pool; vol = d.source.volume;
      path = await conn.storageVolGetPath(await conn.storageVolLookupByName(await conn.storagePoolLookupByName(pool), vol));
    } else if (path) {
      const v = await conn.storageVolLookupByPath(path);
      pool = v.pool; vol = v.name;
    }
  } catch (e) {
    if (!missing(e)) throw e;
  }
  return {
    dev: d.target.dev, type: d.device as Storage['type'], path, bus: d.target.bus ?? null, format: d.driver?.type ?? null,
    pool, vol, cache: d.driver?.cache ?? null, serial: d.serial ?? null, readonly: !!d.readonly, shareable: !!d.shareable,
    discard: d.driver?.discard ?? null, pending, note: pending ? note : null,
  };
}

/** Guest device name prefix per bus. */
export const devPrefix = (bus: string): string => (bus === 'virtio' ? 'vd' : bus === 'ide' ? 'hd' : 'sd');

function* devNames(prefix: string, bus: string): Generator<string> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const first = bus === 'ide' ? letters.slice(0, 4) : letters; // one IDE controller: hda–hdd
  for (const a of first) yield prefix + a;
  if (bus === 'ide') return;
  for (const a of letters) for (const b of letters) yield prefix + a + b;
}

/** `wanted` checked against the bus and both definitions, or the first free name for the bus. */
export function pickDev(vm: VmDevices, bus: string, wanted?: string): string {
  const used = new Set([...vm.live.devices.disks, ...(vm.config?.devices.disks ?? [])].map((d) => d.target.dev));
  const prefix = devPrefix(bus);
  if (wanted !== undefined) {
    if (!wanted.startsWith(prefix)) throw new KimchiError(400, 'KCHVMSTOR0007E', { dev: wanted, bus, prefix });
    if (used.has(wanted)) throw new KimchiError(409, 'KCHVMSTOR0005E', { dev: wanted, name: vm.dom.name });
    return wanted;
  }
  for (const n of devNames(prefix, bus)) if (!used.has(n)) return n;
  throw new KimchiError(409, 'KCHVMSTOR0006E', { bus, name: vm.dom.name });
}
