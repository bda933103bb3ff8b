// Shared wire types of remote_protocol.x: object handles, typed parameters, and the procedure descriptor.
import { x, XdrError, type Codec } from '../xdr/index.ts';

export interface Domain { name: string; uuid: string; id: number }
export interface Network { name: string; uuid: string }
export interface StoragePool { name: string; uuid: string }
export interface StorageVol { pool: string; name: string; key: string }
export interface DomainSnapshot { name: string; dom: Domain }

export const domain: Codec<Domain> = x.struct({ name: x.string, uuid: x.uuid, id: x.int });
export const network: Codec<Network> = x.struct({ name: x.string, uuid: x.uuid });
export const storagePool: Codec<StoragePool> = x.struct({ name: x.string, uuid: x.uuid });
export const storageVol: Codec<StorageVol> = x.struct({ pool: x.string, name: x.string, key: x.string });
export const snapshot: Codec<DomainSnapshot> = x.struct({ name: x.string, dom: domain });
export const optString = x.optional(x.string);

/** VIR_TYPED_PARAM_* */
export const ParamType = { INT: 1, UINT: 2, LLONG: 3, ULLONG: 4, DOUBLE: 5, BOOLEAN: 6, STRING: 7 } as const;
export type ParamValue = number | bigint | boolean | string;
export interface TypedParam { field: string; type: number; value: ParamValue }

/** remote_typed_param: 64-bit integers decode as BigInt (CPU time in ns passes 2^53). */
export const typedParam: Codec<TypedParam> = {
  enc(w, p) {
    w.string(p.field);
    w.int(p.type);
    switch (p.type) {
      case ParamType.INT: w.int(Number(p.value)); break;
      case ParamType.UINT: w.uint(Number(p.value)); break;
      case ParamType.LLONG: w.hyper(BigInt(p.value as number | bigint)); break;
      case ParamType.ULLONG: w.uhyper(BigInt(p.value as number | bigint)); break;
      case ParamType.DOUBLE: w.double(Number(p.value)); break;
      case ParamType.BOOLEAN: w.int(p.value ? 1 : 0); break;
      case ParamType.STRING: w.string(String(p.value)); break;
      default: throw new RangeError(`unknown typed parameter type ${p.type}`);
    }
  },
  dec(r) {
    const field = r.string();
    const type = r.int();
    let value: ParamValue;
    switch (type) {
      case ParamType.INT: value = r.int(); break;
      case ParamType.UINT: value = r.uint(); break;
      case ParamType.LLONG: value = r.hyper(); break;
      case ParamType.ULLONG: value = r.uhyper(); break;
      case ParamType.DOUBLE: value = r.double(); break;
      case ParamType.BOOLEAN: value = r.int() !== 0; break;
      case ParamType.STRING: value = r.string(); break;
      default: throw new XdrError(`unknown typed parameter type ${type}`);
    }
    return { field, type, value };
  },
};
export const typedParams = x.array(typedParam);

/** Typed parameters as a plain object keyed by field name ("cpu.time" → 123n). */
export function paramsToObject(params: TypedParam[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of params) out[p.field] = p.value;
  return out;
}

/** One procedure of the remote program: its number and how its arguments and result travel. */
export interface Procedure<A, R> {
  name: string;
  number: number;
  args: Codec<A>;
  ret: Codec<R>;
  /** Reads that never wait on a job or the guest; others count against the slots kept for calls that may block. */
  quick: boolean;
}

/**
 * libvirt's naming says which procedures only read state: lookups and get/list/is/num-of calls. Those that may
 * still wait (stats, block info, interface addresses through the agent, screenshots, a job's progress from QEMU) are
 * named here.
 */
const MAY_BLOCK = /^(connectGetAllDomainStats|domainGetBlockInfo|domainInterfaceAddresses|domainGetState|domainScreenshot|domainGetJobStats)$/;
const READS = /^(\w+LookupBy\w+|\w*(Get|List|Is|NumOf)[A-Z]\w*|connectSupportsFeature|domainSnapshotCurrent|domainHasCurrentSnapshot)$/;

export function proc<A, R>(name: string, number: number, args: Codec<A>, ret: Codec<R>): Procedure<A, R> {
  return { name, number, args, ret, quick: READS.test(name) && !MAY_BLOCK.test(name) };
}

export const none = x.void_;
export const flagsOnly = x.struct({ flags: x.uint });
export const domFlags = x.struct({ dom: domain, flags: x.uint });
export const domOnly = x.struct({ dom: domain });
export const xmlFlags = x.struct({ xml: x.string, flags: x.uint });
export const domXmlFlags = x.struct({ dom: domain, xml: x.string, flags: x.uint });
export const intRet = x.int;
export const boolRet = x.bool;
