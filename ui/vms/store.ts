// The Guests page's data: the VM list kept live by `vm` and `task` events, stats refreshed every 5 s, pending actions.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { listVms, subscribeEvents, vmAction, type Vm, type VmAction } from '../api/index.ts';
import { describeFailure, type Failure } from '../common/failure.ts';

/** What a VM is busy with in this page: an action, or a clone/delete being requested. */
export type Pending = VmAction | 'clone' | 'delete';

export interface VmStore {
  vms: Accessor<Vm[] | undefined>;
  /** The list could not be read (shown instead of it). */
  error: Accessor<Failure | undefined>;
  pending: (name: string) => Pending | undefined;
  setPending: (name: string, what: Pending | undefined) => void;
  /** The last failed action per VM, shown on its card until the next one. */
  failure: (name: string) => Failure | undefined;
  setFailure: (name: string, failure: Failure | undefined) => void;
  act: (name: string, action: VmAction) => Promise<void>;
  refresh: () => void;
}

const STATS_MS = 5_000;
const SETTLE_MS = 100;

export function createVmStore(): VmStore {
  const [vms, setVms] = createSignal<Vm[]>();
  const [error, setError] = createSignal<Failure>();
  const [pending, setPendingMap] = createSignal<Record<string, Pending>>({});
  const [failures, setFailures] = createSignal<Record<string, Failure>>({});

  // Only the newest read may land: an older, slower answer would show a stale state.
  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    try {
      const list = await listVms();
      if (mine !== latest) return;
      setVms(list);
      setError(undefined);
    } catch (failure) {
      if (mine === latest) setError(describeFailure(failure));
    }
  }

  // Events come in bursts (defined + started, a task's progress): one read after the burst.
  let timer: ReturnType<typeof setTimeout> | undefined;
  function refresh(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), SETTLE_MS);
  }

  const unsubscribe = subscribeEvents({
    vm: refresh,
    task: (task) => task.status !== 'running' && refresh(),
    open: refresh,
  });
  // Stats are rates, so they change without events: a light re-read while the page is visible.
  const ticker = setInterval(() => {
    if (document.visibilityState === 'visible') void load();
  }, STATS_MS);
  onCleanup(() => {
    unsubscribe();
    clearInterval(ticker);
    clearTimeout(timer);
  });
  void load();

  const setPending = (name: string, what: Pending | undefined) =>
    setPendingMap((map) => {
      const next = { ...map };
      if (what) next[name] = what;
      else delete next[name];
      return next;
    });

  const setFailure = (name: string, failure: Failure | undefined) =>
    setFailures((map) => {
      const next = { ...map };
      if (failure) next[name] = failure;
      else delete next[name];
      return next;
    });

  async function act(name: string, action: VmAction): Promise<void> {
    if (pending()[name]) return;
    setPending(name, action);
    setFailure(name, undefined);
    try {
      const vm = await vmAction(name, action);
      latest++; // a read started before the action must not overwrite its result
      setVms((list) => list?.map((one) => (one.name === name ? vm : one)));
    } catch (failure) {
      setFailure(name, describeFailure(failure));
    } finally {
      setPending(name, undefined);
    }
  }

  return {
    vms, error, setPending, setFailure, act, refresh,
    pending: (name) => pending()[name],
    failure: (name) => failures()[name],
  };
}
