// A Connection to libvirtd: dial, authenticate, open, keepalive, typed methods, typed events, close.
import { DisconnectedError, LibvirtError } from '../errors.ts';
import { RpcClient, REMOTE_PROGRAM, type KeepaliveOptions, type Packet } from '../rpc/index.ts';
import { dial, parseUri, type DialOptions } from '../transport/index.ts';
import { decode } from '../xdr/index.ts';
import {
  AuthType, Feature, call, eventMessages, procedures, type LibvirtEvents, type Logger, type ProcedureName,
} from '../protocol/index.ts';
import { applyMixins, Caller, type ArgsOf, type RetOf } from './base.ts';
import { ConnectMethods } from './connect-methods.ts';
import { DomainMethods } from './domain-methods.ts';
import { EventMethods } from './event-methods.ts';
import { IfaceMethods } from './iface-methods.ts';
import { HostMethods } from './host-methods.ts';
import { NetworkMethods } from './network-methods.ts';
import { StorageMethods } from './storage-methods.ts';
import { SecretMethods } from './secret-methods.ts';
import { StreamMethods } from './stream-methods.ts';
import { MigrateMethods } from './migrate-methods.ts';

export interface ConnectOptions extends DialOptions {
  /** Calls on the wire at once (default 32); calls that may block stay below `serverSlots`. */
  window?: number;
  /** libvirtd's max_client_requests (default 5). */
  serverSlots?: number;
  /** Keepalive timing, or false to never start it. Default: ping after 5 s idle, dead after 5 misses. */
  keepalive?: KeepaliveOptions | false;
  /** VIR_CONNECT_* flags for CONNECT_OPEN (1 = read-only). */
  flags?: number;
  /** Receives one debug line per call: {procedure, number, ms, ok}. */
  logger?: Logger;
}

/** Events a Connection emits: the libvirt events plus `close` (with the error when the connection was lost). */
export type ConnectionEvents = LibvirtEvents & { close: Error | undefined };

export class Connection extends Caller {
  readonly uri: string;
  private readonly client: RpcClient;
  private readonly logger: Logger | undefined;

  constructor(client: RpcClient, uri: string, logger?: Logger) {
    super();
    this.client = client;
    this.uri = uri;
    this.logger = logger;
    client.on('message', (p: Packet) => this.onMessage(p));
    client.once('close', (err?: Error) => this.emit('close', err));
  }

  protected get rpc(): RpcClient {
    return this.client;
  }

  protected invoke<N extends ProcedureName>(name: N, args: ArgsOf<N>): Promise<RetOf<N>> {
    return call(this.client, procedures[name] as any, args, this.logger) as Promise<RetOf<N>>;
  }

  get closed(): boolean {
    return this.client.closed;
  }

  /** Calls in flight/queued and the highest in-flight count seen (diagnostics and tests). */
  get stats() {
    return this.client.stats;
  }

  /** AUTH_LIST, then none/polkit; SASL is refused with a clear error. */
  async authenticate(): Promise<void> {
    const types = await this.invoke('authList', undefined);
    if (types.length === 0 || types.includes(AuthType.NONE)) return;
    if (types.includes(AuthType.POLKIT)) {
      if (!(await this.invoke('authPolkit', undefined))) throw new LibvirtError({ code: 45, domain: 7, level: 2, message: 'polkit authentication did not complete' });
      return;
    }
    throw new LibvirtError({
      code: 45, domain: 7, level: 2,
      message: 'SASL authentication is not supported by this client; configure libvirtd with auth_unix_rw="none" or "polkit", or use the unix socket as root',
    });
  }

  /** The handshake after dialing: authenticate, CONNECT_OPEN, then keepalive if libvirtd offers it. */
  async open(remoteName: string, flags = 0, keepalive: KeepaliveOptions | false = {}): Promise<void> {
    await this.authenticate();
    await this.invoke('connectOpen', { name: remoteName, flags });
    if (keepalive !== false && (await this.invoke('connectSupportsFeature', { feature: Feature.PROGRAM_KEEPALIVE }))) {
      this.client.startKeepalive();
    }
  }

  /** CONNECT_CLOSE (best effort, 2 s at most) then close the socket. Pending calls reject with DisconnectedError. */
  async close(): Promise<void> {
    if (this.client.closed) return;
    const closing = this.invoke('connectClose', undefined).catch(() => undefined);
    await Promise.race([closing, new Promise((r) => setTimeout(r, 2000).unref())]);
    this.client.close();
  }

  private onMessage(p: Packet): void {
    if (p.header.program !== REMOTE_PROGRAM) return;
    const entry = (eventMessages as Record<number, readonly [string, { dec: any }]>)[p.header.procedure];
    if (!entry) return;
    let payload: unknown;
    try {
      payload = decode(entry[1] as any, p.body);
    } catch (e) {
      this.emit('warning', new Error(`undecodable ${entry[0]} event: ${(e as Error).message}`));
      return;
    }
    this.emit(entry[0], payload);
  }
}

export interface Connection extends ConnectMethods, DomainMethods, NetworkMethods, StorageMethods, SecretMethods, StreamMethods, EventMethods, HostMethods, IfaceMethods, MigrateMethods {
  on<K extends keyof ConnectionEvents>(event: K, listener: (e: ConnectionEvents[K]) => void): this;
  on(event: 'warning', listener: (e: Error) => void): this;
  once<K extends keyof ConnectionEvents>(event: K, listener: (e: ConnectionEvents[K]) => void): this;
  off<K extends keyof ConnectionEvents>(event: K, listener: (e: ConnectionEvents[K]) => void): this;
}
applyMixins(Connection, [ConnectMethods, DomainMethods, NetworkMethods, StorageMethods, SecretMethods, StreamMethods, EventMethods, HostMethods, IfaceMethods, MigrateMethods]);

/** Open one connection: transport from the URI, then auth, CONNECT_OPEN and keepalive. */
export async function connect(uri: string, opts: ConnectOptions = {}): Promise<Connection> {
  const parsed = parseUri(uri);
  let socket;
  try {
    socket = await dial(parsed, opts);
  } catch (e) {
    throw new DisconnectedError(`cannot reach libvirtd for ${uri}: ${(e as Error).message}`, { cause: e });
  }
  const rpc = new RpcClient(socket, { window: opts.window, serverSlots: opts.serverSlots, keepalive: opts.keepalive || undefined });
  const conn = new Connection(rpc, uri, opts.logger);
  try {
    await conn.open(parsed.remoteName, opts.flags ?? 0, opts.keepalive ?? {});
  } catch (e) {
    rpc.close();
    throw e;
  }
  return conn;
}
