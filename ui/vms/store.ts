// The Guests list's data: every VM of the chosen host (or of every host) by key in one store, read once, then kept
// live row by row from `vm` events. A key is host + name: two hosts may each have a guest called web1.
import { batch, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { subscribeEvents, type VmEvent } from '../api/events.ts';
import { ALL_HOSTS, LOCAL_HOST } from '../api/scope.ts';
import { getVm, listVms, vmHost, type Vm, type VmStatsMap } from '../api/vms.ts';
import { describeFailure, type Failure } from '../common/failure.ts';

/** A guest's key in the list: its host and its name (libvirt refuses `/` in a guest's name). */
export const vmKey = (host: string, name: string): string => `${host}/${name}`;
export const keyOf = (vm: Vm): string => vmKey(vmHost(vm), vm.name);

export interface VmStore {
  /** The host whose guests this is, or `all`. */
  choice: string;
  /** The VMs by key; a row reads its own entry, so an update touches only the cells that changed. */
  byKey: Readonly<Record<string, Vm>>;
  /** Every key (a new array only when a guest appears or goes). */
  keys: Accessor<readonly string[]>;
  loaded: Accessor<boolean>;
  /** The list could not be read (shown instead of it). */
  error: Accessor<Failure | undefined>;
  /** All hosts: the hosts that did not answer in time (their guests are missing from the list). */
  unreachable: Accessor<readonly string[]>;
  /** Put what an action or read answered in place. */
  put: (vm: Vm) => void;
  remove: (key: string) => void;
  /** New rates for some rows of one host (from GET /vmstats). */
  putStats: (host: string, stats: VmStatsMap) => void;
  /** Re-read the whole list (after a reconnect: events may have been missed); an unchanged list costs a 304. */
  reload: () => void;
}

export function createVmStore(choice: string): VmStore {
  const [byKey, setByKey] = createStore<Record<string, Vm>>({});
  const [keys, setKeys] = createSignal<readonly string[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<Failure>();
  const [unreachable, setUnreachable] = createSignal<readonly string[]>([]);
  const mine = (host: string) => choice === ALL_HOSTS || choice === host;

  const syncKeys = () => {
    const next = Object.keys(byKey);
    const cur = keys();
    if (next.length !== cur.length || next.some((n, i) => n !== cur[i])) setKeys(next);
  };

  function put(vm: Vm): void {
    const key = keyOf(vm);
    const known = key in byKey;
    // reconcile keeps the row's object and changes only the fields that differ: cells update, nodes stay.
    batch(() => {
      setByKey(key, reconcile(vm));
      if (!known) syncKeys();
    });
  }

  function remove(key: string): void {
    if (!(key in byKey)) return;
    // One batch: nothing may read the key list while it still holds a key the store no longer has.
    batch(() => {
      setByKey(produce((all) => { delete all[key]; }));
      syncKeys();
    });
  }

  // Only the newest read may land: an older, slower answer would show a stale state.
  let latest = 0;
  async function load(): Promise<void> {
    const mineNow = ++latest;
    try {
      const { vms, unreachable: missing } = await listVms(choice);
      if (mineNow !== latest) return;
      // A guest of a host that did not answer stays as last seen rather than vanishing for one slow reply.
      const keep = new Set(vms.map(keyOf));
      batch(() => {
        setByKey(produce((all) => {
          for (const [key, vm] of Object.entries(all)) if (!keep.has(key) && !missing.includes(vmHost(vm))) delete all[key];
        }));
        for (const vm of vms) setByKey(keyOf(vm), reconcile(vm));
        syncKeys();
        setUnreachable(missing);
        setLoaded(true);
        setError(undefined);
      });
    } catch (failure) {
      if (mineNow === latest) setError(describeFailure(failure));
    }
  }

  // An event from an older server (or one that lost the race with an undefine) carries no VM: read just that one.
  async function readOne(host: string, name: string): Promise<void> {
    try {
      put(await getVm(name, host));
    } catch (failure) {
      if (describeFailure(failure).code === 'KCHVM0002E') remove(vmKey(host, name));
    }
  }

  function onVm(e: VmEvent): void {
    const host = e.host ?? LOCAL_HOST;
    if (!mine(host)) return;
    if (e.event === 'undefined') return remove(vmKey(host, e.name));
    if (e.vm && typeof e.vm === 'object' && e.vm.name === e.name) return put({ ...e.vm, host } as Vm);
    void readOne(host, e.name);
  }

  let dropped = false;
  const unsubscribe = subscribeEvents({
    vm: onVm,
    // After a dropped stream events may be missing: read the list again (a 304 when nothing changed).
    lost: () => { dropped = true; },
    open: () => { if (dropped) void load(); dropped = false; },
  });
  onCleanup(unsubscribe);
  void load();

  function putStats(host: string, stats: VmStatsMap): void {
    for (const [name, s] of Object.entries(stats)) {
      const key = vmKey(host, name);
      if (key in byKey) setByKey(key, 'stats', reconcile(s));
    }
  }

  return { choice, byKey, keys, loaded, error, unreachable, put, remove, putStats, reload: () => void load() };
}
