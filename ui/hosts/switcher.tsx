// The header's host switcher: All hosts, local, each registered host with its state; the choice lives in the URL.
import { For, Show } from 'solid-js';
import { ALL_HOSTS, hostChoice } from '../api/scope.ts';
import { setQuery } from '../common/route.ts';
import { t } from './i18n.ts';
import { hostState, hostsStore } from './store.ts';
import './hosts.css';

/** A coloured dot for a host's state (its meaning is also written beside it or in the option). */
export function StateDot(props: { state: 'connected' | 'connecting' | 'failing' }) {
  return <span class={`host-dot host-dot--${props.state}`} aria-hidden="true" data-testid="host-dot" data-state={props.state} />;
}

export function HostSwitcher() {
  const store = hostsStore();
  // All hosts is as healthy as its worst host: one unreachable host turns its dot red.
  const state = () => {
    const choice = hostChoice();
    if (choice !== ALL_HOSTS) return hostState(choice);
    const states = store.list.map((h) => h.state);
    return states.includes('failing') ? 'failing' : states.includes('connecting') ? 'connecting' : 'connected';
  };
  const label = (name: string, local: boolean, s: 'connected' | 'connecting' | 'failing') => {
    const shown = local ? t('switch.local', { name }) : name;
    return s === 'connected' ? shown : t('state.option', { name: shown, state: t(`state.${s}`) });
  };

  return (
    // Only once the hosts are known (a user who may not list them never sees it: their guests are on `local`).
    <Show when={store.loaded()}>
      <div class="host-switch" data-testid="host-switch" data-host={hostChoice()} data-state={state()}>
        <StateDot state={state()} />
        <label class="host-switch__label" for="host-switch-select">{t('switch.label')}</label>
        <select id="host-switch-select" class="host-switch__select" data-testid="host-switch-select" value={hostChoice()}
          onChange={(e) => setQuery({ host: e.currentTarget.value === ALL_HOSTS ? undefined : e.currentTarget.value }, { replace: false })}>
          <option value={ALL_HOSTS}>{t('switch.all')}</option>
          <For each={store.list}>
            {(host) => <option value={host.name} data-state={host.state}>{label(host.name, host.local, host.state)}</option>}
          </For>
          {/* A host named in the URL that is not (or no longer) registered still shows as chosen, as unreachable. */}
          <Show when={hostChoice() !== ALL_HOSTS && !store.list.some((h) => h.name === hostChoice())}>
            <option value={hostChoice()}>{label(hostChoice(), false, 'failing')}</option>
          </Show>
        </select>
      </div>
    </Show>
  );
}
