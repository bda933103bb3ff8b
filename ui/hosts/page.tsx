// The Hosts tab: every managed host with its state (libvirt's reason when it fails), add, edit, remove, its guests.
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { deleteHost, type Host } from '../api/hosts.ts';
import { formatDate } from '../common/format.ts';
import { href } from '../common/route.ts';
import { reportFailure } from '../common/report.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { toastSuccess } from '../common/toast.ts';
import { HostDialog } from './host-dialog.tsx';
import { t } from './i18n.ts';
import { hostsStore } from './store.ts';
import { StateDot } from './switcher.tsx';
import '../common/controls.css';
import './hosts.css';

function HostRow(props: { host: Host; onEdit: () => void; onRemove: () => void }) {
  const h = () => props.host;
  return (
    <tr data-testid="host-row" data-name={h().name} data-state={h().state}>
      <td class="host-table__name">
        {h().name}
        <Show when={h().local}><span class="host-retry">{t('row.local')}</span></Show>
      </td>
      <td>
        <span class="host-state" data-testid="host-state"><StateDot state={h().state} />{t(`state.${h().state}`)}</span>
        <Show when={h().state !== 'connected' && h().reason}>
          <span class="host-reason" data-testid="host-reason">{h().reason}</span>
        </Show>
        <Show when={h().problem}>
          {(problem) => <span class="host-reason" data-testid="host-problem">{problem()}</span>}
        </Show>
        <Show when={h().state !== 'connected' && h().next_retry}>
          {(at) => <span class="host-retry">{t('row.retry', { time: formatDate(new Date(at()), { timeStyle: 'medium' }) })}</span>}
        </Show>
      </td>
      <td class="host-table__uri">{h().uri}</td>
      <td>{h().description ?? ''}</td>
      <td>
        <div class="host-table__actions">
          <a class="button" data-testid="host-guests" href={href(['guests'], { host: h().name })}
            aria-label={t('row.guestsLabel', { name: h().name })}>{t('row.guests')}</a>
          <button type="button" class="button" data-testid="host-edit" aria-label={t('row.editLabel', { name: h().name })}
            onClick={() => props.onEdit()}>{t('row.edit')}</button>
          <Show when={!h().local}>
            <button type="button" class="button button--danger" data-testid="host-remove" aria-label={t('row.removeLabel', { name: h().name })}
              onClick={() => props.onRemove()}>{t('row.remove')}</button>
          </Show>
        </div>
      </td>
    </tr>
  );
}

export function HostsPage() {
  const store = hostsStore();
  const [editing, setEditing] = createSignal<Host | 'new'>();
  const [removing, setRemoving] = createSignal<Host>();

  return (
    <div class="hosts" data-testid="hosts-page" data-state={store.loaded() ? 'ready' : store.error() ? 'error' : 'loading'}>
      <div class="toolbar">
        <h3 class="toolbar__title">{t('page.title')}</h3>
        <button type="button" class="button button--primary" data-testid="add-host" onClick={() => setEditing('new')}>{t('page.add')}</button>
      </div>
      <p class="hosts__intro">{t('page.intro')}</p>
      <Switch>
        <Match when={store.loaded()}>
          <div class="table-frame">
            <table class="data-table host-table" data-testid="host-list">
              <thead>
                <tr>
                  <th scope="col">{t('col.name')}</th><th scope="col">{t('col.state')}</th><th scope="col">{t('col.uri')}</th>
                  <th scope="col">{t('col.description')}</th><th scope="col">{t('col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={store.list}>
                  {(host) => <HostRow host={host} onEdit={() => setEditing(host)} onRemove={() => setRemoving(host)} />}
                </For>
              </tbody>
            </table>
          </div>
        </Match>
        <Match when={store.error()}>
          {(f) => <p class="form-error" role="alert" data-testid="host-list-error">{f().reason}</p>}
        </Match>
        <Match when={true}>
          <p role="status">{t('page.loading')}</p>
        </Match>
      </Switch>

      <Show when={editing()}>
        {(which) => {
          const host = which() === 'new' ? undefined : (which() as Host);
          return (
            <HostDialog host={host} onClose={() => setEditing(undefined)} onSaved={(saved, askedAt) => {
              setEditing(undefined);
              store.put(saved, askedAt);
              toastSuccess(t(host ? 'toast.saved' : 'toast.added', { name: saved.name }));
            }} />
          );
        }}
      </Show>
      <Show when={removing()}>
        {(host) => (
          <ConfirmDialog title={t('remove.title', { name: host().name })} confirmLabel={t('remove.confirm')} testId="host-remove-dialog"
            partsTestId="host-remove" action={() => reportFailure(() => deleteHost(host().name), t('remove.title', { name: host().name }))}
            onClose={() => setRemoving(undefined)}
            onDone={() => { const name = host().name; setRemoving(undefined); store.remove(name); toastSuccess(t('toast.removed', { name })); }}>
            <p>{t('remove.body', { name: host().name })}</p>
          </ConfirmDialog>
        )}
      </Show>
    </div>
  );
}
