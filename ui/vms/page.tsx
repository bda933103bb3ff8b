// The Guests tab: search and state filters, the live virtualised table, the selection's bulk actions and the dialogs;
// on the chosen host, or on every host (a Host column, and a line naming the hosts that did not answer).
import { For, Match, Show, Switch, createMemo, createSignal, lazy } from 'solid-js';
import type { Vm } from '../api/vms.ts';
import { ALL_HOSTS, hostChoice } from '../api/scope.ts';
import { hostsStore } from '../hosts/store.ts';
import { isAdmin } from '../auth/session.ts';
import { t as common } from '../common/i18n/index.ts';
import { Placeholder } from '../common/placeholder.tsx';
import { setQuery } from '../common/route.ts';
import { toastSuccess } from '../common/toast.ts';
import { BulkBar } from './bulk-bar.tsx';
import { BulkDeleteDialog } from './bulk-delete-dialog.tsx';
import { CreateVmDialog } from './create-dialog.tsx';
import { DeleteVmDialog } from './delete-dialog.tsx';
import { Filters } from './filters.tsx';
import { t } from './i18n.ts';
import { pollVisibleStats } from './live-stats.ts';
import { createVmStore } from './store.ts';
import { VmTable } from './table.tsx';
import { createListView } from './view.ts';
import { noteListChoice } from '../vm/route.ts';
import '../common/controls.css';
import './vms.css';

// The migrate dialog (ui/migration) is its own chunk: the Guests tab's first load stays small.
const MigrateDialog = lazy(() => import('../migration/migrate-dialog.tsx').then((m) => ({ default: m.MigrateDialog })));

export function GuestsPage() {
  // The shell starts this page afresh when the host choice changes: the store is the chosen host's (or every host's).
  const store = createVmStore(hostChoice());
  noteListChoice(store.choice);
  const hosts = hostsStore();
  const all = store.choice === ALL_HOSTS;
  // A Host column only when there is more than one host to tell apart.
  const showHost = () => all && (hosts.list.length > 1 || store.keys().some((k) => !k.startsWith('local/')));
  /** The hosts whose guests this list cannot show, with libvirt's reason when the server knows it. */
  const down = createMemo(() => {
    const named = all ? store.unreachable() : hosts.list.some((h) => h.name === store.choice && h.state === 'failing') ? [store.choice] : [];
    const failing = all ? hosts.list.filter((h) => h.state === 'failing').map((h) => h.name) : [];
    return [...new Set([...named, ...failing])].map((host) => ({ host, reason: hosts.list.find((h) => h.name === host)?.reason }));
  });
  const view = createListView(store);
  const onVisible = pollVisibleStats(store);
  const [creating, setCreating] = createSignal(false);
  const [deleting, setDeleting] = createSignal<string>();
  // The guest as it was when Migrate… was chosen: the dialog outlives its row (the guest leaves this host).
  const [migrating, setMigrating] = createSignal<Vm>();
  const [bulkDeleting, setBulkDeleting] = createSignal<readonly string[]>();
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set());

  // The selection survives updates, sorts and filters, but acts only on the guests the list shows: a bulk action
  // (a bulk delete above all) never reaches a guest the user cannot see.
  const selection = createMemo(() => view.rows().filter((n) => picked().has(n)));
  const select = (name: string, on: boolean) => setPicked((s) => {
    const next = new Set(s);
    if (on) next.add(name); else next.delete(name);
    return next;
  });
  const allSelected = () => view.rows().length > 0 && view.rows().every((n) => picked().has(n));
  const selectAll = (on: boolean) => setPicked(on ? new Set([...picked(), ...view.rows()]) : new Set<string>());

  const state = () => (store.loaded() ? 'ready' : store.error() ? 'error' : 'loading');

  return (
    <div class="guests" data-testid="guests-page" data-state={state()}>
      <div class="toolbar">
        <h3 class="toolbar__title">{common('guests.title')}</h3>
        <Show when={store.loaded()}>
          <span class="guests__count" data-testid="vm-shown">{t('shown', { shown: view.rows().length, total: store.keys().length })}</span>
        </Show>
        <Show when={isAdmin()}>
          <button type="button" class="button button--primary" data-testid="new-guest" onClick={() => setCreating(true)}>
            {common('guests.new')}
          </button>
        </Show>
      </div>

      <Show when={down().length > 0}>
        <ul class="notes guests__down" data-testid="vm-hosts-down" role="status">
          <For each={down()}>
            {(d) => (
              <li class="form-error" data-testid="vm-host-down" data-host={d.host}>
                {d.reason ? t('hostDown', { host: d.host, reason: d.reason }) : t('unreachable', { hosts: d.host })}
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Switch>
        <Match when={store.loaded() && store.keys().length === 0}>
          <Placeholder title="guests.empty" hint="guests.emptyHint" />
        </Match>
        <Match when={store.loaded()}>
          <Filters view={view} />
          <Show when={selection().length > 0}>
            <BulkBar store={store} selection={selection} onClear={() => setPicked(new Set())} onDelete={() => setBulkDeleting(selection())} />
          </Show>
          <VmTable store={store} view={view} showHost={showHost()} selected={(n) => picked().has(n)} onSelect={select} onSelectAll={selectAll}
            allSelected={allSelected} onDelete={setDeleting} onVisible={onVisible}
            onMigrate={(key) => setMigrating({ ...store.byKey[key] })} />
          <Show when={view.rows().length === 0}>
            <div class="vm-table__empty" data-testid="vm-none">
              <p>{view.query().q ? t('none.match', { q: view.query().q }) : t('none.state')}</p>
              <button type="button" class="button" data-testid="vm-clear-filters" onClick={() => setQuery({ q: undefined, state: undefined })}>
                {t('clear')}
              </button>
            </div>
          </Show>
        </Match>
        <Match when={store.error()}>
          {(failure) => <p class="form-error" role="alert" data-testid="vm-list-error">{failure().reason}</p>}
        </Match>
        <Match when={true}>
          <p role="status">{common('guests.loading')}</p>
        </Match>
      </Switch>

      <Show when={creating()}>
        <CreateVmDialog onClose={() => setCreating(false)} />
      </Show>
      <Show when={deleting() ? store.byKey[deleting()!] : undefined}>
        {(vm) => (
          <DeleteVmDialog
            vm={vm()}
            onClose={() => setDeleting(undefined)}
            onDeleted={(name) => {
              const key = deleting()!;
              setDeleting(undefined);
              store.remove(key);
              toastSuccess(t('done.delete', { name }));
            }}
          />
        )}
      </Show>
      <Show when={migrating()}>
        {(vm) => <MigrateDialog vm={vm()} onClose={() => setMigrating(undefined)} onMigrated={() => {}} />}
      </Show>
      <Show when={bulkDeleting()}>
        {(names) => (
          <BulkDeleteDialog store={store} keys={names()} onClose={() => setBulkDeleting(undefined)}
            onDone={(failed) => { setBulkDeleting(undefined); setPicked(new Set(failed)); }} />
        )}
      </Show>
    </div>
  );
}
