// The managed hosts, shared by the header's switcher, the Hosts page and the Migrate dialog: read once, kept live.
import { createRoot, createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { subscribeEvents, type HostChange } from '../api/events.ts';
import { listHosts, type Host } from '../api/hosts.ts';
import { describeFailure, type Failure } from '../common/failure.ts';

export interface HostsStore {
  /** Local first, then the registered hosts in the server's order; updated in place by name. */
  list: readonly Host[];
  loaded: () => boolean;
  error: () => Failure | undefined;
  reload: () => Promise<void>;
  /** Put what an add or edit answered in place, unless an event about that host came since `askedAt` (from mark()). */
  put: (host: Host, askedAt?: number) => void;
  /** Where the event count stands: take it before asking, give it to put() with the answer. */
  mark: () => number;
  remove: (name: string) => void;
}

function create(): HostsStore {
  const [list, setList] = createStore<Host[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<Failure>();

  let latest = 0;
  /**
   * Events are the live word on a host; an answer (the list, an add or edit) tells how it was when the server
   * answered, which may be before an event already applied (a host connects before its POST's answer arrives). Each
   * event gets a number; what an answer says of a host is kept only if no event about it came since the answer was
   * asked for.
   */
  let events = 0;
  const eventAt = new Map<string, number>();
  const newer = (name: string, askedAt: number) => (eventAt.get(name) ?? -1) >= askedAt;
  const current = (name: string) => list.find((one) => one.name === name);

  async function reload(): Promise<void> {
    const mine = ++latest;
    const askedAt = events;
    try {
      const hosts = await listHosts();
      if (mine !== latest) return;
      setList(reconcile(hosts.map((h) => (newer(h.name, askedAt) ? current(h.name) ?? h : h)), { key: 'name' }));
      setLoaded(true);
      setError(undefined);
    } catch (failure) {
      if (mine === latest) setError(describeFailure(failure));
    }
  }
  function set(host: Host): void {
    const at = list.findIndex((one) => one.name === host.name);
    if (at < 0) setList(list.length, host);
    else setList(at, reconcile(host));
  }
  /** An answer's host; `askedAt` is `mark()` taken before asking (absent: the answer is taken as the latest word). */
  function put(host: Host, askedAt?: number): void {
    if (askedAt !== undefined && newer(host.name, askedAt) && current(host.name)) return;
    set(host);
  }
  function remove(name: string): void {
    setList((all) => all.filter((one) => one.name !== name));
  }
  function onChange(change: HostChange): void {
    eventAt.set(change.name, events++);
    if ('removed' in change && change.removed) remove(change.name);
    else if ('state' in change) set(change);
  }

  subscribeEvents({ hosts: onChange, open: () => void reload() });
  void reload();
  return { list, loaded, error, reload, put, remove, mark: () => events };
}

let shared: HostsStore | undefined;

/** The one store, made on first use and kept for the app's life (the switcher is always on screen). */
export function hostsStore(): HostsStore {
  shared ??= createRoot(() => create());
  return shared;
}

/** A host's state in one word for a dot and its label: unknown hosts (removed meanwhile) count as failing. */
export function hostState(name: string): Host['state'] {
  return hostsStore().list.find((one) => one.name === name)?.state ?? 'failing';
}
