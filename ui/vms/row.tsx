// One guest as a table row, keyed by host + name: every cell reads the store's entry, so live updates change text in place.
import { Show, createMemo, createSignal, onCleanup } from 'solid-js';
import { actionAllowed, screenshotUrl, vmHost, type Vm, type VmAction } from '../api/vms.ts';
import { isAdmin } from '../auth/session.ts';
import { t as common, type MessageKey } from '../common/i18n/index.ts';
import { formatMiB, formatPercent, formatRate } from '../common/format.ts';
import { href } from '../common/route.ts';
import { hostQuery, vmPageHref } from '../vm/route.ts';
import { act, busyWith, clone } from './actions.ts';
import { t } from './i18n.ts';
import { RowMenu, type MenuItem } from './row-menu.tsx';
import type { VmStore } from './store.ts';
import { HostCell } from '../hosts/cell.tsx';
import { MIGRATABLE_STATES } from '../migration/states.ts';
import { hostsStore } from '../hosts/store.ts';

export interface RowProps {
  /** The guest's key in the store (host + name). */
  rowKey: string;
  store: VmStore;
  /** All hosts: the row names its host (a cell of its own). */
  showHost: boolean;
  selected: boolean;
  onSelect: (key: string, on: boolean) => void;
  onDelete: (key: string) => void;
  /** Migrate…: offered to admins for a running or paused guest while another host is registered. */
  onMigrate: (key: string) => void;
}

const ACTIONS: readonly VmAction[] = ['start', 'resume', 'shutdown', 'poweroff', 'reset', 'suspend'];
/** What a user who is not an administrator may do to a VM shared with them (the server refuses the rest). */
const USER_ACTIONS: readonly VmAction[] = ['start', 'shutdown', 'poweroff'];
const SHOWS_SCREEN = new Set(['running', 'paused', 'blocked']);
const THUMB_DELAY_MS = 300;

export const stateLabel = (state: Vm['state']) => common(`vm.state.${state}` as MessageKey);
export const consoleHref = (name: string, host?: string) => href(['vms', name], { tab: 'console', ...hostQuery(host) });

/** The one action a row offers up front: Start a stopped guest, Resume a paused one, else open its console. */
export function primaryOf(vm: Vm): 'start' | 'resume' | 'console' {
  if (actionAllowed(vm.state, 'start')) return 'start';
  if (vm.state === 'paused' && isAdmin()) return 'resume';
  return 'console';
}

