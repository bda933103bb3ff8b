// What a stored template names that no longer exists: Kimchi's `invalid` dict plus a translated reason.
import { access } from 'node:fs/promises';
import { ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import { translate, type Locale, type MessageCode } from '../i18n/index.ts';
import { poolName } from './refs.ts';
import type { Template, TemplateSpec } from './schemas.ts';

type Invalid = Template['invalid'];

/** Resolves true when libvirt says the object is missing (by its numeric code), false when it exists. */
const missing = (p: Promise<unknown>, code: number) =>
  p.then(() => false, (e) => { if (e instanceof LibvirtError && e.code === code) return true; throw e; });

export async function invalidOf(conn: Connection, spec: TemplateSpec): Promise<Invalid> {
  let storagepoolRef: string | undefined;
  try { storagepoolRef = poolName(spec.storagepool); } catch { storagepoolRef = undefined; }
  const pools = [...new Set([storagepoolRef, ...spec.disks.map((d) => d.pool.name)].filter((p): p is string => !!p))];
  const bases = spec.disks.map((d) => d.base).filter((b): b is string => !!b);
  const [poolGone, netGone, baseGone, cdromGone] = await Promise.all([
    Promise.all(pools.map((p) => missing(conn.storagePoolLookupByName(p), ErrorCode.NO_STORAGE_POOL))),
    Promise.all(spec.networks.map((n) => missing(conn.networkLookupByName(n), ErrorCode.NO_NETWORK))),
    Promise.all(bases.map((b) => missing(conn.storageVolLookupByPath(b), ErrorCode.NO_STORAGE_VOL))),
    spec.cdrom ? access(spec.cdrom).then(() => false, () => true) : Promise.resolve(false),
  ]);
  const invalid: Invalid = {};
  if (cdromGone) invalid.cdrom = [spec.cdrom!];
  if (poolGone.some(Boolean)) invalid.storagepools = pools.filter((_, i) => poolGone[i]);
  if (netGone.some(Boolean)) invalid.networks = spec.networks.filter((_, i) => netGone[i]);
  if (baseGone.some(Boolean)) invalid.disks = bases.filter((_, i) => baseGone[i]);
  if (!storagepoolRef) invalid.storagepools = [...(invalid.storagepools ?? []), spec.storagepool];
  return invalid;
}

/** One translated sentence naming everything that is missing; undefined when the template is valid. */
export function invalidReason(invalid: Invalid, locale: Locale): string | undefined {
  const parts = (Object.keys(invalid) as Array<keyof Invalid>).map((k) =>
    translate(locale, `invalid.${k}` as MessageCode, { items: invalid[k]!.join(', ') }));
  if (!parts.length) return undefined;
  const text = parts.join('; ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}
