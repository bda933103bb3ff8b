// Typed storage pool and volume methods (no streams: see stream-methods.ts).
import type { StoragePool, StorageVol } from '../protocol/index.ts';
import { Caller } from './base.ts';

export abstract class StorageMethods extends Caller {
  storagePoolLookupByName(name: string) { return this.invoke('storagePoolLookupByName', { name }); }
  storagePoolLookupByUUID(uuid: string) { return this.invoke('storagePoolLookupByUUID', { uuid }); }
  storagePoolIsActive(pool: StoragePool) { return this.invoke('storagePoolIsActive', { pool }); }
  storagePoolIsPersistent(pool: StoragePool) { return this.invoke('storagePoolIsPersistent', { pool }); }
  /** `<sources>` XML of the pools of `type` (netfs, iscsi, logical…) a host offers; `srcSpec` is a `<source>` naming the host. */
  connectFindStoragePoolSources(type: string, srcSpec: string | null = null, flags = 0) {
    return this.invoke('connectFindStoragePoolSources', { type, srcSpec, flags });
  }
  storagePoolCreate(pool: StoragePool, flags = 0) { return this.invoke('storagePoolCreate', { pool, flags }); }
  storagePoolCreateXML(xml: string, flags = 0) { return this.invoke('storagePoolCreateXML', { xml, flags }); }
  storagePoolDestroy(pool: StoragePool) { return this.invoke('storagePoolDestroy', { pool }); }
  storagePoolDelete(pool: StoragePool, flags = 0) { return this.invoke('storagePoolDelete', { pool, flags }); }
  storagePoolDefineXML(xml: string, flags = 0) { return this.invoke('storagePoolDefineXML', { xml, flags }); }
  storagePoolUndefine(pool: StoragePool) { return this.invoke('storagePoolUndefine', { pool }); }
  storagePoolBuild(pool: StoragePool, flags = 0) { return this.invoke('storagePoolBuild', { pool, flags }); }
  storagePoolRefresh(pool: StoragePool, flags = 0) { return this.invoke('storagePoolRefresh', { pool, flags }); }
  storagePoolGetInfo(pool: StoragePool) { return this.invoke('storagePoolGetInfo', { pool }); }
  storagePoolGetXMLDesc(pool: StoragePool, flags = 0) { return this.invoke('storagePoolGetXMLDesc', { pool, flags }); }
  storagePoolGetAutostart(pool: StoragePool) { return this.invoke('storagePoolGetAutostart', { pool }); }
  storagePoolSetAutostart(pool: StoragePool, autostart: boolean) { return this.invoke('storagePoolSetAutostart', { pool, autostart }); }
  async connectListAllStoragePools(flags = 0): Promise<StoragePool[]> {
    return (await this.invoke('connectListAllStoragePools', { need_results: 1, flags })).pools;
  }
  async storagePoolListAllVolumes(pool: StoragePool, flags = 0): Promise<StorageVol[]> {
    return (await this.invoke('storagePoolListAllVolumes', { pool, need_results: 1, flags })).vols;
  }

  storageVolCreateXML(pool: StoragePool, xml: string, flags = 0) { return this.invoke('storageVolCreateXML', { pool, xml, flags }); }
  /** A new volume in `pool` described by `xml`, with `clonevol`'s content copied in (qemu-img convert for file pools). */
  storageVolCreateXMLFrom(pool: StoragePool, xml: string, clonevol: StorageVol, flags = 0) {
    return this.invoke('storageVolCreateXMLFrom', { pool, xml, clonevol, flags });
  }
  /** New capacity in bytes; flags VIR_STORAGE_VOL_RESIZE_ALLOCATE 1, DELTA 2, SHRINK 4. */
  storageVolResize(vol: StorageVol, capacityBytes: number | bigint, flags = 0) {
    return this.invoke('storageVolResize', { vol, capacity: BigInt(capacityBytes), flags });
  }
  storageVolLookupByName(pool: StoragePool, name: string) { return this.invoke('storageVolLookupByName', { pool, name }); }
  storageVolLookupByPath(path: string) { return this.invoke('storageVolLookupByPath', { path }); }
  /** {type, capacity, allocation} in bytes. */
  storageVolGetInfo(vol: StorageVol) { return this.invoke('storageVolGetInfo', { vol }); }
  storageVolGetPath(vol: StorageVol) { return this.invoke('storageVolGetPath', { vol }); }
  storageVolGetXMLDesc(vol: StorageVol, flags = 0) { return this.invoke('storageVolGetXMLDesc', { vol, flags }); }
  storageVolDelete(vol: StorageVol, flags = 0) { return this.invoke('storageVolDelete', { vol, flags }); }
  /** Overwrite the volume's data (flags 0: zeroes). */
  storageVolWipe(vol: StorageVol, flags = 0) { return this.invoke('storageVolWipe', { vol, flags }); }
}
