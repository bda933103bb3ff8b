// The ifaces service: list a VM's NICs with their addresses and link; attach to a network, bridge or host NIC; re-plug, change model or link; detach.
import { randomBytes } from 'node:crypto';
import { ErrorCode, LibvirtError, type Connection, type Network } from '../../libvirt/index.ts';
import { buildInterfaceDeviceXML, parseNetworkXML, type InterfaceModel } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { translate, type Locale } from '../i18n/index.ts';
import { listInterfaces } from '../networks/interfaces.ts';
import { affect, change, mergeDevices, pendingNote, readDevices, readForChange, type Merged, type VmDevices } from './domain.ts';
import type { Iface, IfaceCreate, IfaceUpdate } from './schemas.ts';

const macKey = (i: InterfaceModel) => (i.mac ?? '').toLowerCase();
/** What identifies a NIC's setup; the live XML adds the bridge and port of a network NIC, so only the network counts there. */
const essence = (i: InterfaceModel) =>
  JSON.stringify({ type: i.type, source: i.type === 'network' ? i.source?.network : i.source, model: i.model });
/** A NIC by its MAC alone, as libvirt matches it for update and detach (no address, alias or port of one definition). */
const byMac = (i: InterfaceModel, change: Partial<InterfaceModel> = {}): InterfaceModel =>
  ({ type: i.type, mac: i.mac, ...(i.source ? { source: i.source } : {}), ...(i.mode ? { mode: i.mode } : {}), ...(i.model ? { model: i.model } : {}), ...change });

function mergedIfaces(vm: VmDevices): Merged<InterfaceModel>[] {
  return mergeDevices(vm, vm.live.devices.interfaces, vm.config?.devices.interfaces ?? null, macKey, (a, b) => essence(a) === essence(b));
}

function findIface(vm: VmDevices, mac: string): Merged<InterfaceModel> {
  const found = mergedIfaces(vm).find((m) => macKey(m.item) === mac.toLowerCase());
  if (!found) throw new KimchiError(404, 'KCHVMIF0001E', { name: vm.dom.name, mac });
  return found;
}

/** What the network's DHCP server leased to this MAC; [] when the network or the call is unavailable. */
async function leasedIps(conn: Connection, network: string, mac: string): Promise<string[]> {
  try {
    const leases = await conn.networkGetDHCPLeases(await conn.networkLookupByName(network), mac);
    return leases.map((l) => l.ipaddr);
  } catch (e) {
    if (e instanceof LibvirtError) return [];
    throw e;
  }
}

/** The fixed address the network's DHCP server keeps for this MAC, if any. */
async function reservedIp(conn: Connection, network: string, mac: string): Promise<string | null> {
  try {
    const model = parseNetworkXML(await conn.networkGetXMLDesc(await conn.networkLookupByName(network)));
    return model.dhcpHosts.find((h) => h.mac === mac.toLowerCase())?.ip ?? null;
  } catch (e) {
    if (e instanceof LibvirtError) return null;
    throw e;
  }
}

/** The link state the running guest has now (it may differ from the saved one until the next boot). */
function liveLink(vm: VmDevices, i: InterfaceModel): 'up' | 'down' | undefined {
  if (!vm.running) return undefined;
  const live = vm.live.devices.interfaces.find((l) => macKey(l) === macKey(i));
  return live ? live.link ?? 'up' : undefined;
}

async function ifaceView(conn: Connection, vm: VmDevices, locale: Locale, { item: i, pending }: Merged<InterfaceModel>, note = pendingNote(locale, pending)): Promise<Iface> {
  const network = i.source?.network ?? null;
  return {
    mac: i.mac ?? '', type: i.type, network, bridge: i.type === 'bridge' ? i.source?.bridge ?? null : null, model: i.model ?? null,
    source_dev: i.type === 'direct' ? i.source?.dev ?? null : null, mode: i.type === 'direct' ? i.mode ?? 'vepa' : null,
    link: liveLink(vm, i) ?? i.link ?? 'up',
    ips: vm.running && network && i.mac ? await leasedIps(conn, network, i.mac) : [],
    reserved_ip: network && i.mac ? await reservedIp(conn, network, i.mac) : null,
    pending, note: pending ? note : null,
  };
}

export async function listIfaces(deps: Deps, locale: Locale, name: string): Promise<Iface[]> {
  const vm = await readDevices(deps, name);
  return Promise.all(mergedIfaces(vm).map((m) => ifaceView(deps.libvirt.connection, vm, locale, m)));
}

export async function getIface(deps: Deps, locale: Locale, name: string, mac: string): Promise<Iface> {
  const vm = await readDevices(deps, name);
  return ifaceView(deps.libvirt.connection, vm, locale, findIface(vm, mac));
}

/** The network by name (404 KCHVMIF0002E); a running VM needs it active (409 KCHVMIF0003E). */
async function usableNetwork(conn: Connection, vm: VmDevices, network: string): Promise<Network> {
  const net = await conn.networkLookupByName(network).catch((e: unknown) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_NETWORK) throw new KimchiError(404, 'KCHVMIF0002E', { network }, { cause: e });
    throw e;
  });
  if (vm.running && !(await conn.networkIsActive(net))) throw new KimchiError(409, 'KCHVMIF0003E', { network, name: vm.dom.name });
  return net;
}

