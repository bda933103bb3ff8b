// The live event stream (/api/events, server-sent events) as typed callbacks, one shared connection.
import type { ServerConfig } from '../../handlers/config/schemas.ts';
import type { Task } from '../../handlers/tasks/schemas.ts';
import { locale } from '../common/i18n/index.ts';

/** A libvirt lifecycle event: `event` is started, stopped, suspended, resumed, defined, undefined… */
export interface VmEvent {
  name: string;
  uuid: string;
  event: string;
  [more: string]: unknown;
}

export interface EventHandlers {
  /** `config` event: the server's state changed (or is announced on connect). */
  config?: (config: ServerConfig) => void;
  /** `task` event: a Task started, progressed or ended. */
  task?: (task: Task) => void;
  /** `vm` event: a domain changed in libvirt (by us or anyone else). */
  vm?: (event: VmEvent) => void;
  /** The stream is (re)connected; a good moment to re-read state that may have been missed. */
  open?: () => void;
  /** The stream dropped; the browser reconnects by itself. */
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

function connect(): EventSource {
  const es = new EventSource(`/api/events?lang=${encodeURIComponent(locale)}`);
  es.addEventListener('open', () => each((h) => h.open?.()));
  es.addEventListener('error', () => each((h) => h.lost?.()));
  es.addEventListener('config', (event) => {
    const config = parse<ServerConfig>((event as MessageEvent<string>).data);
    if (config && (config.state === 'ok' || config.state === 'error')) each((h) => h.config?.(config));
  });
  es.addEventListener('task', (event) => {
    const task = parse<Task>((event as MessageEvent<string>).data);
    if (task && typeof task.id === 'string') each((h) => h.task?.(task));
  });
  es.addEventListener('vm', (event) => {
    const vm = parse<VmEvent>((event as MessageEvent<string>).data);
    if (vm && typeof vm.name === 'string') each((h) => h.vm?.(vm));
  });
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
    }
  };
}
