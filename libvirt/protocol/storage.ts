// Storage pool and volume procedures (remote_protocol.x), including the upload/download stream starters.
import { x } from '../xdr/index.ts';
import { none, optString, proc, storagePool, storageVol } from './types.ts';

const poolOnly = x.struct({ pool: storagePool });
const poolFlags = x.struct({ pool: storagePool, flags: x.uint });
const volOnly = x.struct({ vol: storageVol });
const volFlags = x.struct({ vol: storageVol, flags: x.uint });
const volRange = x.struct({ vol: storageVol, offset: x.uhyper, length: x.uhyper, flags: x.uint });

/** virStoragePoolInfo (`unsigned char state` travels as 4 bytes). */
export const poolInfo = x.struct({ state: x.int, capacity: x.uhyperNum, allocation: x.uhyperNum, available: x.uhyperNum });
/** virStorageVolInfo (`char type` travels as 4 bytes). */
export const volInfo = x.struct({ type: x.int, capacity: x.uhyperNum, allocation: x.uhyperNum });

export const storageProcedures = {
  connectFindStoragePoolSources: proc('connectFindStoragePoolSources', 75,
    x.struct({ type: x.string, srcSpec: optString, flags: x.uint }), x.string),
  storagePoolCreateXML: proc('storagePoolCreateXML', 76, x.struct({ xml: x.string, flags: x.uint }), storagePool),
  storagePoolDefineXML: proc('storagePoolDefineXML', 77, x.struct({ xml: x.string, flags: x.uint }), storagePool),
  storagePoolCreate: proc('storagePoolCreate', 78, poolFlags, none),
  storagePoolBuild: proc('storagePoolBuild', 79, poolFlags, none),
  storagePoolDestroy: proc('storagePoolDestroy', 80, poolOnly, none),
  storagePoolDelete: proc('storagePoolDelete', 81, poolFlags, none),
  storagePoolUndefine: proc('storagePoolUndefine', 82, poolOnly, none),
  storagePoolRefresh: proc('storagePoolRefresh', 83, poolFlags, none),
  storagePoolLookupByName: proc('storagePoolLookupByName', 84, x.struct({ name: x.string }), storagePool),
  storagePoolLookupByUUID: proc('storagePoolLookupByUUID', 85, x.struct({ uuid: x.uuid }), storagePool),
  storagePoolGetInfo: proc('storagePoolGetInfo', 87, poolOnly, poolInfo),
  storagePoolGetXMLDesc: proc('storagePoolGetXMLDesc', 88, poolFlags, x.string),
  storagePoolGetAutostart: proc('storagePoolGetAutostart', 89, poolOnly, x.bool),
  storagePoolSetAutostart: proc('storagePoolSetAutostart', 90, x.struct({ pool: storagePool, autostart: x.bool }), none),
  storageVolCreateXML: proc('storageVolCreateXML', 93, x.struct({ pool: storagePool, xml: x.string, flags: x.uint }), storageVol),
  storageVolDelete: proc('storageVolDelete', 94, volFlags, none),
  storageVolLookupByName: proc('storageVolLookupByName', 95, x.struct({ pool: storagePool, name: x.string }), storageVol),
  storageVolLookupByPath: proc('storageVolLookupByPath', 97, x.struct({ path: x.string }), storageVol),
  storageVolGetInfo: proc('storageVolGetInfo', 98, volOnly, volInfo),
  storageVolGetXMLDesc: proc('storageVolGetXMLDesc', 99, volFlags, x.string),
  storageVolGetPath: proc('storageVolGetPath', 100, volOnly, x.string),
  storageVolCreateXMLFrom: proc('storageVolCreateXMLFrom', 125,
    x.struct({ pool: storagePool, xml: x.string, clonevol: storageVol, flags: x.uint }), storageVol),
  storagePoolIsActive: proc('storagePoolIsActive', 154, poolOnly, x.bool),
  storagePoolIsPersistent: proc('storagePoolIsPersistent', 155, poolOnly, x.bool),
  storageVolWipe: proc('storageVolWipe', 165, volFlags, none),
  storageVolUpload: proc('storageVolUpload', 208, volRange, none),
  storageVolDownload: proc('storageVolDownload', 209, volRange, none),
  storageVolResize: proc('storageVolResize', 260, x.struct({ vol: storageVol, capacity: x.uhyper, flags: x.uint }), none),
  connectListAllStoragePools: proc('connectListAllStoragePools', 281,
    x.struct({ need_results: x.int, flags: x.uint }), x.struct({ pools: x.array(storagePool, 16384), ret: x.uint })),
  storagePoolListAllVolumes: proc('storagePoolListAllVolumes', 282,
    x.struct({ pool: storagePool, need_results: x.int, flags: x.uint }), x.struct({ vols: x.array(storageVol, 16384), ret: x.uint })),
};
