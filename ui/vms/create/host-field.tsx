// New guest on a chosen host: the dialog's Host field, and the wrapper that builds the dialog afresh for that host.
import { For, Show, createSignal, onCleanup, type Component, type JSX } from 'solid-js';
import { holdPageHost, LOCAL_HOST, routeHost } from '../../api/scope.ts';
import { hostOption } from '../../hosts/i18n.ts';
import { hostsStore } from '../../hosts/store.ts';
import type { CreateVmDialogProps } from '../create-dialog.tsx';
import { t } from './host-i18n.ts';

export interface GuestHostProps extends CreateVmDialogProps {
  /** The host the guest is made on (`local` or a registered host's name). */
  host: string;
  /** The Host field for the top of the form (nothing when only the local host is managed), held while `busy`. */
  hostField: (busy: () => boolean) => JSX.Element;
}

const FIELD_ID = 'vm-create-host';

/**
 * The dialog on the host the Host field names: first the switched-to host (All hosts: local). While it is open every
 * list it reads (ISOs, pools, networks, templates, machine options) and every upload goes to that host (holdPageHost);
 * another host builds it afresh, since none of the first host's choices mean anything on the next one.
 */
export function onChosenHost(Dialog: Component<GuestHostProps>): Component<CreateVmDialogProps> {
  return (props) => {
    const [host, setHost] = createSignal(routeHost());
    holdPageHost(host());
    onCleanup(() => holdPageHost(undefined));
    let changed = false;
    const choose = (next: string) => {
      changed = true;
      holdPageHost(next);
      setHost(next);
    };
    return (
      <Show when={host()} keyed>
        {(h) => (
          <Dialog onClose={props.onClose} host={h}
            hostField={(busy) => <HostField host={h} onChange={choose} focus={changed} busy={busy} />} />
        )}
      </Show>
    );
  };
}

/** The Host select: every managed host, the unreachable ones named but not offered. */
function HostField(props: { host: string; onChange: (host: string) => void; focus: boolean; busy: () => boolean }) {
  const hosts = hostsStore();
  return (
    <Show when={hosts.list.length > 1 || props.host !== LOCAL_HOST}>
      <label class="field vm-create__host" for={FIELD_ID}>
        <span class="field__label">{t('host.label')}</span>
        <select id={FIELD_ID} class="field__input" data-testid="vm-create-host" value={props.host} disabled={props.busy()}
          ref={(el) => { if (props.focus) queueMicrotask(() => el.focus()); }}
          onChange={(e) => props.onChange(e.currentTarget.value)}>
          <For each={hosts.list}>
            {(h) => (
              <option value={h.name} selected={h.name === props.host} disabled={h.state !== 'connected' && h.name !== props.host}>
                {hostOption(h.name, h.local, h.state)}
              </option>
            )}
          </For>
          <Show when={!hosts.list.some((h) => h.name === props.host)}><option value={props.host}>{props.host}</option></Show>
        </select>
        <span class="field__hint">{t('host.hint')}</span>
      </label>
    </Show>
  );
}
