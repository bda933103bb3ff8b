// Reassembles a byte stream into whole packets: handles packets split across reads and coalesced in one.
import { ProtocolError } from '../errors.ts';
import { HEADER_SIZE, LEN_SIZE, MESSAGE_MAX } from './packet.ts';

export class Framer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private need = 0;

  /** Feed bytes; returns every complete packet (length word included). Throws ProtocolError on a bad length. */
  push(data: Buffer): Buffer[] {
    const out: Buffer[] = [];
    // Fast path: nothing buffered, walk the chunk in place.
    let buf: Buffer;
    if (this.buffered === 0) buf = data;
    else if (this.need > 0 && this.buffered + data.length < this.need) {
      // Still short of the packet whose length we know: just hold on to the chunk (no quadratic copying).
      this.chunks.push(data);
      this.buffered += data.length;
      return out;
    }
    else {
      this.chunks.push(data);
      buf = Buffer.concat(this.chunks, this.buffered + data.length);
      this.chunks = [];
      this.buffered = 0;
    }
    let off = 0;
    this.need = 0;
    while (buf.length - off >= LEN_SIZE) {
      const len = buf.readUInt32BE(off);
      if (len < LEN_SIZE + HEADER_SIZE) throw new ProtocolError(`packet length ${len} is shorter than a header`);
      if (len > MESSAGE_MAX + LEN_SIZE) throw new ProtocolError(`packet length ${len} exceeds libvirt's maximum ${MESSAGE_MAX}`);
      if (buf.length - off < len) { this.need = len; break; }
      out.push(buf.subarray(off, off + len));
      off += len;
    }
    if (off < buf.length) {
      const rest = buf.subarray(off);
      this.chunks.push(rest);
      this.buffered = rest.length;
    }
    return out;
  }

  /** Bytes held back waiting for the rest of a packet. */
  get pending(): number {
    return this.buffered;
  }
}
