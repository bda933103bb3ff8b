// Reassembles a byte stream into whole packets: handles packets split across reads and coalesced in one.
import { ProtocolError } from '../errors.ts';
import { HEADER_SIZE, LEN_SIZE, MESSAGE_MAX } from './packet.ts';

export class Framer {
  /** A length word split across reads. */
  private readonly head = Buffer.alloc(LEN_SIZE);
  private headLen = 0;
  /** The packet being assembled, allocated at its announced size once its length word is known. */
  private packet: Buffer | null = null;
  private filled = 0;

  /**
   * Feed bytes; returns every complete packet (length word included). Throws ProtocolError on a bad length.
   * `transient`: `data` is a reused read buffer, so a packet returned from it is a copy.
   */
  push(data: Buffer, transient = false): Buffer[] {
    const out: Buffer[] = [];
    let off = 0;
    while (off < data.length) {
      if (this.packet) {
        // Continue the packet in progress: each byte is copied once, however many reads it spans.
        const n = Math.min(this.packet.length - this.filled, data.length - off);
        data.copy(this.packet, this.filled, off, off + n);
        this.filled += n;
        off += n;
        if (this.filled === this.packet.length) {
          out.push(this.packet);
          this.packet = null;
        }
        continue;
      }
      if (this.headLen > 0 || data.length - off < LEN_SIZE) {
        while (this.headLen < LEN_SIZE && off < data.length) this.head[this.headLen++] = data[off++]!;
        if (this.headLen < LEN_SIZE) break;
        this.headLen = 0;
        this.begin(checkLength(this.head.readUInt32BE(0)));
        this.head.copy(this.packet!, 0);
        this.filled = LEN_SIZE;
        continue;
      }
      const len = checkLength(data.readUInt32BE(off));
      if (data.length - off >= len) {
        // The common case: a whole packet inside this read, returned as a view unless the buffer is reused.
        const view = data.subarray(off, off + len);
        out.push(transient ? Buffer.from(view) : view);
        off += len;
      } else {
        this.begin(len);
        this.filled = data.copy(this.packet!, 0, off);
        off = data.length;
      }
    }
    return out;
  }

  /** Bytes held back waiting for the rest of a packet. */
  get pending(): number {
    return this.packet ? this.filled : this.headLen;
  }

  private begin(len: number): void {
    this.packet = Buffer.allocUnsafe(len);
    this.filled = 0;
  }
}

function checkLength(len: number): number {
  if (len < LEN_SIZE + HEADER_SIZE) throw new ProtocolError(`packet length ${len} is shorter than a header`);
  if (len > MESSAGE_MAX + LEN_SIZE) throw new ProtocolError(`packet length ${len} exceeds libvirt's maximum ${MESSAGE_MAX}`);
  return len;
}
