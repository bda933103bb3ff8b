// A libvirt stream as a Node Duplex: STREAM packets in and out, finish/abort handshakes, back-pressure both ways.
import { Duplex, type DuplexOptions } from 'node:stream';
import { DisconnectedError } from '../errors.ts';
import { Status, STREAM_CHUNK, type RpcClient, type StreamSink } from '../rpc/index.ts';

export interface StreamMode {
  readable: boolean;
  writable: boolean;
}

/**
 * Reading: data from libvirtd is pushed; when the consumer lags the socket is paused (this stalls the
 * whole connection, so give bulk transfers their own Connection). Writing: data goes out in chunks and
 * waits for the socket to drain. `end()` sends libvirt's finish and completes once libvirtd confirms it.
 */
export class LibvirtStream extends Duplex {
  serial = -1;
  private finishing: { resolve(): void; reject(e: Error): void } | null = null;
  private done = false;
  private readPaused = false;

  constructor(private readonly rpc: RpcClient, private readonly procedure: number, private readonly mode: StreamMode) {
    // `readable`/`writable` are Duplex options Node honours but @types/node 20 does not list.
    const options: DuplexOptions & StreamMode = {
      allowHalfOpen: true, readable: mode.readable, writable: mode.writable,
      readableHighWaterMark: 1 << 20, writableHighWaterMark: 1 << 20,
    };
    super(options);
  }

  readonly sink: StreamSink = {
    data: (chunk) => {
      // libvirtd marks the end of data with an empty CONTINUE packet.
      if (chunk.length === 0) return this.eof();
      if (this.destroyed || !this.mode.readable) return;
      if (!this.push(chunk) && !this.readPaused) {
        this.readPaused = true;
        this.rpc.pauseReading();
      }
    },
    end: () => {
      if (this.finishing) {
        // libvirtd confirmed our finish.
        const f = this.finishing;
        this.finishing = null;
        this.close();
        f.resolve();
        return;
      }
      this.eof();
    },
    error: (err) => {
      const f = this.finishing;
      this.finishing = null;
      this.close();
      if (f) f.reject(err);
      else this.destroy(err);
    },
  };

  /** End of data from libvirtd: end the readable side and confirm with our own finish. */
  private eof(): void {
    if (this.done || this.destroyed) return;
    if (this.mode.readable) this.push(null);
    this.finish().catch((e) => this.destroy(e));
  }

  /** Send libvirt's finish (STREAM/OK) and wait for libvirtd's confirmation. */
  private finish(): Promise<void> {
    if (this.done) return Promise.resolve();
    if (this.finishing) return new Promise((resolve, reject) => {
      const prev = this.finishing!;
      this.finishing = { resolve: () => { prev.resolve(); resolve(); }, reject: (e) => { prev.reject(e); reject(e); } };
    });
    return new Promise((resolve, reject) => {
      this.finishing = { resolve, reject };
      try {
        this.rpc.streamSend(this.serial, this.procedure, Status.OK);
      } catch (e) {
        this.finishing = null;
        reject(e as Error);
      }
    });
  }

  private close(): void {
    this.done = true;
    this.rpc.streamClose(this.serial);
    this.resumeSocket();
  }

  private resumeSocket(): void {
    if (this.readPaused) {
      this.readPaused = false;
      this.rpc.resumeReading();
    }
  }

  override _read(): void {
    this.resumeSocket();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (!this.mode.writable) return cb(new Error('this libvirt stream is read-only'));
    if (this.done) return cb(new DisconnectedError('libvirt stream already finished'));
    try {
      let full = false;
      for (let off = 0; off < chunk.length; off += STREAM_CHUNK) {
        full = !this.rpc.streamSend(this.serial, this.procedure, Status.CONTINUE, chunk.subarray(off, off + STREAM_CHUNK));
      }
      if (full) this.rpc.drained().then(() => cb(), cb);
      else cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.finish().then(() => {
      if (this.mode.readable) this.push(null);
      cb();
    }, cb);
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    if (!this.done && this.serial >= 0 && !this.rpc.closed) {
      // Abort: STREAM/ERROR with an empty body; libvirtd's answer is ignored.
      try { this.rpc.streamSend(this.serial, this.procedure, Status.ERROR); } catch { /* connection gone */ }
    }
    if (this.finishing) { this.finishing.reject(err ?? new Error('libvirt stream destroyed')); this.finishing = null; }
    this.close();
    cb(err);
  }
}
