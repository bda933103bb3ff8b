// Which host the Templates tab checks templates against: a template is shared, but the ISOs, pools and networks it
// names are each host's own. Under All hosts the user picks the host (local first); on one host's view it is that one.
import { For, Show, createSignal } from 'solid-js';
import { ALL_HOSTS, LOCAL_HOST, hostChoice, pageHost } from '../api/scope.ts';
import { hostOption } from '../hosts/i18n.ts';
import { hostsStore } from '../hosts/store.ts';
import { tt } from './i18n.ts';

/** The host to check against (reactive) and the line that says it or lets the user pick it. */
export function createCheckHost() {
  const [picked, setPicked] = createSignal(LOCAL_HOST);
  const all = () => hostChoice() === ALL_HOSTS;
  const host = () => (all() ? picked() : pageHost());

  function CheckHost() {
    const hosts = hostsStore();
    return (
      <Show when={all() && hosts.list.length > 1} fallback={
        <Show when={!all() || host() !== LOCAL_HOST}>
          <p class="muted templates__check" data-testid="template-check-note">{tt('check.one', { host: host() })}</p>
        </Show>
      }>
        <label class="field templates__check">
          <span class="field__label">{tt('check.label')}</span>
          <select class="field__input" data-testid="template-check-host" value={picked()} onChange={(e) => setPicked(e.currentTarget.value)}>
            <For each={hosts.list}>
              {(h) => <option value={h.name} selected={h.name === picked()} disabled={h.state !== 'connected'}>{hostOption(h.name, h.local)}</option>}
            </For>
          </select>
          <span class="field__hint">{tt('check.hint')}</span>
        </label>
      </Show>
    );
  }
  return { host, CheckHost };
}
