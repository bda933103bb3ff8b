// Delete a guest: read the deletion plan first, list the disks that go and those kept (and why), delete only on confirm.
import { For, Match, Show, Switch, createResource, createSignal } from 'solid-js';
import { deleteVm, getDeletionPlan, type Vm } from '../api/index.ts';
import { vmHost } from '../api/vms.ts';
import { Dialog } from '../common/dialog.tsx';
import { describeFailure, type Failure } from '../common/failure.ts';
import { t } from '../common/i18n/index.ts';

export interface DeleteVmDialogProps {
  vm: Vm;
  onClose: () => void;
  /** The VM is gone. */
  onDeleted: (name: string) => void;
}

export function DeleteVmDialog(props: DeleteVmDialogProps) {
  const name = props.vm.name;
  const host = vmHost(props.vm);
  const [plan] = createResource(() => getDeletionPlan(name, host));
  const [deleting, setDeleting] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();

  const state = () => (deleting() ? 'deleting' : plan.loading ? 'loading' : plan.error ? 'error' : 'ready');

  async function confirm(): Promise<void> {
    setDeleting(true);
    setFailure(undefined);
    try {
      await deleteVm(name, host);
      props.onDeleted(name);
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setDeleting(false);
    }
  }

  return (
    <Dialog
      title={t('vmDelete.title', { name })}
      testId="vm-delete-dialog"
      state={state()}
      busy={deleting()}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="button" data-testid="vm-delete-cancel" disabled={deleting()} onClick={props.onClose}>
            {t('dialog.cancel')}
          </button>
          <button
            type="button"
            class="button button--danger-solid"
            data-testid="vm-delete-confirm"
            disabled={state() !== 'ready'}
            aria-busy={deleting() ? 'true' : undefined}
            onClick={() => void confirm()}
          >
            {deleting() ? t('vmDelete.deleting') : t('vmDelete.confirm')}
          </button>
        </>
      }
    >
      <Switch>
        <Match when={plan.loading}>
          <p role="status">{t('vmDelete.loading')}</p>
        </Match>
        <Match when={plan.error}>
          <p class="form-error" role="alert" data-testid="vm-delete-plan-error">{describeFailure(plan.error).reason}</p>
        </Match>
        <Match when={plan()}>
          {(current) => (
            <>
              <p>{t('vmDelete.intro', { name })}</p>
              <section class="deletion" data-testid="deletion-delete">
                <h3 class="deletion__title">{t('vmDelete.deleteHeading')}</h3>
                <Show when={current().delete.length > 0} fallback={<p class="deletion__none">{t('vmDelete.noneDeleted')}</p>}>
                  <ul class="deletion__list">
                    <For each={current().delete}>
                      {(disk) => (
                        <li class="deletion__item deletion__item--delete" data-testid="deletion-delete-item" data-path={disk.path}>
                          <span class="deletion__path">{disk.path}</span>
                          <span class="deletion__why">{t('vmDelete.volume', { dev: disk.dev, pool: disk.pool, volume: disk.volume })}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>
              <Show when={current().keep.length > 0}>
                <section class="deletion" data-testid="deletion-keep">
                  <h3 class="deletion__title">{t('vmDelete.keepHeading')}</h3>
                  <ul class="deletion__list">
                    <For each={current().keep}>
                      {(disk) => (
                        <li class="deletion__item" data-testid="deletion-keep-item" data-path={disk.path} data-reason={disk.reason}>
                          <span class="deletion__path">{disk.path}</span>
                          <span class="deletion__why">{disk.message}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              </Show>
            </>
          )}
        </Match>
      </Switch>
      <Show when={failure()}>
        {(f) => <p class="form-error" role="alert" data-testid="vm-delete-error">{f().reason}</p>}
      </Show>
    </Dialog>
  );
}
