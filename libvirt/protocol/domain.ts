// Domain procedures (remote_protocol.x): lookups, lifecycle, XML, tuning, devices, snapshots, streams.
import { x } from '../xdr/index.ts';
import { domain, domFlags, domOnly, domXmlFlags, none, optString, proc, snapshot, xmlFlags } from './types.ts';

/** virDomainInfo: `unsigned char`/`unsigned short` travel as 4 bytes; CPU time in ns is a BigInt. */
export const domainInfo = x.struct({
  state: x.int, maxMem: x.uhyperNum, memory: x.uhyperNum, nrVirtCpu: x.uint, cpuTime: x.uhyper,
});
export const blockInfo = x.struct({ allocation: x.uhyperNum, capacity: x.uhyperNum, physical: x.uhyperNum });
export const ipAddr = x.struct({ type: x.int, addr: x.string, prefix: x.uint });
export const domainInterface = x.struct({ name: x.string, hwaddr: optString, addrs: x.array(ipAddr, 2048) });

export const domainProcedures = {
  domainCreate: proc('domainCreate', 9, domOnly, none),
  domainCreateXML: proc('domainCreateXML', 10, x.struct({ xml_desc: x.string, flags: x.uint }), domain),
  domainDestroy: proc('domainDestroy', 12, domOnly, none),
  domainGetXMLDesc: proc('domainGetXMLDesc', 14, domFlags, x.string),
  domainGetAutostart: proc('domainGetAutostart', 15, domOnly, x.bool),
  domainGetInfo: proc('domainGetInfo', 16, domOnly, domainInfo),
  domainLookupByID: proc('domainLookupByID', 22, x.struct({ id: x.int }), domain),
  domainLookupByName: proc('domainLookupByName', 23, x.struct({ name: x.string }), domain),
  domainLookupByUUID: proc('domainLookupByUUID', 24, x.struct({ uuid: x.uuid }), domain),
  domainReboot: proc('domainReboot', 27, domFlags, none),
  domainResume: proc('domainResume', 28, domOnly, none),
  domainSetAutostart: proc('domainSetAutostart', 29, x.struct({ dom: domain, autostart: x.bool }), none),
  domainShutdown: proc('domainShutdown', 33, domOnly, none),
  domainSuspend: proc('domainSuspend', 34, domOnly, none),
  domainIsActive: proc('domainIsActive', 150, domOnly, x.bool),
  domainIsPersistent: proc('domainIsPersistent', 151, domOnly, x.bool),
  domainAttachDeviceFlags: proc('domainAttachDeviceFlags', 160, domXmlFlags, none),
  domainDetachDeviceFlags: proc('domainDetachDeviceFlags', 161, domXmlFlags, none),
  domainUpdateDeviceFlags: proc('domainUpdateDeviceFlags', 174, domXmlFlags, none),
  domainGetBlockInfo: proc('domainGetBlockInfo', 194, x.struct({ dom: domain, path: x.string, flags: x.uint }), blockInfo),
  /** Grow (or shrink) a disk under a running guest; `size` in bytes with flag BYTES (1), else KiB. */
  domainBlockResize: proc('domainBlockResize', 251, x.struct({ dom: domain, disk: x.string, size: x.uhyperNum, flags: x.uint }), none),
  domainCreateWithFlags: proc('domainCreateWithFlags', 196, domFlags, domain),
  domainSetVcpusFlags: proc('domainSetVcpusFlags', 199, x.struct({ dom: domain, nvcpus: x.uint, flags: x.uint }), none),
  domainGetVcpusFlags: proc('domainGetVcpusFlags', 200, domFlags, x.int),
  domainOpenConsole: proc('domainOpenConsole', 201, x.struct({ dom: domain, dev_name: optString, flags: x.uint }), none),
  domainSetMemoryFlags: proc('domainSetMemoryFlags', 204, x.struct({ dom: domain, memory: x.uhyper, flags: x.uint }), none),
  /** remote_domain_inject_nmi_args {dom, flags}: an NMI to the running guest. */
  domainInjectNMI: proc('domainInjectNMI', 210, domFlags, none),
  domainScreenshot: proc('domainScreenshot', 211, x.struct({ dom: domain, screen: x.uint, flags: x.uint }), optString),
  domainGetState: proc('domainGetState', 212, domFlags, x.struct({ state: x.int, reason: x.int })),
  domainUndefineFlags: proc('domainUndefineFlags', 231, domFlags, none),
  domainDestroyFlags: proc('domainDestroyFlags', 234, domFlags, none),
  domainReset: proc('domainReset', 245, domFlags, none),
  domainShutdownFlags: proc('domainShutdownFlags', 258, domFlags, none),
  /** remote_domain_set_metadata_args {dom, type, metadata?, key?, uri?, flags}: no metadata removes the element of `uri`. */
  domainSetMetadata: proc('domainSetMetadata', 264, x.struct({ dom: domain, type: x.int, metadata: optString, key: optString, uri: optString, flags: x.uint }), none),
  domainDefineXMLFlags: proc('domainDefineXMLFlags', 350, xmlFlags, domain),
  /** remote_domain_rename_args {dom, new_name (remote_string), flags} → {retcode}; the domain must be inactive. */
  domainRename: proc('domainRename', 358, x.struct({ dom: domain, new_name: optString, flags: x.uint }), x.struct({ retcode: x.int })),
  domainInterfaceAddresses: proc('domainInterfaceAddresses', 353,
    x.struct({ dom: domain, source: x.uint, flags: x.uint }), x.array(domainInterface, 2048)),

  domainSnapshotCreateXML: proc('domainSnapshotCreateXML', 185,
    x.struct({ dom: domain, xml_desc: x.string, flags: x.uint }), snapshot),
  domainSnapshotGetXMLDesc: proc('domainSnapshotGetXMLDesc', 186, x.struct({ snap: snapshot, flags: x.uint }), x.string),
  domainSnapshotLookupByName: proc('domainSnapshotLookupByName', 189,
    x.struct({ dom: domain, name: x.string, flags: x.uint }), snapshot),
  domainHasCurrentSnapshot: proc('domainHasCurrentSnapshot', 190, domFlags, x.bool),
  domainSnapshotCurrent: proc('domainSnapshotCurrent', 191, domFlags, snapshot),
  domainRevertToSnapshot: proc('domainRevertToSnapshot', 192, x.struct({ snap: snapshot, flags: x.uint }), none),
  domainSnapshotDelete: proc('domainSnapshotDelete', 193, x.struct({ snap: snapshot, flags: x.uint }), none),
  domainListAllSnapshots: proc('domainListAllSnapshots', 274,
    x.struct({ dom: domain, need_results: x.int, flags: x.uint }),
    x.struct({ snapshots: x.array(snapshot, 16384), ret: x.int })),
};
