// LibvirtClient: keeps one Connection alive, reconnects with backoff and re-registers events after each reconnect.
import { EventEmitter } from 'node:events';
import { DisconnectedError } from '../errors.ts';
import { eventMessages, type LibvirtEvents } from '../protocol/index.ts';
import { connect, type Connection, type ConnectOptions } from './connection.ts';

export interface LibvirtClientOptions extends ConnectOptions {
  uri: string;
  /** Reconnect delays: initialMs * factor^attempt, capped at maxMs, ±20% jitter. */
  backoff?: { initialMs?: number; maxMs?: number; factor?: number };
  /** Register for domain/network/pool events on every (re)connect (default true). */
  events?: boolean;
}

export interface LibvirtClientEvents extends LibvirtEvents {
  connected: Connection;
  disconnected: Error;
  /** A reconnect attempt failed; the next one is scheduled after `delayMs`. */
  retry: { attempt: number; delayMs: number; error: Error };
}

const EVENT_NAMES = Object.values(eventMessages).map(([name]) => name);

export class LibvirtClient extends EventEmitter {
  private conn: Connection | null = null;
  private pending: Promise<Connection> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private stopped = false;

  constructor(readonly options: LibvirtClientOptions) {
    super();
  }

  get connected(): boolean {
    return this.conn !== null && !this.conn.closed;
  }

  /** The live connection; throws DisconnectedError while libvirtd is unreachable. */
  get connection(): Connection {
    if (!this.conn || this.conn.closed) throw new DisconnectedError(`not connected to libvirtd at ${this.options.uri}`);
    return this.conn;
  }

  /** Connect now. On failure rejects, and keeps retrying in the background until close(). */
  open(): Promise<Connection> {
    this.stopped = false;
    if (this.connected) return Promise.resolve(this.conn!);
    clearTimeout(this.timer);
    return this.attemptNow().catch((e) => {
      this.scheduleRetry(e as Error);
      throw e;
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const c = this.conn;
    this.conn = null;
    if (c) await c.close();
  }

  private attemptNow(): Promise<Connection> {
    if (!this.pending) {
      this.pending = this.establish().finally(() => { this.pending = null; });
    }
    return this.pending;
  }

  private async establish(): Promise<Connection> {
    const c = await connect(this.options.uri, this.options);
    if (this.stopped) {
      await c.close();
      throw new DisconnectedError('LibvirtClient was closed while connecting');
    }
    for (const name of EVENT_NAMES) c.on(name as keyof LibvirtEvents, (e: unknown) => this.emit(name, e));
    c.once('close', (err) => this.lost(c, err));
    if (this.options.events !== false) {
      try {
        await c.subscribeEvents();
      } catch (e) {
        await c.close();
        throw e;
      }
    }
    this.conn = c;
    this.attempt = 0;
    this.emit('connected', c);
    return c;
  }

  private lost(c: Connection, err: Error | undefined): void {
    if (this.conn !== c) return;
    this.conn = null;
    if (this.stopped) return;
    this.emit('disconnected', err ?? new DisconnectedError('connection to libvirtd was closed'));
    this.scheduleRetry(err);
  }

  private scheduleRetry(error?: Error): void {
    if (this.stopped) return;
    const { initialMs = 250, maxMs = 10_000, factor = 2 } = this.options.backoff ?? {};
    const base = Math.min(maxMs, initialMs * factor ** this.attempt);
    const delayMs = Math.round(base * (0.8 + Math.random() * 0.4));
    this.attempt++;
    if (error && this.attempt > 1) this.emit('retry', { attempt: this.attempt - 1, delayMs, error });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.attemptNow().catch((e) => this.scheduleRetry(e as Error));
    }, delayMs);
    this.timer.unref();
  }
}

export interface LibvirtClient {
  on<K extends keyof LibvirtClientEvents>(event: K, listener: (e: LibvirtClientEvents[K]) => void): this;
  once<K extends keyof LibvirtClientEvents>(event: K, listener: (e: LibvirtClientEvents[K]) => void): this;
  off<K extends keyof LibvirtClientEvents>(event: K, listener: (e: LibvirtClientEvents[K]) => void): this;
}
