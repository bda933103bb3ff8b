// One RPC conversation over a socket: serial-matched calls, a bounded in-flight window, stream and event routing.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { DisconnectedError } from '../errors.ts';
import { attachReader } from '../transport/dialer.ts';
import { decodeRemoteError } from './error-body.ts';
import { CallTable } from './call-table.ts';
import { EventQueue } from './event-queue.ts';
import { Framer } from './framer.ts';
import { Keepalive, type KeepaliveOptions } from './keepalive.ts';
import {
  decodePacket, encodePacket, fillHeader, KEEPALIVE_PROGRAM, KEEPALIVE_VERSION, MessageType, REMOTE_PROGRAM, Status, type Packet,
} from './packet.ts';

export interface RpcOptions {
  /** Calls on the wire at once (default 32); the rest wait in a queue. */
  window?: number;
  /** libvirtd's max_client_requests (default 5): calls that may block are kept one below it. */
  serverSlots?: number;
  keepalive?: KeepaliveOptions;
}

/** Receives the STREAM packets that follow a stream procedure's call. */
export interface StreamSink {
  data(chunk: Buffer): void;
  /** The peer sent status OK: end of data, or confirmation of our finish. */
  end(): void;
  error(err: Error): void;
}

export class RpcClient extends EventEmitter {
  private readonly calls: CallTable;
  private readonly streams = new Map<number, StreamSink>();
  private readonly framer = new Framer();
  private readonly events: EventQueue;
  private readonly keepalive: Keepalive;
  private outgoing: Buffer[] = [];
  /** A packet went out this tick: later ones wait in `outgoing` for flush(). */
  private batching = false;
  private outgoingBytes = 0;
  private closedWith: Error | null = null;

  constructor(private readonly socket: Duplex, opts: RpcOptions = {}) {
    super();
    this.calls = new CallTable(Math.max(1, opts.window ?? 32), opts.serverSlots ?? 5, (packet) => this.writePacket(packet));
    this.events = new EventQueue((p) => this.emit('message', p));
    this.keepalive = new Keepalive(
      (proc) => this.writePacket(encodePacket({
        program: KEEPALIVE_PROGRAM, version: KEEPALIVE_VERSION, procedure: proc,
        type: MessageType.MESSAGE, serial: 0, status: Status.OK,
      })),
      (idle) => this.fail(new DisconnectedError(`libvirtd stopped answering keepalive pings (silent for ${idle} ms)`)),
      opts.keepalive,
    );
    if (!attachReader(socket, (d) => this.onData(d, true))) socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', (e) => this.fail(new DisconnectedError(`connection to libvirtd failed: ${e.message}`, { cause: e })));
    socket.on('close', () => this.fail(new DisconnectedError('connection to libvirtd was closed by the peer')));
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Calls in flight and queued, and the most ever in flight at once. */
  get stats() {
    return this.calls.stats;
  }

  startKeepalive(): void {
    if (!this.closed) this.keepalive.start();
  }

  /**
   * Send a CALL whose body is already encoded after 28 unfilled bytes (encodeAfter: the header is written in place,
   * the body never copied) and resolve with the REPLY body; an error reply rejects with LibvirtError.
   * `quick`: a read that never blocks in libvirtd, allowed past the slots kept for calls that may block.
   */
  callPacket(procedure: number, packet: Buffer, quick = false, program = REMOTE_PROGRAM, version = 1): Promise<Buffer> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const serial = this.calls.allocSerial();
    fillHeader({ program, version, procedure, type: MessageType.CALL, serial, status: Status.OK }, packet);
    return new Promise<Buffer>((resolve, reject) => this.calls.submit({ serial, packet, quick, resolve, reject }));
  }

  /** Like callPacket(), but STREAM packets with the same serial go to `sink` until it ends or fails. */
  callStream(procedure: number, packet: Buffer, sink: StreamSink): { serial: number; reply: Promise<Buffer> } {
    const serial = this.calls.peekSerial();
    this.streams.set(serial, sink);
    const reply = this.callPacket(procedure, packet);
    reply.catch(() => this.streams.delete(serial));
    return { serial, reply };
  }

