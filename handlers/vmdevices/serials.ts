// The serials service: a VM's serial ports (what its Serial console can reach) and adding one to a shut-off VM.
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { updateDomainXML, type ChardevModel } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { Locale } from '../i18n/index.ts';
import { change, mergeDevices, pendingNote, readDevices, readForChange, type VmDevices } from './domain.ts';
import type { Serial } from './schemas.ts';

const port = (c: ChardevModel) => String(c.target?.port ?? 0);

function serialsOf(vm: VmDevices) {
  return mergeDevices(vm, vm.live.devices.serials, vm.config?.devices.serials ?? null, port, (a, b) => a.type === b.type);
}

export async function listSerials(deps: Deps, locale: Locale, name: string): Promise<Serial[]> {
  const vm = await readDevices(deps, name);
  return serialsOf(vm).map(({ item, pending }) => ({
    port: item.target?.port ?? 0, type: item.type, pending, note: pendingNote(locale, pending),
  }));
}

/**
 * Add a pty serial port 0 and its console to the saved definition (what `virsh console` and our Serial tab use).
 * Only while the VM is shut off: QEMU cannot plug an ISA serial port into a running guest.
 */
export async function addSerial(deps: Deps, locale: Locale, name: string): Promise<Serial[]> {
  const conn = deps.libvirt.connection;
  const vm = await readForChange(deps, name);
  if (vm.running || !vm.config) throw new KimchiError(409, 'KCHVMSER0001E', { name });
  if (vm.config.devices.serials.length > 0) throw new KimchiError(409, 'KCHVMSER0002E', { name });
  await change('KCHVMSER0003E', { name }, async () => {
    const xml = await conn.domainGetXMLDesc(vm.dom, DomainXMLFlags.INACTIVE);
    const next = updateDomainXML(xml, (m) => {
      m.devices.serials.push({ type: 'pty', target: { port: 0 } });
      if (m.devices.consoles.length === 0) m.devices.consoles.push({ type: 'pty', target: { type: 'serial', port: 0 } });
    });
    await conn.domainDefineXML(next);
  });
  return listSerials(deps, locale, name);
}
