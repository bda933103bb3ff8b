// XDR encoder: a growable big-endian buffer with RFC 4506 primitives (4-byte alignment).

/** Hex digit values by char code; -1 elsewhere. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) { HEX[65 + i] = 10 + i; HEX[97 + i] = 10 + i; }
export class XdrWriter {
  private buf: Buffer;
  private pos = 0;

  /** `reserve`: bytes left at the front for a caller to fill later (an RPC packet's length word and header). */
  constructor(initial = 256, reserve = 0) {
    this.buf = Buffer.allocUnsafe(Math.max(initial, reserve));
    this.pos = reserve;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  get length(): number {
    return this.pos;
  }

  int(v: number): this {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new RangeError(`XDR int out of range: ${v}`);
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  uint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`XDR unsigned int out of range: ${v}`);
    this.ensure(4);
    this.buf.writeUInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  hyper(v: bigint | number): this {
    this.ensure(8);
    this.buf.writeBigInt64BE(BigInt(v), this.pos);
    this.pos += 8;
    return this;
  }

  uhyper(v: bigint | number): this {
    this.ensure(8);
    this.buf.writeBigUInt64BE(BigInt(v), this.pos);
    this.pos += 8;
    return this;
  }

  double(v: number): this {
    this.ensure(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
    return this;
  }

  bool(v: boolean): this {
    return this.int(v ? 1 : 0);
  }

  /** Fixed-length opaque (e.g. a 16-byte UUID): no length word, padded to 4. */
  fixedOpaque(data: Uint8Array, size: number): this {
    if (data.length !== size) throw new RangeError(`XDR fixed opaque needs ${size} bytes, got ${data.length}`);
    return this.raw(data);
  }

  /** Variable-length opaque: length word, bytes, padding. */
  opaque(data: Uint8Array): this {
    this.uint(data.length);
    return this.raw(data);
  }

  string(s: string): this {
    // Room for the worst case (3 bytes per UTF-16 unit), then encode in place: no intermediate Buffer.
    this.ensure(4 + s.length * 3 + 3);
    const len = this.buf.write(s, this.pos + 4, 'utf8');
    this.buf.writeUInt32BE(len, this.pos);
    const padded = (len + 3) & ~3;
    this.buf.fill(0, this.pos + 4 + len, this.pos + 4 + padded);
    this.pos += 4 + padded;
    return this;
  }

  /** A remote_uuid from its text form (dashes optional), parsed straight into the buffer. */
  uuid(s: string): this {
    this.ensure(16);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 45) continue; // '-'
      const v = HEX[c] ?? -1;
      if (v < 0 || n === 32) { n = -1; break; }
      if (n & 1) this.buf[this.pos + (n >> 1)] |= v;
      else this.buf[this.pos + (n >> 1)] = v << 4;
      n++;
    }
    if (n !== 32) throw new RangeError(`not a UUID: ${s}`);
    this.pos += 16;
    return this;
  }

  private raw(data: Uint8Array): this {
    const padded = (data.length + 3) & ~3;
    this.ensure(padded);
    this.buf.set(data, this.pos);
    this.buf.fill(0, this.pos + data.length, this.pos + padded);
    this.pos += padded;
    return this;
  }

  /** The encoded bytes (a view: copy it if the writer is reused). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
