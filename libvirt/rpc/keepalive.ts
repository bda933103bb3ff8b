// libvirt's keepalive program: answer the peer's pings, ping it when idle, declare it dead after `count` misses.
import { KEEPALIVE_PING, KEEPALIVE_PONG } from './packet.ts';

export interface KeepaliveOptions {
  /** Idle time before we ping, in ms (libvirt's default is 5 s). */
  intervalMs?: number;
  /** Unanswered pings before the peer is declared dead (libvirt's default is 5). */
  count?: number;
}

export class Keepalive {
  private timer: NodeJS.Timeout | undefined;
  private lastSeen = Date.now();
  private missed = 0;
  readonly intervalMs: number;
  readonly count: number;

  constructor(
    private readonly send: (procedure: number) => void,
    private readonly onDead: (idleMs: number) => void,
    opts: KeepaliveOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 5000;
    this.count = opts.count ?? 5;
  }

  start(): void {
    if (this.timer || this.intervalMs <= 0) return;
    this.lastSeen = Date.now();
    this.timer = setInterval(() => this.tick(), Math.max(10, Math.floor(this.intervalMs / 2)));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Any inbound packet proves the peer alive. */
  seen(): void {
    this.lastSeen = Date.now();
    this.missed = 0;
  }

  /** A keepalive-program message from the peer. */
  handle(procedure: number): void {
    this.seen();
    if (procedure === KEEPALIVE_PING) this.send(KEEPALIVE_PONG);
  }

  private tick(): void {
    const idle = Date.now() - this.lastSeen;
    if (idle < this.intervalMs * (this.missed + 1)) return;
    if (this.missed >= this.count) {
      this.stop();
      this.onDead(idle);
      return;
    }
    this.missed++;
    this.send(KEEPALIVE_PING);
  }
}
