// A unix-socket proxy in front of libvirtd for fault injection: kill, freeze, refuse, rewrite replies, count packets in flight.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Framer, decodePacket, encodePacket, MessageType, Status } from '../../libvirt/rpc/index.ts';
import { DEFAULT_SOCKET } from '../../libvirt/index.ts';

export class SocketProxy {
  readonly path: string;
  private readonly dir: string;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  frozen = false;
  /** CALL packets forwarded minus REPLY packets returned, and its maximum. */
  inFlight = 0;
  maxInFlight = 0;
  connections = 0;
  /** A fault to inject into successful replies: a new body for a procedure's reply, or undefined to pass it on. */
  rewriteReply?: (procedure: number, body: Buffer) => Buffer | undefined;

  constructor(private readonly target = DEFAULT_SOCKET) {
    this.dir = mkdtempSync(join(tmpdir(), 'kimchi-proxy-'));
    this.path = join(this.dir, 'sock');
  }

  listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
  }

  /** Refuse new connections (the socket file goes away, so connects fail). */
  async stopListening(): Promise<void> {
    // server.close() stops accepting at once; its callback would wait for live connections, so don't.
    this.server?.close();
    this.server = null;
  }

  /** Destroy every proxied connection, both sides. */
  killAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.killAll();
    await this.stopListening();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private accept(client: Socket): void {
    this.connections++;
    const upstream = createConnection({ path: this.target });
    this.sockets.add(client).add(upstream);
    const up = new Framer(), down = new Framer();
    client.on('data', (d: Buffer) => {
      if (this.frozen) return;
      for (const p of up.push(d)) if (decodePacket(p).header.type === MessageType.CALL) this.track(+1);
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (this.frozen) return;
      const packets = down.push(d);
      for (const p of packets) if (decodePacket(p).header.type === MessageType.REPLY) this.track(-1);
      if (!this.rewriteReply) client.write(d);
      else for (const p of packets) client.write(this.rewritten(p)); // whole packets only: the framer keeps a partial one
    });
    const end = () => { client.destroy(); upstream.destroy(); this.sockets.delete(client); this.sockets.delete(upstream); };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }

  private rewritten(packet: Buffer): Buffer {
    const { header, body } = decodePacket(packet);
    if (header.type !== MessageType.REPLY || header.status !== Status.OK) return packet;
    const next = this.rewriteReply?.(header.procedure, body);
    return next ? encodePacket(header, next) : packet;
  }

  private track(n: number): void {
    this.inFlight += n;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
  }
}
