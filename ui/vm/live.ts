// The VM page's live data: the VM re-read every few seconds and on its libvirt events, and its recent stats history.
import { createSignal, onCleanup } from 'solid-js';
import { ApiError, getVm, subscribeEvents, type Vm, type VmEvent } from '../api/index.ts';
import { LOCAL_HOST, pageHost } from '../api/scope.ts';
import { describeFailure, type Failure } from '../common/failure.ts';

/** One sample: seconds since the epoch, CPU and memory in percent, disk and network in KiB/s. */
export interface Sample { time: number; cpu: number; memory: number; disk: number; net: number }

export const HISTORY_SECONDS = 5 * 60;
const POLL_MS = 3000;
/** libvirt's VIR_DOMAIN_EVENT_STOPPED_MIGRATED detail. */
const STOPPED_MIGRATED = 3;
const leaving = (e: VmEvent) => e.event === 'undefined' || (e.event === 'stopped' && e.detail === STOPPED_MIGRATED);

export interface LiveVm {
  vm: () => Vm | undefined;
  failure: () => Failure | undefined;
  /** The VM was deleted (404) while the page was open. */
  gone: () => boolean;
  samples: () => readonly Sample[];
  refresh: () => Promise<void>;
  /** Bumped on every libvirt event of this VM, so lists (devices, snapshots) can re-read. */
  changes: () => number;
  setVm: (vm: Vm) => void;
}

/**
 * Poll GET /vms/:name (there is no per-VM stats event; the server samples every few seconds) and re-read at once
 * when /api/events reports a change of this VM. Samples older than HISTORY_SECONDS are dropped.
 */
export function createLiveVm(name: () => string): LiveVm {
  const [vm, setVm] = createSignal<Vm>();
  const [failure, setFailure] = createSignal<Failure>();
  const [gone, setGone] = createSignal(false);
  const [samples, setSamples] = createSignal<readonly Sample[]>([]);
  const [changes, setChanges] = createSignal(0);
  let inFlight: Promise<void> | undefined;

  const record = (v: Vm) => {
    const now = Date.now() / 1000;
    const s: Sample = {
      time: now, cpu: v.stats.cpu_utilization, memory: v.stats.mem_utilization, disk: v.stats.io_throughput, net: v.stats.net_throughput,
    };
    setSamples((prev) => [...prev.filter((p) => p.time >= now - HISTORY_SECONDS), s]);
  };

  const refresh = () => (inFlight ??= (async () => {
    try {
      const v = await getVm(name());
      setVm(v);
      setFailure(undefined);
      setGone(false);
      record(v);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setGone(true);
      setFailure(describeFailure(e));
    } finally {
      inFlight = undefined;
    }
  })());

  void refresh();
  const timer = setInterval(() => void refresh(), POLL_MS);
  const unsubscribe = subscribeEvents({
    vm: (e) => {
      // Another host may have a guest of the same name: only this page's host's events count.
      if (e.name !== name() || (e.host ?? LOCAL_HOST) !== pageHost()) return;
      // A guest that left this host (undefined, or stopped because it migrated away) has no devices left to re-read:
      // the refresh finds it gone (or the migration moves the page to its new host).
      if (!leaving(e)) setChanges((n) => n + 1);
      void refresh();
    },
    open: () => void refresh(),
  });
  onCleanup(() => { clearInterval(timer); unsubscribe(); });

  return { vm, failure, gone, samples, refresh, changes, setVm: (v) => { setVm(v); record(v); } };
}
