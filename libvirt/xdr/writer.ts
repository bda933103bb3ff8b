// XDR encoder: a growable big-endian buffer with RFC 4506 primitives (4-byte alignment).
export class XdrWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
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
    return this.opaque(Buffer.from(s, 'utf8'));
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
