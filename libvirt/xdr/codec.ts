// Composable XDR codecs: primitives plus struct/array/optional/fixed combinators used by the procedure table.
import { XdrReader, XdrError } from './reader.ts';
import { XdrWriter } from './writer.ts';

export interface Codec<T> {
  enc(w: XdrWriter, v: T): void;
  dec(r: XdrReader): T;
}

export type Infer<C> = C extends Codec<infer T> ? T : never;

const prim = <T>(enc: (w: XdrWriter, v: T) => void, dec: (r: XdrReader) => T): Codec<T> => ({ enc, dec });

export const int = prim<number>((w, v) => w.int(v), (r) => r.int());
export const uint = prim<number>((w, v) => w.uint(v), (r) => r.uint());
export const hyper = prim<bigint>((w, v) => w.hyper(v), (r) => r.hyper());
export const uhyper = prim<bigint>((w, v) => w.uhyper(v), (r) => r.uhyper());
/** unsigned hyper decoded as a number; rejects values past 2^53 instead of rounding them. */
export const uhyperNum = prim<number>((w, v) => w.uhyper(v), (r) => r.uhyperNumber());
export const double = prim<number>((w, v) => w.double(v), (r) => r.double());
export const bool = prim<boolean>((w, v) => w.bool(v), (r) => r.bool());
export const string = prim<string>((w, v) => w.string(v), (r) => r.string());
export const opaque = prim<Buffer>((w, v) => w.opaque(v), (r) => r.opaque());
export const void_ = prim<void>(() => {}, () => undefined);

/** A fixed-size opaque, e.g. remote_uuid (16 bytes), exposed as a lowercase dashed UUID string. */
export const uuid: Codec<string> = prim(
  (w, v) => w.uuid(v),
  (r) => bytesToUuid(r.fixedOpaque(16)),
);

export function bytesToUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `char field[n]`: each char travels as a 4-byte int; decoded as a NUL-terminated string. */
export function charArray(n: number): Codec<string> {
  return prim(
    (w, v) => {
      const bytes = Buffer.from(v, 'latin1');
      for (let i = 0; i < n; i++) w.int(i < bytes.length ? (bytes[i]! << 24) >> 24 : 0);
    },
    (r) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(r.int() & 0xff);
      const end = out.indexOf(0);
      return Buffer.from(end < 0 ? out : out.slice(0, end)).toString('latin1');
    },
  );
}

/** `T *field`: a 4-byte presence flag then the value; null when absent. */
export function optional<T>(c: Codec<T>): Codec<T | null> {
  return prim(
    (w, v) => {
      if (v === null || v === undefined) w.int(0);
      else { w.int(1); c.enc(w, v); }
    },
    (r) => {
      const flag = r.int();
      if (flag === 0) return null;
      if (flag !== 1) throw new XdrError(`bad XDR optional flag ${flag}`);
      return c.dec(r);
    },
  );
}

/** `T field<max>`: a length word then the elements. */
export function array<T>(c: Codec<T>, max = 0x7fffffff): Codec<T[]> {
  return prim(
    (w, v) => {
      if (v.length > max) throw new RangeError(`array of ${v.length} exceeds limit ${max}`);
      w.uint(v.length);
      for (const x of v) c.enc(w, x);
    },
    (r) => {
      const n = r.arrayLength(max);
      const out: T[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = c.dec(r);
      return out;
    },
  );
}

type Fields = Record<string, Codec<any>>;
export type StructOf<F extends Fields> = { [K in keyof F]: Infer<F[K]> };

/** A struct: fields encoded in declaration order. */
export function struct<F extends Fields>(fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields);
  return prim(
    (w, v) => {
      for (const [k, c] of entries) c.enc(w, (v as Record<string, unknown>)[k]);
    },
    (r) => {
      const out: Record<string, unknown> = {};
      for (const [k, c] of entries) out[k] = c.dec(r);
      return out as StructOf<F>;
    },
  );
}

/** Map a codec's value (e.g. unwrap a one-field struct). */
export function map<A, B>(c: Codec<A>, to: (a: A) => B, from: (b: B) => A): Codec<B> {
  return prim((w, v) => c.enc(w, from(v)), (r) => to(c.dec(r)));
}

export function encode<T>(c: Codec<T>, v: T): Buffer {
  return encodeAfter(0, c, v);
}

/** Encode after `reserve` unfilled bytes (an RPC packet's length word and header go there: no copy of the body). */
export function encodeAfter<T>(reserve: number, c: Codec<T>, v: T): Buffer {
  const w = new XdrWriter(256, reserve);
  c.enc(w, v);
  return w.finish();
}

/** Decode a whole body; trailing bytes are an error. */
export function decode<T>(c: Codec<T>, buf: Buffer): T {
  const r = new XdrReader(buf);
  const v = c.dec(r);
  r.end();
  return v;
}
