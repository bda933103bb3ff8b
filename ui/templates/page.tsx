// The Templates tab: the template list, "New template", clone, and delete after confirmation; outcomes in toasts.
import { For, Match, Show, Switch, createResource, createSignal, onCleanup } from 'solid-js';
import { cloneTemplate, deleteTemplate, subscribeEvents, type Template } from '../api/index.ts';
import { listTemplatesOn } from '../api/templates.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { describeFailure } from '../common/failure.ts';
import { plural } from '../common/format.ts';
import { t } from '../common/i18n/index.ts';
import { Placeholder } from '../common/placeholder.tsx';
import { report, reportFailure } from '../common/report.ts';
import { toastSuccess } from '../common/toast.ts';
import { TemplateCard } from './card.tsx';
import { createCheckHost } from './check-host.tsx';
import { CreateTemplateDialog } from './create-dialog.tsx';
import { tt } from './i18n.ts';
import { clearPendingIso, pendingIso } from './iso-handoff.ts';
import '../common/controls.css';
import './templates.css';

export function TemplatesPage() {
  // Validity is per host: under All hosts the user picks which (local first), else it is the chosen host.
  const check = createCheckHost();
  const [templates, { refetch }] = createResource(check.host, listTemplatesOn);
  // An ISO picked on the Storage page opens "New template" with it.
  const handedIso = pendingIso();
  clearPendingIso();
  const [creating, setCreating] = createSignal(handedIso !== undefined);
  const [deleting, setDeleting] = createSignal<Template>();
  const [cloning, setCloning] = createSignal<string>();

  // A template turns invalid when its ISO, pool or network goes; a template-from-VM task adds one.
  onCleanup(subscribeEvents({ task: (task) => task.status === 'finished' && void refetch() }));

  async function clone(template: Template): Promise<void> {
    const name = template.name;
    setCloning(name);
    let made = '';
    await report(async () => { made = (await cloneTemplate(name)).name; }, {
      get done() { return tt('toast.cloned', { name, clone: made }); }, failed: tt('toast.cloneFailed', { name }),
    });
    await refetch();
    setCloning(undefined);
  }

  return (
    <div class="templates" data-testid="templates-page" data-state={templates.loading ? 'loading' : templates.error ? 'error' : 'ready'}>
      <div class="toolbar">
        <h3 class="toolbar__title">{t('templates.title')}</h3>
        <button type="button" class="button button--primary" data-testid="new-template" onClick={() => setCreating(true)}>
          {t('templates.new')}
        </button>
      </div>
      <check.CheckHost />
      <Switch>
        <Match when={templates.error}>
          <p class="form-error" role="alert" data-testid="template-list-error">{describeFailure(templates.error).reason}</p>
        </Match>
        <Match when={templates.latest}>
          {(list) => (
            <Show when={list().length > 0} fallback={<Placeholder title="templates.empty" hint="templates.emptyHint" />}>
              <p class="muted templates__count" data-testid="template-count">{plural(list().length, { one: tt('count.one'), other: tt('count.other') })}</p>
              <div class="template-list" data-testid="template-list">
                <For each={list()}>
                  {(one) => <TemplateCard template={one} host={check.host()} cloning={cloning() === one.name} onClone={(x) => void clone(x)} onDelete={setDeleting} />}
                </For>
              </div>
            </Show>
          )}
        </Match>
        <Match when={true}>
          <p role="status">{t('templates.loading')}</p>
        </Match>
      </Switch>

      <Show when={creating()}>
        <CreateTemplateDialog
          cdrom={handedIso}
          onClose={() => setCreating(false)}
          onCreated={(made) => {
            setCreating(false);
            toastSuccess(tt('toast.created', { name: made.name }));
            void refetch();
          }}
        />
      </Show>
      <Show when={deleting()}>
        {(template) => (
          <ConfirmDialog
            title={t('templateDelete.title', { name: template().name })}
            confirmLabel={t('templateDelete.confirm')}
            testId="template-delete-dialog"
            action={() => reportFailure(() => deleteTemplate(template().name), tt('toast.deleteFailed', { name: template().name }))}
            onDone={() => {
              toastSuccess(tt('toast.deleted', { name: template().name }));
              setDeleting(undefined);
              void refetch();
            }}
            onClose={() => setDeleting(undefined)}
          >
            <p>{t('templateDelete.body', { name: template().name })}</p>
          </ConfirmDialog>
        )}
      </Show>
    </div>
  );
}
