// The Guests tab: the live VM list as cards, "New guest", clone tasks, and the delete confirmation.
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { cloneVm, type Vm } from '../api/index.ts';
import { isAdmin } from '../auth/session.ts';
import { describeFailure } from '../common/failure.ts';
import { t } from '../common/i18n/index.ts';
import { Placeholder } from '../common/placeholder.tsx';
import { TaskStatus } from '../tasks/task-status.tsx';
import { createTaskList } from '../tasks/watch.ts';
import { VmCard } from './card.tsx';
import { CreateVmDialog } from './create-dialog.tsx';
import { DeleteVmDialog } from './delete-dialog.tsx';
import { createVmStore } from './store.ts';
import '../common/controls.css';
import './vms.css';

export function GuestsPage() {
  const store = createVmStore();
  const tasks = createTaskList();
  const [creating, setCreating] = createSignal(false);
  const [deleting, setDeleting] = createSignal<Vm>();

  async function clone(vm: Vm): Promise<void> {
    store.setPending(vm.name, 'clone');
    store.setFailure(vm.name, undefined);
    try {
      tasks.track(await cloneVm(vm.name));
    } catch (e) {
      store.setFailure(vm.name, describeFailure(e));
    } finally {
      store.setPending(vm.name, undefined);
    }
  }

  return (
    <div class="guests" data-testid="guests-page" data-state={store.vms() ? 'ready' : store.error() ? 'error' : 'loading'}>
      <div class="toolbar">
        <h3 class="toolbar__title">{t('guests.title')}</h3>
        <Show when={isAdmin()}>
          <button type="button" class="button button--primary" data-testid="new-guest" onClick={() => setCreating(true)}>
            {t('guests.new')}
          </button>
        </Show>
      </div>

      <Show when={tasks.tasks().length > 0}>
        <div class="notes" data-testid="guest-tasks">
          <For each={tasks.tasks()}>{(task) => <TaskStatus task={task} onDismiss={() => tasks.dismiss(task.id)} />}</For>
        </div>
      </Show>

      <Switch>
        <Match when={store.vms()}>
          {(vms) => (
            <Show when={vms().length > 0} fallback={<Placeholder title="guests.empty" hint="guests.emptyHint" />}>
              <div class="vm-list" data-testid="vm-list">
                <For each={vms()}>
                  {(vm) => <VmCard vm={vm} store={store} onClone={(one) => void clone(one)} onDelete={setDeleting} />}
                </For>
              </div>
            </Show>
          )}
        </Match>
        <Match when={store.error()}>
          {(failure) => <p class="form-error" role="alert" data-testid="vm-list-error">{failure().reason}</p>}
        </Match>
        <Match when={true}>
          <p role="status">{t('guests.loading')}</p>
        </Match>
      </Switch>

      <Show when={creating()}>
        <CreateVmDialog onClose={() => setCreating(false)} />
      </Show>
      <Show when={deleting()}>
        {(vm) => (
          <DeleteVmDialog
            vm={vm()}
            onClose={() => setDeleting(undefined)}
            onDeleted={() => {
              setDeleting(undefined);
              store.refresh();
            }}
          />
        )}
      </Show>
    </div>
  );
}
