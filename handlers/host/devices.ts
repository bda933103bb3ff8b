// GET /host/devices: PCI and USB node devices for passthrough (vendor, product, driver, IOMMU group) and the VMs that hold each.
import { NodeDeviceCap, type Connection, type Domain } from '../../libvirt/index.ts';
import { attr, child, children, parseXml, text, type XElement } from '../../libvirt/xml/index.ts';
import type { DomainXmlSource } from '../common/context.ts';
import { stateName } from '../vms/view.ts';
import { idKey, idTable, type IdTable } from './device-names.ts';
import type { HostDevice } from './schemas.ts';

type Cap = HostDevice['device_type'];
const childText = (e: XElement | undefined, name: string) => text(child(e, name))?.trim() || null;
const int = (v: string | null | undefined) => {
  if (v === null || v === undefined || v.trim() === '') return null;
  const n = Number(v); // libvirt writes both 0x1f and 31
  return Number.isInteger(n) ? n : null;
};
const idName = (e: XElement | undefined) => ({ id: attr(e, 'id') ?? null, description: text(e)?.trim() || null });

/** A key both a node device and a domain's <hostdev> can give: pci:domain:bus:slot.function or usb:bus:device / usb-id:vendor:product. */
const pciKey = (d: number | null, b: number | null, s: number | null, f: number | null) => `pci:${d}:${b}:${s}:${f}`;

interface Parsed { device: Omit<HostDevice, 'vm_holders' | 'class_name'>; keys: string[]; pciClass?: string }

export function parseNodeDevice(xml: string): Parsed | undefined {
  const root = parseXml(xml).root;
  const cap = child(root, 'capability');
  const type = attr(cap, 'type');
  if (type !== 'pci' && type !== 'usb_device') return undefined;
  const keys: string[] = [];
  if (type === 'pci') keys.push(pciKey(int(childText(cap, 'domain')), int(childText(cap, 'bus')), int(childText(cap, 'slot')), int(childText(cap, 'function'))));
  else {
    keys.push(`usb:${int(childText(cap, 'bus'))}:${int(childText(cap, 'device'))}`);
    keys.push(`usb-id:${int(attr(child(cap, 'vendor'), 'id'))}:${int(attr(child(cap, 'product'), 'id'))}`);
  }
  return {
    keys,
    pciClass: type === 'pci' ? idKey(childText(cap, 'class'), 6) : undefined,
    device: {
      name: childText(root, 'name') ?? '', parent: childText(root, 'parent'), path: childText(root, 'path'), device_type: type,
      vendor: idName(child(cap, 'vendor')), product: idName(child(cap, 'product')),
      driver: childText(child(root, 'driver'), 'name'), iommuGroup: int(attr(child(cap, 'iommuGroup'), 'number')),
    },
  };
}

/** The keys of every host device a domain definition holds (<hostdev mode='subsystem' type='pci|usb'>). */
export function hostdevKeys(domainXml: string): string[] {
  const keys: string[] = [];
  for (const h of children(child(parseXml(domainXml).root, 'devices'), 'hostdev')) {
    const source = child(h, 'source');
    const address = child(source, 'address');
    if (attr(h, 'type') === 'pci' && address) {
      keys.push(pciKey(int(attr(address, 'domain')), int(attr(address, 'bus')), int(attr(address, 'slot')), int(attr(address, 'function'))));
    } else if (attr(h, 'type') === 'usb') {
      if (address) keys.push(`usb:${int(attr(address, 'bus'))}:${int(attr(address, 'device'))}`);
      const vendor = child(source, 'vendor'), product = child(source, 'product');
      if (vendor && product) keys.push(`usb-id:${int(attr(vendor, 'id'))}:${int(attr(product, 'id'))}`);
    }
  }
  return keys;
}

async function holders(conn: Connection, xmlSource?: DomainXmlSource): Promise<Map<string, { name: string; state: string }[]>> {
  const doms: Domain[] = await conn.connectListAllDomains();
  const out = new Map<string, { name: string; state: string }[]>();
  await Promise.all(doms.map(async (dom) => {
    const [xml, st] = await Promise.all([
      xmlSource ? xmlSource.get(conn, dom) : conn.domainGetXMLDesc(dom), conn.domainGetState(dom),
    ]).catch(() => [undefined, undefined] as const); // a domain undefined meanwhile holds nothing
    if (!xml || !st) return;
    for (const key of new Set(hostdevKeys(xml))) {
      const list = out.get(key) ?? [];
      list.push({ name: dom.name, state: stateName[st.state] ?? 'nostate' });
      out.set(key, list);
    }
  }));
  return out;
}

/** Fill in the names libvirt left out (it has them only where udev's hwdb had them) from the pci.ids / usb.ids lists. */
function named(p: Parsed, ids: IdTable): Omit<HostDevice, 'vm_holders'> {
  const { vendor, product } = p.device;
  const v = idKey(vendor.id), pr = idKey(product.id);
  return {
    ...p.device,
    vendor: { id: vendor.id, description: vendor.description ?? (v ? ids.vendors.get(v) : undefined) ?? null },
    product: { id: product.id, description: product.description ?? (v && pr ? ids.products.get(`${v}:${pr}`) : undefined) ?? null },
    class_name: p.pciClass ? ids.classes.get(p.pciClass.slice(0, 4)) ?? ids.classes.get(p.pciClass.slice(0, 2)) ?? null : null,
  };
}

export async function listHostDevices(conn: Connection, cap?: Cap, xmlSource?: DomainXmlSource): Promise<HostDevice[]> {
  const flags = cap === 'pci' ? NodeDeviceCap.PCI_DEV : cap === 'usb_device' ? NodeDeviceCap.USB_DEV : NodeDeviceCap.PCI_DEV | NodeDeviceCap.USB_DEV;
  const [names, held] = await Promise.all([conn.connectListAllNodeDevices(flags), holders(conn, xmlSource)]);
  const [xmls, pciIds, usbIds] = await Promise.all([
    Promise.all(names.map((n) => conn.nodeDeviceGetXMLDesc(n).catch(() => undefined))), // unplugged meanwhile
    idTable('pci'), idTable('usb_device'),
  ]);
  const out: HostDevice[] = [];
  for (const xml of xmls) {
    const p = xml ? parseNodeDevice(xml) : undefined;
    if (!p) continue;
    const seen = new Map<string, { name: string; state: string }>();
    for (const k of p.keys) for (const h of held.get(k) ?? []) seen.set(h.name, h);
    out.push({ ...named(p, p.device.device_type === 'pci' ? pciIds : usbIds), vm_holders: [...seen.values()].sort((a, b) => a.name.localeCompare(b.name)) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
