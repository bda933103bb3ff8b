// The Guests list's data: every VM by name in one store, read once, then kept live row by row from `vm` events.
import { batch, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { subscribeEvents, type VmEvent } from '../api/events.ts';
import { getVm, listVms, type Vm, type VmStatsMap } from '../api/vms.ts';
import { describeFailure, type Failure } from '../common/failure.ts';

export interface VmStore {
  /** The VMs by name; a row reads its own entry, so an update touches only the cells that changed. */
  byName: Readonly<Record<string, Vm>>;
  /** Every name (a new array only when a guest appears or goes). */
  names: Accessor<readonly string[]>;
  loaded: Accessor<boolean>;
  /** The list could not be read (shown instead of it). */
  error: Accessor<Failure | undefined>;
  /** Put what an action or read answered in place. */
  put: (vm: Vm) => void;
  remove: (name: string) => void;
  /** New rates for some rows (from GET /vmstats). */
  putStats: (stats: VmStatsMap) => void;
  /** Re-read the whole list (after a reconnect: events may have been missed); an unchanged list costs a 304. */
  reload: () => void;
}

export function createVmStore(): VmStore {
  const [byName, setByName] = createStore<Record<string, Vm>>({});
  const [names, setNames] = createSignal<readonly string[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<Failure>();

  const syncNames = () => {
    const next = Object.keys(byName);
    const cur = names();
    if (next.length !== cur.length || next.some((n, i) => n !== cur[i])) setNames(next);
  };

  function put(vm: Vm): void {
    const known = vm.name in byName;
    // reconcile keeps the row's object and changes only the fields that differ: cells update, nodes stay.
    batch(() => {
      setByName(vm.name, reconcile(vm));
      if (!known) syncNames();
    });
  }

  function remove(name: string): void {
    if (!(name in byName)) return;
    // One batch: nothing may read the name list while it still holds a name the store no longer has.
    batch(() => {
      setByName(produce((all) => { delete all[name]; }));
      syncNames();
    });
  }

  // Only the newest read may land: an older, slower answer would show a stale state.
  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    try {
      const list = await listVms();
      if (mine !== latest) return;
      const keep = new Set(list.map((vm) => vm.name));
      batch(() => {
        setByName(produce((all) => {
          for (const name of Object.keys(all)) if (!keep.has(name)) delete all[name];
        }));
        for (const vm of list) setByName(vm.name, reconcile(vm));
        syncNames();
        setLoaded(true);
        setError(undefined);
      });
    } catch (failure) {
      if (mine === latest) setError(describeFailure(failure));
    }
  }

  // An event from an older server (or one that lost the race with an undefine) carries no VM: read just that one.
  async function readOne(name: string): Promise<void> {
    try {
      put(await getVm(name));
    } catch (failure) {
      if (describeFailure(failure).code === 'KCHVM0002E') remove(name);
    }
  }

  function onVm(e: VmEvent): void {
    if (e.event === 'undefined') return remove(e.name);
    if (e.vm && typeof e.vm === 'object' && e.vm.name === e.name) return put(e.vm);
    void readOne(e.name);
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

  function putStats(stats: VmStatsMap): void {
    for (const [name, s] of Object.entries(stats)) if (name in byName) setByName(name, 'stats', reconcile(s));
  }

  return { byName, names, loaded, error, put, remove, putStats, reload: () => void load() };
}
