// DELETE /vms/:name: stop, delete the VM's own volumes, then undefine and drop our metadata; the plan is readable first.
import { deleteVmMeta } from '../../db/index.ts';
import { DomainUndefineFlags, ErrorCode, LibvirtError } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { translate, type Locale } from '../i18n/index.ts';
import type { VmDeletion } from './schemas.ts';
import { planDeletion } from './deletion-plan.ts';
import { assertNotBusy, lookupVm } from './service.ts';
import { hostOf } from '../common/hosts.ts';

const isCode = (e: unknown, ...codes: number[]) => e instanceof LibvirtError && codes.includes(e.code);

/** GET /vms/:name/deletion — exactly what DELETE would delete and keep, with each reason translated. */
export async function deletionView(deps: Deps, name: string, locale: Locale, allUsage?: Map<string, Set<string>>): Promise<VmDeletion> {
  const plan = await planDeletion(deps, await lookupVm(deps.libvirt.connection, name), allUsage);
  return {
    name: plan.name,
    delete: plan.delete.map(({ dev, path, vol }) => ({ dev, path, pool: vol.pool, volume: vol.name })),
    keep: plan.keep.map((k) => ({ ...k, message: translate(locale, `vmkeep.${k.reason}`, { by: k.by.join(', ') }) })),
  };
}

/**
 * Order, safest first: (1) plan from the XML while the VM is whole; (2) destroy a running VM, so no guest writes to a
 * disk we delete; (3) delete the volumes one by one, stopping at the first failure with the VM still defined — the
 * definition is the user's handle on the remaining disks, and a retry plans again from it (deleted volumes no longer
 * resolve and are skipped); undefining first would orphan them silently; (4) undefine (managed save, snapshot metadata,
 * NVRAM and TPM state go with it); (5) drop our metadata. A transient VM vanishes at (2); its volumes are still deleted.
 */
export async function deleteVm(deps: Deps, name: string): Promise<void> {
  const conn = deps.libvirt.connection;
  const dom = await lookupVm(conn, name);
  assertNotBusy(deps.db, dom);
  const plan = await planDeletion(deps, dom);
  if (await conn.domainIsActive(dom)) {
    await conn.domainDestroy(dom).catch((e: unknown) => { if (!isCode(e, ErrorCode.OPERATION_INVALID, ErrorCode.NO_DOMAIN)) throw e; });
  }
  const deleted: string[] = [];
  const deletedParam = () => (deleted.length ? deleted.join(', ') : { t: 'vmdeleted.none' as const });
  for (const { path, vol } of plan.delete) {
    try {
      await conn.storageVolDelete(vol);
    } catch (e) {
      if (!isCode(e, ErrorCode.NO_STORAGE_VOL)) {
        const detail = e instanceof Error ? e.message : String(e);
        throw new KimchiError(500, 'KCHVM0010E', { name: dom.name, path, detail, deleted: deletedParam() }, { cause: e });
      }
    }
    deleted.push(path);
  }
  // TPM (libvirt ≥ 8.9) only for a guest with an emulated TPM, so other guests' undefine works on older libvirt too.
  const flags = DomainUndefineFlags.MANAGED_SAVE | DomainUndefineFlags.SNAPSHOTS_METADATA
    | (plan.nvram ? DomainUndefineFlags.NVRAM : 0) | (plan.tpm ? DomainUndefineFlags.TPM : 0);
  try {
    await conn.domainUndefine(dom, flags);
  } catch (e) {
    if (!isCode(e, ErrorCode.NO_DOMAIN)) {
      throw new KimchiError(500, 'KCHVM0011E', { name: dom.name, deleted: deletedParam(), detail: e instanceof Error ? e.message : String(e) }, { cause: e });
    }
  }
  deleteVmMeta(deps.db, dom.uuid, hostOf(deps));
}