  /** Send one STREAM packet (data with CONTINUE, finish with OK, abort with ERROR). Returns false when the socket is full. */
  streamSend(serial: number, procedure: number, status: Status, data?: Uint8Array): boolean {
    if (this.closedWith) throw this.closedWith;
    return this.writePacket(encodePacket(
      { program: REMOTE_PROGRAM, version: 1, procedure, type: MessageType.STREAM, serial, status }, data,
    ));
  }

  streamClose(serial: number): void {
    this.streams.delete(serial);
  }

  /** Resolves when the socket can take more data (or rejects when the connection is lost). */
  drained(): Promise<void> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (!this.socket.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => { this.off('close', lost); resolve(); };
      const lost = () => { this.socket.off('drain', done); reject(this.closedWith); };
      this.socket.once('drain', done);
      this.once('close', lost);
    });
  }

  pauseReading(): void { this.socket.pause(); }
  resumeReading(): void { this.socket.resume(); }

  /** Close the socket; pending calls reject with DisconnectedError, `close` fires without an error. */
  close(): void {
    this.fail(new DisconnectedError('connection to libvirtd was closed by this client'), true);
  }

  private writePacket(buf: Buffer): boolean {
    if (this.closedWith) return false;
    if (buf.length >= 16384) {
      // Stream data: no copy into a batch, and the caller sees the socket's own back-pressure.
      this.flush();
      return this.socket.write(buf);
    }
    // The first small packet of a tick goes out at once (a lone call waits for nothing); the ones that follow in
    // the same tick are gathered and go out together in one write.
    if (!this.batching) {
      this.batching = true;
      process.nextTick(this.flush);
      return this.socket.write(buf);
    }
    this.outgoing.push(buf);
    this.outgoingBytes += buf.length;
    return !this.socket.writableNeedDrain;
  }

  private readonly flush = (): void => {
    this.batching = false;
    const list = this.outgoing;
    if (list.length === 0 || this.closedWith) return;
    const data = list.length === 1 ? list[0]! : Buffer.concat(list, this.outgoingBytes);
    this.outgoing = [];
    this.outgoingBytes = 0;
    this.socket.write(data);
  };

  private onData(data: Buffer, transient = false): void {
    this.keepalive.seen();
    let packets: Buffer[];
    try {
      packets = this.framer.push(data, transient);
      for (const raw of packets) this.dispatch(decodePacket(raw));
    } catch (e) {
      this.fail(new DisconnectedError(`protocol error from libvirtd: ${(e as Error).message}`, { cause: e }));
    }
  }

  private dispatch(p: Packet): void {
    const h = p.header;
    if (h.program === KEEPALIVE_PROGRAM) {
      if (h.type === MessageType.MESSAGE) this.keepalive.handle(h.procedure);
      return;
    }
    if (h.program !== REMOTE_PROGRAM) return;
    switch (h.type) {
      case MessageType.REPLY:
        this.calls.settle(h.serial, h.status === Status.OK ? { body: p.body } : { error: decodeRemoteError(p.body) });
        return;
      case MessageType.STREAM: {
        const sink = this.streams.get(h.serial);
        if (!sink) return;
        if (h.status === Status.CONTINUE) sink.data(p.body);
        else if (h.status === Status.OK) sink.end();
        else { this.streams.delete(h.serial); sink.error(decodeRemoteError(p.body)); }
        return;
      }
      case MessageType.MESSAGE:
        this.events.push(p);
        return;
    }
  }

  private fail(err: Error, byUs = false): void {
    if (this.closedWith) return;
    this.closedWith = err;
    this.keepalive.stop();
    this.calls.failAll(err);
    for (const s of this.streams.values()) s.error(err);
    this.streams.clear();
    this.socket.destroy();
    this.emit('close', byUs ? undefined : err);
  }
}
