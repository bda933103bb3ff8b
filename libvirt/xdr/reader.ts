// XDR decoder over one buffer: every read is bounds-checked and hostile lengths raise XdrError.
export class XdrError extends Error {
  override name = 'XdrError';
}

/** Default cap for strings/opaques (libvirt's VIR_NET_MESSAGE_STRING_MAX). */
export const STRING_MAX = 4194304;

export class XdrReader {
  private pos = 0;

  constructor(private readonly buf: Buffer, private readonly maxString = STRING_MAX) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (n > this.buf.length - this.pos) {
      throw new XdrError(`truncated XDR: ${what} needs ${n} bytes at offset ${this.pos}, ${this.remaining} left`);
    }
  }

  int(): number {
    this.need(4, 'int');
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint(): number {
    this.need(4, 'unsigned int');
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  hyper(): bigint {
    this.need(8, 'hyper');
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  uhyper(): bigint {
    this.need(8, 'unsigned hyper');
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  /** An unsigned hyper that must fit a JS number exactly (sizes in KiB/bytes, versions). */
  uhyperNumber(): number {
    const v = this.uhyper();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new XdrError(`unsigned hyper ${v} exceeds 2^53; decode it as BigInt`);
    return Number(v);
  }

  double(): number {
    this.need(8, 'double');
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  bool(): boolean {
    return this.int() !== 0;
  }

  fixedOpaque(size: number): Buffer {
    const padded = (size + 3) & ~3;
    this.need(padded, `opaque[${size}]`);
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + size));
    this.pos += padded;
    return out;
  }

  opaque(max = this.maxString): Buffer {
    const len = this.uint();
    if (len > max) throw new XdrError(`XDR opaque length ${len} exceeds limit ${max}`);
    if (len > this.remaining) throw new XdrError(`XDR opaque length ${len} runs past the buffer (${this.remaining} left)`);
    return this.fixedOpaque(len);
  }

  string(max = this.maxString): string {
    const len = this.uint();
    if (len > max) throw new XdrError(`XDR string length ${len} exceeds limit ${max}`);
    if (len > this.remaining) throw new XdrError(`XDR string length ${len} runs past the buffer (${this.remaining} left)`);
    const padded = (len + 3) & ~3;
    this.need(padded, `string<${len}>`);
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += padded;
    return s;
  }

  /** Array length word checked against a limit and against the bytes left (each element takes >= 4). */
  arrayLength(max: number): number {
    const n = this.uint();
    if (n > max) throw new XdrError(`XDR array length ${n} exceeds limit ${max}`);
    if (n * 4 > this.remaining) throw new XdrError(`XDR array length ${n} runs past the buffer (${this.remaining} bytes left)`);
    return n;
  }

  /** Throws unless every byte was consumed (catches layout mistakes early). */
  end(): void {
    if (this.pos !== this.buf.length) throw new XdrError(`${this.buf.length - this.pos} trailing bytes after XDR body`);
  }
}
