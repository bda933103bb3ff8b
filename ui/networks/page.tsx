// The Network tab: every network with state, type, subnet and its guests (a count that expands); create, activate,
// deactivate, autostart, fixed DHCP addresses and delete, each reported in a toast.
import { For, Match, Show, Switch, createEffect, createResource, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { subscribeEvents } from '../api/events.ts';
import { listNetworks, networkAction, setNetworkAutostart, type Network } from '../api/networks.ts';
import { describeFailure } from '../common/failure.ts';
import { report } from '../common/report.ts';
import { toastSuccess } from '../common/toast.ts';
import { CreateNetworkDialog } from './create-dialog.tsx';
import { DeleteNetworkDialog } from './delete-dialog.tsx';
import { FixedAddressesDialog } from './fixed-dialog.tsx';
import { t } from './i18n.ts';
import { NetworkRow } from './row.tsx';
import '../common/controls.css';
import './networks.css';

export function NetworkPage() {
  const [networks, { refetch }] = createResource(listNetworks);
  // Rows keyed by name and updated in place, so an open guest list and keyboard focus survive every re-read.
  const [rows, setRows] = createStore<Network[]>([]);
  createEffect(() => { const list = networks.latest; if (list) setRows(reconcile(list, { key: 'name' })); });
  const [creating, setCreating] = createSignal(false);
  const [deleting, setDeleting] = createSignal<Network>();
  // By name: the dialog reads the row from the store, so it shows each re-read.
  const [fixing, setFixing] = createSignal<string>();
  const [pending, setPending] = createSignal<string>();
  const [expanded, setExpanded] = createSignal<ReadonlySet<string>>(new Set());

  // Re-read on `network` events (virsh included) and after reconnecting (changes made while the stream was down).
  onCleanup(subscribeEvents({ open: () => void refetch(), network: () => void refetch() }));

  async function run(name: string, work: () => Promise<unknown>, done: Parameters<typeof t>[0], failed: Parameters<typeof t>[0]) {
    setPending(name);
    await report(work, { done: t(done, { name }), failed: t(failed, { name }) });
    await refetch();
    setPending(undefined);
  }
  const toggle = (name: string) => setExpanded((open) => {
    const next = new Set(open);
    if (!next.delete(name)) next.add(name);
    return next;
  });

  return (
    <div class="networks" data-testid="networks-page" data-state={networks.loading ? 'loading' : networks.error ? 'error' : 'ready'}>
      <div class="toolbar">
        <h3 class="toolbar__title">{t('net.title')}</h3>
        <button type="button" class="button button--primary" data-testid="new-network" onClick={() => setCreating(true)}>{t('net.new')}</button>
      </div>
      <Switch>
        <Match when={networks.error && !networks.latest}>
          <p class="form-error" role="alert" data-testid="network-list-error">{describeFailure(networks.error).reason}</p>
        </Match>
        <Match when={networks.latest}>
          <Show when={rows.length > 0} fallback={<p class="networks__empty">{t('net.empty')}</p>}>
            <div class="table-frame">
              <table class="data-table network-table" data-testid="network-list">
                <thead>
                  <tr>
                    <th>{t('net.col.name')}</th><th>{t('net.col.state')}</th><th>{t('net.col.type')}</th>
                    <th>{t('net.col.subnet')}</th><th>{t('net.col.vms')}</th><th>{t('net.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows}>
                    {(n) => (
                      <NetworkRow n={n} busy={pending() === n.name} expanded={expanded().has(n.name)} onToggleVms={() => toggle(n.name)}
                        onAutostart={(on) => run(n.name, () => setNetworkAutostart(n.name, on), on ? 'toast.autostartOn' : 'toast.autostartOff', 'toast.autostartFailed')}
                        onActivate={(on) => void run(n.name, () => networkAction(n.name, on ? 'activate' : 'deactivate'),
                          on ? 'toast.activated' : 'toast.deactivated', on ? 'toast.activateFailed' : 'toast.deactivateFailed')}
                        onDelete={() => setDeleting(n)} onFixed={() => setFixing(n.name)} />
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Match>
        <Match when={true}>
          <p role="status">{t('net.loading')}</p>
        </Match>
      </Switch>
      <Show when={creating()}>
        <CreateNetworkDialog onClose={() => setCreating(false)}
          onCreated={(n) => { setCreating(false); toastSuccess(t('toast.created', { name: n.name })); void refetch(); }} />
      </Show>
      <Show when={rows.find((r) => r.name === fixing())}>
        {(n) => <FixedAddressesDialog network={n()} onChanged={async () => { await refetch(); }} onClose={() => setFixing(undefined)} />}
      </Show>
      <Show when={deleting()}>
        {(n) => (
          <DeleteNetworkDialog network={n()} onClose={() => setDeleting(undefined)}
            onDone={() => { toastSuccess(t('toast.deleted', { name: n().name })); setDeleting(undefined); void refetch(); }} />
        )}
      </Show>
    </div>
  );
}