/** A locally administered address in QEMU's 52:54:00 range that the VM does not use yet. */
function newMac(vm: VmDevices): string {
  const used = new Set(mergedIfaces(vm).map((m) => macKey(m.item)));
  for (;;) {
    const mac = ['52', '54', '00', ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
    if (!used.has(mac)) return mac;
  }
}

/** Where a new or re-plugged NIC goes, checked: an active network, a host bridge, or a host NIC for macvtap. */
async function nicSource(conn: Connection, vm: VmDevices, body: IfaceSource): Promise<Pick<InterfaceModel, 'type' | 'source' | 'mode'>> {
  if (body.type === 'network') {
    await usableNetwork(conn, vm, body.network!);
    return { type: 'network', source: { network: body.network! } };
  }
  const wanted = body.type === 'bridge' ? body.bridge! : body.dev!;
  const host = (await listInterfaces(conn)).find((i) => i.name === wanted);
  if (!host || (body.type === 'bridge' && host.type !== 'bridge')) {
    throw new KimchiError(404, 'KCHVMIF0020E', { iface: wanted, kind: { t: body.type === 'bridge' ? 'vmdev.iface.bridge' : 'vmdev.iface.nic' } });
  }
  return body.type === 'bridge' ? { type: 'bridge', source: { bridge: wanted } } : { type: 'direct', source: { dev: wanted }, mode: body.mode ?? 'bridge' };
}

type IfaceSource = Pick<IfaceCreate, 'type' | 'network' | 'bridge' | 'dev' | 'mode'>;

/** Attach a NIC (a network, a host bridge or a host NIC); NICs are PCI devices, so a running VM gets it at once. */
export async function attachIface(deps: Deps, locale: Locale, name: string, body: IfaceCreate): Promise<Iface> {
  const conn = deps.libvirt.connection;
  const vm = await readForChange(deps, name);
  const where = await nicSource(conn, vm, body);
  if (body.mac && mergedIfaces(vm).some((m) => macKey(m.item) === body.mac)) throw new KimchiError(409, 'KCHVMIF0021E', { mac: body.mac, name });
  const mac = body.mac ?? newMac(vm);
  const nic: InterfaceModel = { ...where, mac, ...(body.model ? { model: body.model } : {}) };
  await change('KCHVMIF0006E', { name }, () => conn.domainAttachDeviceFlags(vm.dom, buildInterfaceDeviceXML(nic), affect(vm, true)));
  return getIface(deps, locale, name, mac);
}

/**
 * Network and link: live and saved. Model: saved only (QEMU cannot swap a NIC's model under a running guest). Type and
 * source (bridge, host NIC): a shut-off VM only.
 */
export async function updateIface(deps: Deps, locale: Locale, name: string, mac: string, body: IfaceUpdate): Promise<Iface> {
  const conn = deps.libvirt.connection;
  const vm = await readForChange(deps, name);
  const { item } = findIface(vm, mac);
  if (body.network !== undefined && item.type !== 'network') throw new KimchiError(400, 'KCHVMIF0004E', { mac, type: item.type });
  if (body.model !== undefined && !vm.config) throw new KimchiError(409, 'KCHVMIF0005E', { mac, name });
  if (body.type !== undefined && vm.running) throw new KimchiError(409, 'KCHVMIF0022E', { mac, name });
  const replug = body.type !== undefined ? await nicSource(conn, vm, body as IfaceSource) : undefined;
  if (body.network !== undefined) await usableNetwork(conn, vm, body.network);
  const params = { name, mac };
  const live = vm.running ? vm.live.devices.interfaces.find((i) => macKey(i) === macKey(item)) : undefined;
  const liveNetwork = body.network !== undefined && live?.source?.network !== body.network;
  if (live && (liveNetwork || (body.link !== undefined && (live.link ?? 'up') !== body.link))) {
    const next = byMac(live, {
      ...(liveNetwork ? { source: { network: body.network! } } : {}), ...(body.link !== undefined ? { link: body.link } : live.link ? { link: live.link } : {}),
    });
    await change('KCHVMIF0007E', params, () => conn.domainUpdateDeviceFlags(vm.dom, buildInterfaceDeviceXML(next), affect(vm, true, false)));
  }
  const saved = vm.config?.devices.interfaces.find((i) => macKey(i) === macKey(item));
  if (saved && (body.network !== undefined || body.model !== undefined || body.link !== undefined || replug)) {
    const next: InterfaceModel = {
      ...saved, ...(replug ?? {}), ...(body.network !== undefined ? { source: { network: body.network } } : {}),
      model: body.model ?? saved.model, ...(body.link !== undefined ? { link: body.link } : {}),
    };
    if (next.type !== 'direct') delete next.mode;
    await change('KCHVMIF0007E', params, () => conn.domainUpdateDeviceFlags(vm.dom, buildInterfaceDeviceXML(next), affect(vm, false, true)));
  }
  return getIface(deps, locale, name, mac);
}

/** Detach; undefined when gone, else its view (saved-only removal, or a guest that has not released the device yet). */
export async function detachIface(deps: Deps, locale: Locale, name: string, mac: string): Promise<Iface | undefined> {
  const conn = deps.libvirt.connection;
  const vm = await readForChange(deps, name);
  const { item } = findIface(vm, mac);
  const inLive = vm.live.devices.interfaces.some((i) => macKey(i) === macKey(item));
  const inConfig = !!vm.config?.devices.interfaces.some((i) => macKey(i) === macKey(item));
  await change('KCHVMIF0008E', { name, mac }, () => conn.domainDetachDeviceFlags(vm.dom, buildInterfaceDeviceXML(byMac(item)), affect(vm, inLive, inConfig)));
  const again = await readDevices(deps, name);
  const after = mergedIfaces(again).find((m) => macKey(m.item) === macKey(item));
  if (!after) return undefined;
  return ifaceView(conn, again, locale, after, translate(locale, vm.running && inLive ? 'vmdev.unplug' : 'vmdev.pending'));
}
