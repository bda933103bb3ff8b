// Volume clone as a Task: a new volume (same capacity and format) in the same or another pool, filled by libvirt's copy.
import { ErrorCode, LibvirtError } from '../../libvirt/index.ts';
import { parseStorageVolXML } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { startTask } from '../common/task-runner.ts';
import type { Locale } from '../i18n/index.ts';
import type { Task } from '../tasks/schemas.ts';
import { activePool, lookupVol, prepareVolume, volumeUri } from './volumes-service.ts';

/** `<name>-clone`, then `-clone2`, … the first free name in the target pool. */
async function freeName(deps: Deps, pool: string, base: string): Promise<string> {
  const conn = deps.libvirt.connection;
  const handle = await activePool(conn, pool);
  for (let i = 1; i < 1000; i++) {
    const name = `${base}-clone${i === 1 ? '' : i}`;
    const taken = await conn.storageVolLookupByName(handle, name).then(() => true, (e: unknown) => {
      if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL) return false;
      throw e;
    });
    if (!taken) return name;
  }
  throw new KimchiError(409, 'KCHVOL0001E', { name: `${base}-clone`, pool });
}

/** Checks run before the Task starts (404/409 answer at once); the copy runs in the Task. */
export async function cloneVolume(deps: Deps, locale: Locale, poolName: string, name: string, opts: { name?: string; pool?: string }): Promise<Task> {
  const conn = deps.libvirt.connection;
  const src = await lookupVol(conn, await activePool(conn, poolName), name);
  const [xml, info] = await Promise.all([conn.storageVolGetXMLDesc(src), conn.storageVolGetInfo(src)]);
  const targetPool = opts.pool ?? poolName;
  const newName = opts.name ?? await freeName(deps, targetPool, name);
  const prepared = await prepareVolume(conn, targetPool, { name: newName, capacity: info.capacity, format: parseStorageVolXML(xml).format });
  return startTask(deps, locale, volumeUri(targetPool, newName), async (t) => {
    t.progress(`${poolName}/${name} → ${targetPool}/${newName}`);
    try {
      await conn.storageVolCreateXMLFrom(prepared.pool, prepared.xml, src);
    } catch (e) {
      if (e instanceof LibvirtError) throw new KimchiError(500, 'KCHVOL0012E', { name, detail: e.message }, { cause: e });
      throw e;
    }
    return 'OK';
  });
}
