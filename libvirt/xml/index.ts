// Public surface of libvirt/xml: domain, device, machine, storage and network models over fast-xml-parser.
export { parseDomainXML, buildDomainXML, updateDomainXML } from './domain.ts';
export { metadataElement, toKiB, type DomainModel } from './domain-model.ts';
export { buildDiskDeviceXML, parseDisk, type DiskModel } from './disk.ts';
export { buildInterfaceDeviceXML, parseInterface, type InterfaceModel } from './interface.ts';
export { buildSnapshotXML, parseSnapshotXML, type SnapshotSpec, type SnapshotModel } from './snapshot.ts';
export { parseGraphics, type GraphicsModel } from './graphics.ts';
export { parseChardev, type ChardevModel } from './chardev.ts';
export { addSharedFolder, parseSharedFolders, removeSharedFolder, type SharedFolder } from './filesystem.ts';
export { ORIGIN, type Device } from './device.ts';
export { buildStoragePoolXML, buildStorageVolXML, parseStoragePoolXML, type StoragePoolSpec, type StorageVolSpec, type StoragePoolModel } from './storage.ts';
export {
  buildStoragePoolSourceSpec, parseStoragePoolSource, parseStoragePoolSourceOf, parseStoragePoolSourcesXML, parseStorageVolXML,
  type ScsiAdapter, type StoragePoolSourceModel, type StorageVolModel,
} from './storage.ts';
export {
  buildDhcpHostXML, buildNetworkXML, parseNetworkXML, type DhcpHost, type NetworkForward, type NetworkIp, type NetworkModel, type NetworkSpec,
} from './network.ts';
export { parseHostIfaceXML, type HostIfaceModel } from './host-iface.ts';
export { parseXml, serializeXml, escapeText, escapeAttr, type XElement, type XNode, type XDocument } from './node.ts';
export { el, child, children, text, attr } from './tree.ts';
export { applyMachine, parseMachine, type CpuMode, type MachineModel } from './machine.ts';
export { canEmulateTpm2, parseDomainCapsXML, type DomainCapsModel } from './domcaps.ts';
