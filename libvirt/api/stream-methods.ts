// Stream-returning methods: screenshot and volume download (Readable), volume upload (Writable), console (Duplex).
import type { Duplex, Readable, Writable } from 'node:stream';
import { encodeAfter } from '../xdr/index.ts';
import { HEADER_SIZE, LEN_SIZE } from '../rpc/index.ts';
import { procedures, type Domain, type StorageVol, type Procedure } from '../protocol/index.ts';
import { decode } from '../xdr/index.ts';
import { Caller } from './base.ts';
import { LibvirtStream, type StreamMode } from './streams.ts';

export abstract class StreamMethods extends Caller {
  /** Start a stream procedure; the stream exists before the call so no early packet is lost. */
  protected async openStream<A, R>(p: Procedure<A, R>, args: A, mode: StreamMode): Promise<{ ret: R; stream: LibvirtStream }> {
    const stream = new LibvirtStream(this.rpc, p.number, mode);
    const { serial, reply } = this.rpc.callStream(p.number, encodeAfter(LEN_SIZE + HEADER_SIZE, p.args, args), stream.sink);
    stream.serial = serial;
    try {
      return { ret: decode(p.ret, await reply), stream };
    } catch (e) {
      stream.destroy();
      throw e;
    }
  }

  /** The screen as an image stream (PNG or PPM, see `mime`). */
  async domainScreenshot(dom: Domain, screen = 0, flags = 0): Promise<{ mime: string | null; stream: Readable }> {
    const { ret, stream } = await this.openStream(procedures.domainScreenshot, { dom, screen, flags }, { readable: true, writable: false });
    return { mime: ret, stream };
  }

  /** A bidirectional stream on the guest's console (devName null = the first console). */
  async domainOpenConsole(dom: Domain, devName: string | null = null, flags = 0): Promise<Duplex> {
    return (await this.openStream(procedures.domainOpenConsole, { dom, dev_name: devName, flags }, { readable: true, writable: true })).stream;
  }

  /** Read a volume's bytes (length 0 = to the end). */
  async storageVolDownload(vol: StorageVol, offset = 0, length = 0, flags = 0): Promise<Readable> {
    return (await this.openStream(procedures.storageVolDownload,
      { vol, offset: BigInt(offset), length: BigInt(length), flags }, { readable: true, writable: false })).stream;
  }

  /** Write a volume's bytes; the Writable finishes only after libvirtd confirms the upload. */
  async storageVolUpload(vol: StorageVol, offset = 0, length = 0, flags = 0): Promise<Writable> {
    return (await this.openStream(procedures.storageVolUpload,
      { vol, offset: BigInt(offset), length: BigInt(length), flags }, { readable: false, writable: true })).stream;
  }
}
