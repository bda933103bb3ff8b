// Secret procedures (remote_protocol.x 141-147): the CHAP password of an iSCSI pool lives in a libvirt secret.
import { x } from '../xdr/index.ts';
import { none, proc } from './types.ts';

export interface Secret { uuid: string; usageType: number; usageID: string }
export const secret = x.struct({ uuid: x.uuid, usageType: x.int, usageID: x.string });

/** VIR_SECRET_USAGE_TYPE_*: what a secret is for. */
export const SecretUsage = { NONE: 0, VOLUME: 1, CEPH: 2, ISCSI: 3, TLS: 4, VTPM: 5 } as const;

export const secretProcedures = {
  secretLookupByUUID: proc('secretLookupByUUID', 141, x.struct({ uuid: x.uuid }), secret),
  secretDefineXML: proc('secretDefineXML', 142, x.struct({ xml: x.string, flags: x.uint }), secret),
  secretGetXMLDesc: proc('secretGetXMLDesc', 143, x.struct({ secret, flags: x.uint }), x.string),
  /** At most REMOTE_SECRET_VALUE_MAX (64 KiB). */
  secretSetValue: proc('secretSetValue', 144, x.struct({ secret, value: x.opaque, flags: x.uint }), none),
  secretUndefine: proc('secretUndefine', 146, x.struct({ secret }), none),
  secretLookupByUsage: proc('secretLookupByUsage', 147, x.struct({ usageType: x.int, usageID: x.string }), secret),
};
