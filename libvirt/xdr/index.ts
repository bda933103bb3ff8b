// The XDR codec layer: pure encode/decode, no I/O.
export { XdrWriter } from './writer.ts';
export { XdrReader, XdrError, STRING_MAX } from './reader.ts';
export * as x from './codec.ts';
export { encode, encodeAfter, decode, type Codec, type Infer } from './codec.ts';
