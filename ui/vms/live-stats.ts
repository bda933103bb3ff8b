// Rates for the rows on screen only: GET /vmstats for those names every 5 s while the tab is visible, and soon after a scroll.
import { onCleanup } from 'solid-js';
import { vmHost, vmStats } from '../api/vms.ts';
import type { VmStore } from './store.ts';

const EVERY_MS = 5_000;
const AFTER_SCROLL_MS = 400;
const HAS_RATES = new Set(['running', 'paused', 'blocked', 'shutdown']);

/** Returns the function the table calls with the keys it renders. */
export function pollVisibleStats(store: VmStore): (names: readonly string[]) => void {
  let visible: readonly string[] = [];
  let inFlight = false;
  let soon: ReturnType<typeof setTimeout> | undefined;

  async function poll(): Promise<void> {
    if (inFlight || document.visibilityState !== 'visible') return;
    // One request per host on screen (All hosts), each for that host's guests only.
    const byHost = new Map<string, string[]>();
    for (const key of visible) {
      const vm = store.byKey[key];
      if (!vm || !HAS_RATES.has(vm.state)) continue;
      const host = vmHost(vm);
      byHost.set(host, [...(byHost.get(host) ?? []), vm.name]);
    }
    if (byHost.size === 0) return;
    inFlight = true;
    try {
      // A missed tick shows the last rates; the next one tries again (a lost session is handled by the client).
      await Promise.all([...byHost].map(([host, names]) => vmStats(names, host).then((s) => store.putStats(host, s), () => {})));
    } finally {
      inFlight = false;
    }
  }

  const ticker = setInterval(() => void poll(), EVERY_MS);
  onCleanup(() => { clearInterval(ticker); clearTimeout(soon); });

  return (names) => {
    visible = names;
    clearTimeout(soon);
    soon = setTimeout(() => void poll(), AFTER_SCROLL_MS);
  };
}