export function VmRow(props: RowProps) {
  // The last entry seen: a row being removed may still be read once after its guest left the store.
  const vm = createMemo<Vm>((last) => props.store.byKey[props.rowKey] ?? last);
  const name = () => vm().name;
  const host = () => vmHost(vm());
  const active = () => SHOWS_SCREEN.has(vm().state) || vm().state === 'shutdown';
  const busy = () => busyWith(props.rowKey);
  const primary = createMemo(() => primaryOf(vm()));
  const graphics = () => {
    const g = vm().graphics;
    if (!g.type) return '—';
    return g.port ? `${g.type.toUpperCase()} :${g.port}` : g.type.toUpperCase();
  };
  // The thumbnail is read once the row has stayed on screen a moment (a fast scroll past 500 rows asks for none), and
  // again when the guest's state changes; never on a stats tick.
  const [settled, setSettled] = createSignal(false);
  const wait = setTimeout(() => setSettled(true), THUMB_DELAY_MS);
  onCleanup(() => clearTimeout(wait));
  const shot = createMemo(() => (settled() && SHOWS_SCREEN.has(vm().state)
    ? screenshotUrl(name(), vm().state, host()) : undefined));

  const items = (): MenuItem[] => {
    const v = vm();
    const out: MenuItem[] = [{ id: 'open', label: t('open.page'), href: vmPageHref(v.name, host()) }];
    for (const a of isAdmin() ? ACTIONS : USER_ACTIONS) {
      if (a === primary() || !actionAllowed(v.state, a)) continue;
      out.push({ id: a, label: common(`vm.action.${a}`), run: () => void act(props.store, props.rowKey, a) });
    }
    if (isAdmin()) {
      if (v.state === 'shutoff') out.push({ id: 'clone', label: t('clone'), run: () => void clone(props.store, props.rowKey) });
      if (MIGRATABLE_STATES.has(v.state) && hostsStore().list.length > 1) out.push({ id: 'migrate', label: t('migrate'), run: () => props.onMigrate(props.rowKey) });
      out.push({ id: 'delete', label: t('delete'), danger: true, run: () => props.onDelete(props.rowKey) });
    }
    return out;
  };

  return (
    <tr class="vm-row" classList={{ 'vm-row--selected': props.selected }} data-testid="vm-row" data-name={name()} data-host={host()}
      data-state={vm().state} aria-busy={busy() ? 'true' : undefined}>
      <td class="col-select">
        <label class="vm-row__check">
          <input type="checkbox" data-testid="vm-select" checked={props.selected} aria-label={t('select.one', { name: name() })}
            onChange={(e) => props.onSelect(props.rowKey, e.currentTarget.checked)} />
        </label>
      </td>
      <td class="col-name">
        <div class="vm-row__name">
          <Show when={shot()} fallback={<Show when={vm().icon} fallback={<span class="vm-row__os" aria-hidden="true" />}>
            {(icon) => <img class="vm-row__os" src={icon()} alt="" />}
          </Show>}>
            {(src) => <img class="vm-row__thumb" src={src()} alt="" loading="lazy" decoding="async" data-testid="vm-thumb" />}
          </Show>
          <a class="vm-row__link" href={vmPageHref(name(), host())} title={name()} data-testid="vm-name">{name()}</a>
        </div>
      </td>
      <Show when={props.showHost}>
        <td class="col-host" data-testid="vm-host"><HostCell host={host()} /></td>
      </Show>
      <td class="col-state">
        <span class={`badge badge--${vm().state}`} data-testid="vm-state" title={stateLabel(vm().state)}>{stateLabel(vm().state)}</span>
      </td>
      <td class="col-num col-vcpus" data-testid="vm-vcpus">{vm().cpu_info.vcpus}</td>
      <td class="col-num col-memory" data-testid="vm-memory">{formatMiB(vm().memory.current)}</td>
      <td class="col-num col-cpu" data-testid="vm-cpu">{active() ? formatPercent(vm().stats.cpu_utilization) : '—'}</td>
      <td class="col-num col-mem" data-testid="vm-mem">{active() ? formatPercent(vm().stats.mem_utilization) : '—'}</td>
      <td class="col-num col-disk" data-testid="vm-disk">{active() ? formatRate(vm().stats.io_throughput) : '—'}</td>
      <td class="col-num col-net" data-testid="vm-net">{active() ? formatRate(vm().stats.net_throughput) : '—'}</td>
      <td class="col-graphics" data-testid="vm-graphics">{graphics()}</td>
      <td class="col-actions">
        <div class="vm-row__actions">
          <Show when={primary() === 'console'} fallback={
            <button type="button" class="button button--primary vm-row__primary" data-testid={`vm-action-${primary()}`}
              aria-busy={busy() ? 'true' : undefined}
              onClick={() => void act(props.store, props.rowKey, primary() as VmAction)}>
              {common(`vm.action.${primary() as 'start' | 'resume'}`)}
            </button>
          }>
            {/* A guest with no graphics has no screen to show: the link opens its page (serial console, details). */}
            <Show when={vm().graphics.type} fallback={
              <a class="button vm-row__primary" data-testid="vm-open" href={vmPageHref(name(), host())}
                aria-label={t('open.page.label', { name: name() })}>{t('open.short')}</a>
            }>
              <a class="button vm-row__primary" data-testid="vm-console" href={consoleHref(name(), host())}
                aria-label={t('open.console.label', { name: name() })}>{t('open.console')}</a>
            </Show>
          </Show>
          <RowMenu label={t('more', { name: name() })} items={items} />
        </div>
      </td>
    </tr>
  );
}
