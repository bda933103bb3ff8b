// Typed domain methods named after libvirt's C API: lookups, lifecycle, XML, tuning, devices, snapshots.
import type { Domain, DomainSnapshot } from '../protocol/index.ts';
import { Caller } from './base.ts';

export abstract class DomainMethods extends Caller {
  domainLookupByName(name: string) { return this.invoke('domainLookupByName', { name }); }
  domainLookupByUUID(uuid: string) { return this.invoke('domainLookupByUUID', { uuid }); }
  domainLookupByID(id: number) { return this.invoke('domainLookupByID', { id }); }
  domainDefineXML(xml: string, flags = 0) { return this.invoke('domainDefineXMLFlags', { xml, flags }); }
  domainCreateXML(xml: string, flags = 0) { return this.invoke('domainCreateXML', { xml_desc: xml, flags }); }
  domainUndefine(dom: Domain, flags = 0) { return this.invoke('domainUndefineFlags', { dom, flags }); }
  /** Rename an inactive domain; resolves with the handle under its new name (same UUID). */
  async domainRename(dom: Domain, newName: string, flags = 0): Promise<Domain> {
    await this.invoke('domainRename', { dom, new_name: newName, flags });
    return { ...dom, name: newName };
  }
  /** Start a defined domain; resolves with the refreshed handle (its new id). */
  domainCreate(dom: Domain, flags = 0) { return this.invoke('domainCreateWithFlags', { dom, flags }); }
  domainDestroy(dom: Domain, flags = 0) { return this.invoke('domainDestroyFlags', { dom, flags }); }
  domainShutdown(dom: Domain, flags = 0) { return this.invoke('domainShutdownFlags', { dom, flags }); }
  /** flags: VIR_DOMAIN_REBOOT_ACPI_POWER_BTN 1, GUEST_AGENT 2 (0: the hypervisor's choice). */
  domainReboot(dom: Domain, flags = 0) { return this.invoke('domainReboot', { dom, flags }); }
  /** A non-maskable interrupt to a running guest (a Linux guest may panic or dump, per its settings). */
  domainInjectNMI(dom: Domain, flags = 0) { return this.invoke('domainInjectNMI', { dom, flags }); }
  domainReset(dom: Domain, flags = 0) { return this.invoke('domainReset', { dom, flags }); }
  domainSuspend(dom: Domain) { return this.invoke('domainSuspend', { dom }); }
  domainResume(dom: Domain) { return this.invoke('domainResume', { dom }); }
  /** {state: VIR_DOMAIN_* (1 running, 3 paused, 5 shut off …), reason}. */
  domainGetState(dom: Domain, flags = 0) { return this.invoke('domainGetState', { dom, flags }); }
  /** {state, maxMem (KiB), memory (KiB), nrVirtCpu, cpuTime (ns, BigInt)}. */
  domainGetInfo(dom: Domain) { return this.invoke('domainGetInfo', { dom }); }
  domainIsActive(dom: Domain) { return this.invoke('domainIsActive', { dom }); }
  domainIsPersistent(dom: Domain) { return this.invoke('domainIsPersistent', { dom }); }
  /** flags: VIR_DOMAIN_XML_SECURE 1, INACTIVE 2, UPDATE_CPU 4, MIGRATABLE 8. */
  domainGetXMLDesc(dom: Domain, flags = 0) { return this.invoke('domainGetXMLDesc', { dom, flags }); }
  domainGetAutostart(dom: Domain) { return this.invoke('domainGetAutostart', { dom }); }
  domainSetAutostart(dom: Domain, autostart: boolean) { return this.invoke('domainSetAutostart', { dom, autostart }); }
  /** Memory in KiB; flags VIR_DOMAIN_AFFECT_LIVE 1, CONFIG 2, MEM_MAXIMUM 4. */
  domainSetMemoryFlags(dom: Domain, memoryKiB: number | bigint, flags = 0) {
    return this.invoke('domainSetMemoryFlags', { dom, memory: BigInt(memoryKiB), flags });
  }
  /** flags VIR_DOMAIN_AFFECT_LIVE 1, CONFIG 2, VCPU_MAXIMUM 4. */
  domainSetVcpusFlags(dom: Domain, nvcpus: number, flags = 0) { return this.invoke('domainSetVcpusFlags', { dom, nvcpus, flags }); }
  domainGetVcpusFlags(dom: Domain, flags = 0) { return this.invoke('domainGetVcpusFlags', { dom, flags }); }
  /** type 0 description, 1 title, 2 element (under `uri`, prefix `key`); metadata null removes it; flags AFFECT_LIVE 1, CONFIG 2. */
  domainSetMetadata(dom: Domain, type: number, metadata: string | null, key: string | null, uri: string | null, flags = 0) {
    return this.invoke('domainSetMetadata', { dom, type, metadata, key, uri, flags });
  }
  domainAttachDeviceFlags(dom: Domain, xml: string, flags = 0) { return this.invoke('domainAttachDeviceFlags', { dom, xml, flags }); }
  domainDetachDeviceFlags(dom: Domain, xml: string, flags = 0) { return this.invoke('domainDetachDeviceFlags', { dom, xml, flags }); }
  domainUpdateDeviceFlags(dom: Domain, xml: string, flags = 0) { return this.invoke('domainUpdateDeviceFlags', { dom, xml, flags }); }
  /** {allocation, capacity, physical} in bytes for a disk path or target name. */
  domainGetBlockInfo(dom: Domain, path: string, flags = 0) { return this.invoke('domainGetBlockInfo', { dom, path, flags }); }
  /** virDomainBlockResize with VIR_DOMAIN_BLOCK_RESIZE_BYTES: `disk` is the target dev (vda) or the source path. */
  domainBlockResize(dom: Domain, disk: string, bytes: number) { return this.invoke('domainBlockResize', { dom, disk, size: bytes, flags: 1 }); }
  /** source: VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE 0, AGENT 1, ARP 2. */
  domainInterfaceAddresses(dom: Domain, source = 0, flags = 0) { return this.invoke('domainInterfaceAddresses', { dom, source, flags }); }

  domainSnapshotCreateXML(dom: Domain, xml: string, flags = 0) { return this.invoke('domainSnapshotCreateXML', { dom, xml_desc: xml, flags }); }
  async domainListAllSnapshots(dom: Domain, flags = 0): Promise<DomainSnapshot[]> {
    return (await this.invoke('domainListAllSnapshots', { dom, need_results: 1, flags })).snapshots;
  }
  domainSnapshotLookupByName(dom: Domain, name: string, flags = 0) { return this.invoke('domainSnapshotLookupByName', { dom, name, flags }); }
  domainSnapshotGetXMLDesc(snap: DomainSnapshot, flags = 0) { return this.invoke('domainSnapshotGetXMLDesc', { snap, flags }); }
  domainSnapshotCurrent(dom: Domain, flags = 0) { return this.invoke('domainSnapshotCurrent', { dom, flags }); }
  domainHasCurrentSnapshot(dom: Domain, flags = 0) { return this.invoke('domainHasCurrentSnapshot', { dom, flags }); }
  domainRevertToSnapshot(snap: DomainSnapshot, flags = 0) { return this.invoke('domainRevertToSnapshot', { snap, flags }); }
  domainSnapshotDelete(snap: DomainSnapshot, flags = 0) { return this.invoke('domainSnapshotDelete', { snap, flags }); }
}
