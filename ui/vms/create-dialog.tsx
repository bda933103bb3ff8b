// New guest: pick a valid template, optionally name it (checked as you type), create, then follow the Task live.
import { For, Show, createResource, createSignal, onCleanup } from 'solid-js';
import { createVm, isTemplateValid, listTemplates, templateUri, type Task } from '../api/index.ts';
import { Dialog } from '../common/dialog.tsx';
import { TextField } from '../common/field.tsx';
import { describeFailure, type Failure } from '../common/failure.ts';
import { t } from '../common/i18n/index.ts';
import { nameProblem } from '../common/names.ts';
import { TaskStatus } from '../tasks/task-status.tsx';
import { watchTask } from '../tasks/watch.ts';

export interface CreateVmDialogProps {
  onClose: () => void;
}

export function CreateVmDialog(props: CreateVmDialogProps) {
  const [templates] = createResource(listTemplates);
  const [template, setTemplate] = createSignal('');
  const [name, setName] = createSignal('');
  const [submitting, setSubmitting] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const [task, setTask] = createSignal<Task>();
  let stopWatching = () => {};
  onCleanup(() => stopWatching());

  const valid = () => (templates() ?? []).filter(isTemplateValid);
  // The first valid template is preselected once the list arrives.
  const chosen = () => template() || valid()[0]?.name || '';
  const nameError = () => (name() === '' ? undefined : nameProblem(name()));
  const nameMessage = () => { const key = nameError(); return key ? t(key) : undefined; };
  const canCreate = () => chosen() !== '' && !nameError() && !submitting() && !task();
  const state = () => task()?.status ?? (submitting() ? 'submitting' : 'editing');

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!canCreate()) return;
    setSubmitting(true);
    setFailure(undefined);
    try {
      const started = await createVm({ template: templateUri(chosen()), ...(name() ? { name: name() } : {}) });
      setTask(started);
      stopWatching = watchTask(started, setTask);
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Dialog
      title={t('vmCreate.title')}
      testId="vm-create-dialog"
      state={state()}
      busy={submitting()}
      onClose={props.onClose}
      footer={
        <Show
          when={!task()}
          fallback={
            <button type="button" class="button button--primary" data-testid="vm-create-close" onClick={props.onClose}>
              {t('dialog.close')}
            </button>
          }
        >
          <button type="button" class="button" data-testid="vm-create-cancel" disabled={submitting()} onClick={props.onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" form="vm-create-form" class="button button--primary" data-testid="vm-create-submit" disabled={!canCreate()} aria-busy={submitting() ? 'true' : undefined}>
            {submitting() ? t('vmCreate.creating') : t('vmCreate.create')}
          </button>
        </Show>
      }
    >
      <Show when={task()} fallback={
        <form id="vm-create-form" class="form" onSubmit={(e) => void submit(e)} novalidate>
          <label class="field">
            <span class="field__label">{t('vmCreate.template')}</span>
            <select
              class="field__input"
              data-testid="vm-create-template"
              data-ready={templates.loading ? undefined : 'true'}
              value={chosen()}
              disabled={submitting()}
              onChange={(e) => setTemplate(e.currentTarget.value)}
            >
              <Show when={valid().length === 0}>
                <option value="">{templates.loading ? t('vmCreate.loadingTemplates') : t('vmCreate.noTemplates')}</option>
              </Show>
              <For each={templates() ?? []}>
                {(one) => (
                  <option value={one.name} disabled={!isTemplateValid(one)} selected={one.name === chosen()}>
                    {isTemplateValid(one) ? one.name : t('vmCreate.invalidOption', { name: one.name, reason: one.invalid_reason ?? '' })}
                  </option>
                )}
              </For>
            </select>
            <Show when={!templates.loading && valid().length === 0}>
              <span class="field__hint" data-testid="vm-create-no-templates">{t('vmCreate.noTemplatesHint')}</span>
            </Show>
          </label>
          <Show when={templates.error}>
            <p class="form-error" role="alert">{describeFailure(templates.error).reason}</p>
          </Show>
          <TextField label={t('vmCreate.name')} hint={t('vmCreate.nameHint')} error={nameMessage()}
            testId="vm-create-name" value={name()} placeholder={t('vmCreate.namePlaceholder')} disabled={submitting()} onInput={setName} />
          <Show when={failure()}>
            {(f) => <p class="form-error" role="alert" data-testid="vm-create-error">{f().reason}</p>}
          </Show>
        </form>
      }>
        {(current) => <TaskStatus task={current()} />}
      </Show>
    </Dialog>
  );
}
