// Templates are shared by every host: before a VM is made from one on a registered host, its pools and networks must exist there.
import { ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import { KimchiError } from '../common/errors.ts';
import type { TemplateSpec } from '../templates/schemas.ts';

const missing = (p: Promise<unknown>, code: number) =>
  p.then(() => false, (e) => { if (e instanceof LibvirtError && e.code === code) return true; throw e; });

/** 409 naming every pool and network of `spec` that `host` lacks (the pool override replaces the disks' pools). */
export async function assertTemplateFits(conn: Connection, host: string, spec: TemplateSpec, poolOverride?: string): Promise<void> {
  const pools = [...new Set(poolOverride !== undefined ? [poolOverride] : spec.disks.map((d) => d.pool.name))];
  const networks = [...new Set(spec.networks)];
  const [poolGone, netGone] = await Promise.all([
    Promise.all(pools.map((p) => missing(conn.storagePoolLookupByName(p), ErrorCode.NO_STORAGE_POOL))),
    Promise.all(networks.map((n) => missing(conn.networkLookupByName(n), ErrorCode.NO_NETWORK))),
  ]);
  const lacking = [
    ...pools.filter((_, i) => poolGone[i]).map((p) => `storage pool ${p}`),
    ...networks.filter((_, i) => netGone[i]).map((n) => `network ${n}`),
  ];
  if (lacking.length) throw new KimchiError(409, 'KCHHOST0007E', { host, missing: lacking.join(', ') });
}
