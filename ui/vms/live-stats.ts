// Rates for the rows on screen only: GET /vmstats for those names every 5 s while the tab is visible, and soon after a scroll.
import { onCleanup } from 'solid-js';
import { vmStats } from '../api/vms.ts';
import type { VmStore } from './store.ts';

const EVERY_MS = 5_000;
const AFTER_SCROLL_MS = 400;
const HAS_RATES = new Set(['running', 'paused', 'blocked', 'shutdown']);

/** Returns the function the table calls with the names it renders. */
export function pollVisibleStats(store: VmStore): (names: readonly string[]) => void {
  let visible: readonly string[] = [];
  let inFlight = false;
  let soon: ReturnType<typeof setTimeout> | undefined;

  async function poll(): Promise<void> {
    if (inFlight || document.visibilityState !== 'visible') return;
    const names = visible.filter((n) => HAS_RATES.has(store.byName[n]?.state ?? ''));
    if (names.length === 0) return;
    inFlight = true;
    try {
      store.putStats(await vmStats(names));
    } catch {
      // A missed tick shows the last rates; the next one tries again (a lost session is handled by the client).
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
