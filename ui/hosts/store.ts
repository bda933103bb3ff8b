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
  /** Put what an add or edit answered in place (the `host` event confirms it). */
  put: (host: Host) => void;
  remove: (name: string) => void;
}

function create(): HostsStore {
  const [list, setList] = createStore<Host[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<Failure>();

  let latest = 0;
  async function reload(): Promise<void> {
    const mine = ++latest;
    try {
      const hosts = await listHosts();
      if (mine !== latest) return;
      setList(reconcile(hosts, { key: 'name' }));
      setLoaded(true);
      setError(undefined);
    } catch (failure) {
      if (mine === latest) setError(describeFailure(failure));
    }
  }
  function put(host: Host): void {
    const at = list.findIndex((one) => one.name === host.name);
    if (at < 0) setList(list.length, host);
    else setList(at, reconcile(host));
  }
  function remove(name: string): void {
    setList((all) => all.filter((one) => one.name !== name));
  }
  function onChange(change: HostChange): void {
    if ('removed' in change && change.removed) remove(change.name);
    else if ('state' in change) put(change);
  }

  subscribeEvents({ hosts: onChange, open: () => void reload() });
  void reload();
  return { list, loaded, error, reload, put, remove };
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
