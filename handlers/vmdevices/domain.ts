// A VM as its device routes see it: live and saved definitions, whether it runs, the affect flags for a change, error wrapping.
import { DomainAffect, DomainXMLFlags, ErrorCode, LibvirtError, type Domain } from '../../libvirt/index.ts';
import { parseDomainXML, type DomainModel } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { Locale, MessageCode, MessageParams } from '../i18n/index.ts';
import { translate } from '../i18n/index.ts';
import { assertUnlocked } from '../vms/lock.ts';
import { lookupVm } from '../vms/service.ts';

export interface VmDevices {
  dom: Domain;
  running: boolean;
  persistent: boolean;
  /** What runs now (the saved definition when the VM is shut off). */
  live: DomainModel;
  /** The saved definition; null for a transient VM. */
  config: DomainModel | null;
}

/** The VM's definitions in one pipelined round; the inactive XML is read only when it can differ from the live one. */
export async function readDevices(deps: Deps, name: string): Promise<VmDevices> {
  const conn = deps.libvirt.connection;
  const dom = await lookupVm(conn, name);
  deps.domainXml?.invalidate(dom.uuid);
  const [xml, running, persistent] = await Promise.all([conn.domainGetXMLDesc(dom, 0), conn.domainIsActive(dom), conn.domainIsPersistent(dom)]);
  const live = parseDomainXML(xml);
  const config = !persistent ? null : running ? parseDomainXML(await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE)) : live;
  return { dom, running, persistent, live, config };
}

/** readDevices for a change: 409 while a long operation (clone, template from VM) holds the VM. */
export async function readForChange(deps: Deps, name: string): Promise<VmDevices> {
  const vm = await readDevices(deps, name);
  assertUnlocked(deps.db, vm.dom.uuid, vm.dom.name);
  return vm;
}

/** Flags for domain*DeviceFlags: LIVE where it runs and `live` allows, CONFIG where it has a saved definition. */
export function affect(vm: VmDevices, live: boolean, config = true): number {
  return (vm.running && live ? DomainAffect.LIVE : 0) | (vm.persistent && config ? DomainAffect.CONFIG : 0);
}

export interface Merged<T> { item: T; pending: boolean }

/**
 * One list from the live and saved definitions, keyed by `key`: the saved version wins (it is what the next boot
 * uses); a device in only one of them, or different in the two, is pending. A shut-off or transient VM has one list.
 */
export function mergeDevices<T>(vm: VmDevices, live: T[], config: T[] | null, key: (t: T) => string, same: (a: T, b: T) => boolean): Merged<T>[] {
  if (!vm.running || !config) return live.map((item) => ({ item, pending: false }));
  const liveBy = new Map(live.map((d) => [key(d), d]));
  const out: Merged<T>[] = config.map((item) => {
    const l = liveBy.get(key(item));
    return { item, pending: !l || !same(l, item) };
  });
  const saved = new Set(config.map(key));
  for (const l of live) if (!saved.has(key(l))) out.push({ item: l, pending: true });
  return out;
}

export const pendingNote = (locale: Locale, pending: boolean, key: MessageCode = 'vmdev.pending'): string | null =>
  pending ? translate(locale, key) : null;

/** libvirt codes that mean "this hypervisor or device cannot do that now" rather than a failure. */
const REFUSED: number[] = [ErrorCode.OPERATION_INVALID, ErrorCode.NO_SUPPORT, ErrorCode.OPERATION_UNSUPPORTED, 67 /* CONFIG_UNSUPPORTED */];

/** A LibvirtError as `code` with its message as {detail}: 409 when libvirt refused the change, else 500; others unchanged. */
export function changeError(code: MessageCode, params: MessageParams, e: unknown): unknown {
  if (!(e instanceof LibvirtError)) return e;
  return new KimchiError(REFUSED.includes(e.code) ? 409 : 500, code, { ...params, detail: e.message }, { cause: e });
}

/** Run a libvirt change, its failure reported as `code` (see changeError). */
export async function change<T>(code: MessageCode, params: MessageParams, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw changeError(code, params, e);
  }
}
