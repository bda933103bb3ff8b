// The Network tab: every network with state, type and subnet; create, activate/deactivate, autostart, delete.
import { For, Match, Show, Switch, createResource, createSignal, onCleanup } from 'solid-js';
import { subscribeEvents } from '../api/events.ts';
import { listNetworks, networkAction, setNetworkAutostart, type Network } from '../api/networks.ts';
import { describeFailure, type Failure } from '../common/failure.ts';
import { CreateNetworkDialog } from './create-dialog.tsx';
import { DeleteNetworkDialog } from './delete-dialog.tsx';
import { t } from './i18n.ts';
import '../common/controls.css';
import './networks.css';

/** What a network carries, in one line: its subnet, or the host interfaces (and VLAN) it attaches to. */
function reach(n: Network): string {
  if (n.subnet) return n.subnet;
  const parts = [n.interfaces.length ? t('net.via', { ifaces: n.interfaces.join(', ') }) : '', n.vlan_id ? t('net.vlan', { id: n.vlan_id }) : ''];
  return parts.filter(Boolean).join(' · ') || t('net.none');
}

export function NetworkPage() {
  const [networks, { refetch }] = createResource(listNetworks);
  const [creating, setCreating] = createSignal(false);
  const [deleting, setDeleting] = createSignal<Network>();
  const [pending, setPending] = createSignal<string>();
  const [failure, setFailure] = createSignal<Failure>();

  // Re-read on `network` events (virsh included) and after reconnecting (changes made while the stream was down).
  onCleanup(subscribeEvents({ open: () => void refetch(), network: () => void refetch() }));

  async function run(name: string, work: () => Promise<unknown>): Promise<void> {
    setPending(name);
    setFailure(undefined);
    try {
      await work();
      await refetch();
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setPending(undefined);
    }
  }

  const Row = (p: { n: Network }) => {
    const busy = () => pending() === p.n.name;
    const active = () => p.n.state === 'active';
    return (
      <tr data-testid="network-row" data-name={p.n.name} data-state={p.n.state} aria-busy={busy() ? 'true' : undefined}>
        <td class="network-table__name">{p.n.name}</td>
        <td><span class={`badge ${active() ? 'badge--running' : ''}`}>{t(active() ? 'net.state.active' : 'net.state.inactive')}</span></td>
        <td>{t(`net.type.${p.n.connection}`)}</td>
        <td class="network-table__reach">{reach(p.n)}</td>
        <td>{p.n.vms.length ? p.n.vms.join(', ') : t('net.none')}</td>
        <td class="network-table__actions">
          <label class="network-table__autostart" title={t('net.autostart')}>
            <input type="checkbox" data-testid="network-autostart-toggle" checked={p.n.autostart} disabled={busy() || !p.n.persistent}
              onChange={(e) => void run(p.n.name, () => setNetworkAutostart(p.n.name, e.currentTarget.checked))} />
            <span>{t('net.autostart')}</span>
          </label>
          <button type="button" class="button" data-testid={active() ? 'network-deactivate' : 'network-activate'} disabled={busy()}
            onClick={() => void run(p.n.name, () => networkAction(p.n.name, active() ? 'deactivate' : 'activate'))}>
            {t(active() ? 'net.deactivate' : 'net.activate')}
          </button>
          <button type="button" class="button button--danger" data-testid="network-delete" disabled={busy()} onClick={() => setDeleting(p.n)}>
            {t('net.delete')}
          </button>
        </td>
      </tr>
    );
  };

  return (
    <div class="networks" data-testid="networks-page" data-state={networks.loading ? 'loading' : networks.error ? 'error' : 'ready'}>
      <div class="toolbar">
        <h3 class="toolbar__title">{t('net.title')}</h3>
        <button type="button" class="button button--primary" data-testid="new-network" onClick={() => setCreating(true)}>{t('net.new')}</button>
      </div>
      <Show when={failure()}>
        {(f) => <p class="form-error notes" role="alert" data-testid="network-error">{f().reason}</p>}
      </Show>
      <Switch>
        <Match when={networks.error}>
          <p class="form-error" role="alert" data-testid="network-list-error">{describeFailure(networks.error).reason}</p>
        </Match>
        <Match when={networks.latest}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="networks__empty">{t('net.empty')}</p>}>
              <div class="table-frame">
                <table class="data-table network-table" data-testid="network-list">
                  <thead>
                    <tr>
                      <th>{t('net.col.name')}</th><th>{t('net.col.state')}</th><th>{t('net.col.type')}</th>
                      <th>{t('net.col.subnet')}</th><th>{t('net.col.vms')}</th><th>{t('net.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody><For each={list()}>{(n) => <Row n={n} />}</For></tbody>
                </table>
              </div>
            </Show>
          )}
        </Match>
        <Match when={true}>
          <p role="status">{t('net.loading')}</p>
        </Match>
      </Switch>
      <Show when={creating()}>
        <CreateNetworkDialog onClose={() => setCreating(false)} onCreated={() => { setCreating(false); void refetch(); }} />
      </Show>
      <Show when={deleting()}>
        {(n) => <DeleteNetworkDialog network={n()} onClose={() => setDeleting(undefined)} onDone={() => { setDeleting(undefined); void refetch(); }} />}
      </Show>
    </div>
  );
}
