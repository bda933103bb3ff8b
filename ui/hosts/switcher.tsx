// The header's host switcher: All hosts, local, each registered host with its state; the choice lives in the URL.
// A page about one host (a guest's page, Storage, Network, Host) names that host: under All hosts it is local's.
import { For, Show } from 'solid-js';
import { ALL_HOSTS, hostChoice, routeHost } from '../api/scope.ts';
import { navigate, route, setQuery } from '../common/route.ts';
import { hostOption, t } from './i18n.ts';
import { hostState, hostsStore } from './store.ts';
import './hosts.css';

/** A coloured dot for a host's state (its meaning is also written beside it or in the option). */
export function StateDot(props: { state: 'connected' | 'connecting' | 'failing' }) {
  return <span class={`host-dot host-dot--${props.state}`} aria-hidden="true" data-testid="host-dot" data-state={props.state} />;
}

/** Pages about one host: the switcher names it (never All hosts, which only the Guests list and Templates show). */
const ONE_HOST: ReadonlySet<string | undefined> = new Set(['vms', 'storage', 'network', 'host']);
const onGuestPage = () => route().path[0] === 'vms';
const onOneHost = () => ONE_HOST.has(route().path[0]);

/** Another choice: on a guest's page it opens that choice's Guests list (the guest is on one host only). */
function choose(value: string): void {
  const host = value === ALL_HOSTS ? undefined : value;
  if (onGuestPage()) navigate(['guests'], { host });
  else setQuery({ host }, { replace: false });
}

export function HostSwitcher() {
  const store = hostsStore();
  const choice = () => (onOneHost() ? routeHost() : hostChoice());
  // All hosts is as healthy as its worst host: one unreachable host turns its dot red.
  const state = () => {
    const shown = choice();
    if (shown !== ALL_HOSTS) return hostState(shown);
    const states = store.list.map((h) => h.state);
    return states.includes('failing') ? 'failing' : states.includes('connecting') ? 'connecting' : 'connected';
  };

  return (
    // Only once the hosts are known (a user who may not list them never sees it: their guests are on `local`).
    <Show when={store.loaded()}>
      <div class="host-switch" data-testid="host-switch" data-host={choice()} data-state={state()}>
        <StateDot state={state()} />
        <label class="host-switch__label" for="host-switch-select">{t('switch.label')}</label>
        <select id="host-switch-select" class="host-switch__select" data-testid="host-switch-select" value={choice()}
          onChange={(e) => choose(e.currentTarget.value)}>
          <option value={ALL_HOSTS} disabled={onOneHost() && !onGuestPage()}>{t('switch.all')}</option>
          <For each={store.list}>
            {(host) => <option value={host.name} data-state={host.state}>{hostOption(host.name, host.local, host.state)}</option>}
          </For>
          {/* A host named in the URL that is not (or no longer) registered still shows as chosen, as unreachable. */}
          <Show when={choice() !== ALL_HOSTS && !store.list.some((h) => h.name === choice())}>
            <option value={choice()}>{hostOption(choice(), false, 'failing')}</option>
          </Show>
        </select>
      </div>
    </Show>
  );
}
