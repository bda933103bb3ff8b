// What we keep of a guest beyond libvirt (template, icon, sharing) follows it to its new host after a migration.
import { getVmMeta, putVmMeta, type Db } from '../../db/index.ts';

/**
 * Move the guest's metadata row from `from` to `to`. vm_meta is keyed by the guest's UUID, which a migration keeps,
 * so today the row already describes the guest wherever it runs; this is the one place to change when metadata
 * becomes per host.
 */
export function moveVmMeta(db: Db, uuid: string, _from: string, _to: string): void {
  const meta = getVmMeta(db, uuid);
  if (meta) putVmMeta(db, uuid, { template: meta.template, icon: meta.icon, users: meta.users, groups: meta.groups });
}
