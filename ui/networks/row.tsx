// One network as a table row: state, type, reach, a guest count that expands to the list of guests, and its actions.
import { For, Show } from 'solid-js';
import type { Network } from '../api/networks.ts';
import { plural } from '../common/format.ts';
import { vmPageHref } from '../vm/route.ts';
import { t } from './i18n.ts';

/** What a network carries, in one line: its subnet, or the host interfaces (and VLAN) it attaches to. */
function reach(n: Network): string {
  const ips = [n.subnet, n.subnet6].filter(Boolean).join(' · ');
  if (ips) return ips;
  const parts = [n.interfaces.length ? t('net.via', { ifaces: n.interfaces.join(', ') }) : '', n.vlan_id ? t('net.vlan', { id: n.vlan_id }) : ''];
  return parts.filter(Boolean).join(' · ') || t('net.none');
}

export const COLUMNS = 6;

export interface NetworkRowProps {
  n: Network;
  busy: boolean;
  expanded: boolean;
  onToggleVms: () => void;
  onAutostart: (on: boolean) => Promise<void>;
  onActivate: (on: boolean) => void;
  onDelete: () => void;
  onFixed: () => void;
}

export function NetworkRow(p: NetworkRowProps) {
  const active = () => p.n.state === 'active';
  const listId = () => `network-vms-${p.n.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const count = () => plural(p.n.vms.length, { one: t('net.vms.one'), other: t('net.vms.other') });
  return (
    <>
      <tr data-testid="network-row" data-name={p.n.name} data-state={p.n.state} aria-busy={p.busy ? 'true' : undefined}>
        <td class="network-table__name" data-label={t('net.col.name')}>{p.n.name}</td>
        <td data-label={t('net.col.state')}>
          <span class={`badge ${active() ? 'badge--running' : ''}`}>{t(active() ? 'net.state.active' : 'net.state.inactive')}</span>
        </td>
        <td data-label={t('net.col.type')}>{t(`net.type.${p.n.connection}`)}</td>
        <td class="network-table__reach" data-label={t('net.col.subnet')}>{reach(p.n)}</td>
        <td data-label={t('net.col.vms')}>
          <Show when={p.n.vms.length > 0} fallback={<span data-testid="network-vm-count" data-count="0">{t('net.none')}</span>}>
            <button type="button" class="button network-table__count" data-testid="network-vm-count" data-count={p.n.vms.length}
              aria-expanded={p.expanded ? 'true' : 'false'} aria-controls={listId()} onClick={() => p.onToggleVms()}>
              <span aria-hidden="true" class="network-table__chevron">{p.expanded ? '▾' : '▸'}</span> {count()}
            </button>
          </Show>
        </td>
        <td class="network-table__actions">
          <label class="network-table__autostart">
            <input type="checkbox" data-testid="network-autostart-toggle" checked={p.n.autostart} disabled={p.busy || !p.n.persistent}
              onChange={(e) => {
                // A refused change leaves the store's value as it was, so nothing would redraw the box: set it back.
                const box = e.currentTarget;
                void p.onAutostart(box.checked).then(() => { box.checked = p.n.autostart; });
              }} />
            <span>{t('net.autostart')}</span>
          </label>
          <button type="button" class="button" data-testid={active() ? 'network-deactivate' : 'network-activate'} disabled={p.busy}
            onClick={() => p.onActivate(!active())}>
            {t(active() ? 'net.deactivate' : 'net.activate')}
          </button>
          <Show when={p.n.dhcp}>
            <button type="button" class="button" data-testid="network-fixed" onClick={() => p.onFixed()}>
              {p.n.dhcp_hosts.length ? t('net.fixedCount', { count: p.n.dhcp_hosts.length }) : t('net.fixed')}
            </button>
          </Show>
          <button type="button" class="button button--danger" data-testid="network-delete" disabled={p.busy} onClick={() => p.onDelete()}>
            {t('net.delete')}
          </button>
        </td>
      </tr>
      <Show when={p.expanded && p.n.vms.length > 0}>
        <tr class="network-table__vms-row" data-testid="network-vms" data-name={p.n.name}>
          <td colSpan={COLUMNS}>
            <ul id={listId()} class="network-vms" aria-label={t('net.vms.list', { name: p.n.name })}>
              <For each={p.n.vms}>{(vm) => <li><a class="network-vms__link" href={vmPageHref(vm)} data-testid="network-vm">{vm}</a></li>}</For>
            </ul>
          </td>
        </tr>
      </Show>
    </>
  );
}
