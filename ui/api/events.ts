// The live event stream (/api/events, server-sent events) as typed callbacks, one shared connection.
import type { ServerConfig } from '../../handlers/config/schemas.ts';
import type { Task } from '../../handlers/tasks/schemas.ts';
import { loggedIn } from '../auth/session.ts';
import { locale } from '../common/i18n/index.ts';
import { apiUrl } from './base.ts';
import type { HostStats } from './host.ts';
import type { Host } from './hosts.ts';
import type { Vm } from './vms.ts';

/** A libvirt lifecycle event: `event` is started, stopped, suspended, resumed, defined, undefined… */
export interface VmEvent {
  name: string;
  uuid: string;
  event: string;
  /** The host the guest lives on (absent from a server without many hosts: then it is `local`). */
  host?: string;
  /** The VM after the change, as GET /api/vms/:name shows it (absent once it is undefined). */
  vm?: Vm;
  [more: string]: unknown;
}

/** A network or storage pool lifecycle event: `event` is defined, undefined, started, stopped… */
export interface LifecycleEvent {
  name: string;
  event: string;
  host?: string;
}

/** A managed host after a change (GET /api/hosts' shape), or the name of one that was removed. */
export type HostChange = Host | { name: string; removed: true };

export interface EventHandlers {
  /** `config` event: the server's state changed (or is announced on connect). */
  config?: (config: ServerConfig) => void;
  /** `task` event: a Task started, progressed or ended. */
  task?: (task: Task) => void;
  /** `vm` event: a domain changed in libvirt (by us or anyone else). */
  vm?: (event: VmEvent) => void;
  /** `network` event: a virtual network was defined, started, stopped or removed (by us or anyone else). */
  network?: (event: LifecycleEvent) => void;
  /** `pool` event: a storage pool was defined, started, stopped or removed. */
  pool?: (event: LifecycleEvent) => void;
  /** `host` event: a host stats sample (CPU, memory, disk and network rates). */
  host?: (sample: HostStats) => void;
  /** `host` event naming a managed host: it was added, changed or its state changed; or `removed`. */
  hosts?: (change: HostChange) => void;
  /** The stream is (re)connected; a good moment to re-read state that may have been missed. */
  open?: () => void;
  /** The stream dropped; the browser reconnects by itself (or we do, while logged in, when it gave up). */
  lost?: () => void;
}

function parse<T>(data: string): T | undefined {
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}

const subscribers = new Set<EventHandlers>();
let source: EventSource | undefined;

function each(call: (handlers: EventHandlers) => void): void {
  for (const handlers of [...subscribers]) call(handlers);
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryMs = 1000;

/**
 * The browser reconnects by itself after a dropped connection, but gives up for good on an HTTP error such as
 * 401 (a lost session). Then we reconnect ourselves, with backoff, only while logged in: a 401 elsewhere has
 * already sent the app to the login page, which ends every subscription.
 */
function reconnectLater(): void {
  if (retryTimer !== undefined) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    if (subscribers.size === 0 || source?.readyState !== EventSource.CLOSED) return;
    if (!loggedIn()) return reconnectLater();
    source = connect();
  }, retryMs);
  retryMs = Math.min(retryMs * 2, 30_000);
}

function on<T>(es: EventSource, type: string, valid: (value: T) => boolean, call: (handlers: EventHandlers, value: T) => void): void {
  es.addEventListener(type, (event) => {
    const value = parse<T>((event as MessageEvent<string>).data);
    if (value !== undefined && value !== null && valid(value)) each((h) => call(h, value));
  });
}

function connect(): EventSource {
  const es = new EventSource(apiUrl(`/events?lang=${encodeURIComponent(locale)}`));
  es.addEventListener('open', () => {
    retryMs = 1000;
    each((h) => h.open?.());
  });
  es.addEventListener('error', () => {
    each((h) => h.lost?.());
    if (es.readyState === EventSource.CLOSED && source === es) reconnectLater();
  });
  on<ServerConfig>(es, 'config', (c) => c.state === 'ok' || c.state === 'error', (h, c) => h.config?.(c));
  on<Task>(es, 'task', (t) => typeof t.id === 'string', (h, t) => h.task?.(t));
  on<VmEvent>(es, 'vm', (v) => typeof v.name === 'string', (h, v) => h.vm?.(v));
  on<LifecycleEvent>(es, 'network', (n) => typeof n.name === 'string', (h, n) => h.network?.(n));
  on<LifecycleEvent>(es, 'pool', (p) => typeof p.name === 'string', (h, p) => h.pool?.(p));
  // One event type, two payloads: a stats sample has a timestamp, a managed host's change has its name.
  on<HostStats>(es, 'host', (s) => typeof s.timestamp === 'number', (h, s) => h.host?.(s));
  on<HostChange>(es, 'host', (c) => typeof (c as { name?: unknown }).name === 'string', (h, c) => h.hosts?.(c));
  return es;
}

/**
 * Subscribe to /api/events. Every subscriber shares one EventSource, opened with the first and closed
 * with the last. EventSource cannot set headers, so the UI's locale travels as `?lang=`.
 * Returns the function that ends this subscription.
 */
export function subscribeEvents(handlers: EventHandlers): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  subscribers.add(handlers);
  source ??= connect();
  return () => {
    subscribers.delete(handlers);
    if (subscribers.size === 0) {
      source?.close();
      source = undefined;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      retryMs = 1000;
    }
  };
}
