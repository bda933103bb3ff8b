// New guest in one dialog: pick an install source (an ISO from any pool, a host path, a disk image, a cloud image with
// cloud-init, an upload or a
// template), adjust the pre-filled settings, Create → the dialog closes, a toast follows the Task, the guest's page opens.
import { createEffect, createSignal, Match, Show, Switch, untrack } from 'solid-js';
import { createVm } from '../../api/index.ts';
import { Dialog } from '../../common/dialog.tsx';
import { describeFailure, type Failure } from '../../common/failure.ts';
import { route } from '../../common/route.ts';
import { toastTask } from '../../common/toast.ts';
import { openVmPage } from '../../vm/route.ts';
import { createGuestData } from './data.ts';
import { createGuestForm, type SourceKind } from './form.ts';
import { t, type CreateKey } from './i18n.ts';
import { IsoList } from './iso-list.tsx';
import { Settings } from './settings.tsx';
import { CloudImagePanel, CloudInitFields } from './cloud-panel.tsx';
import { t as tCloud } from './cloud-i18n.ts';
import { createMachineChoice, MachineSettings } from './machine-settings.tsx';
import { uaLabel, UnattendedFields } from './unattended-panel.tsx';
import { ImagePanel, PathPanel, TemplatePanel, UploadPanel } from './source-panels.tsx';
import { onChosenHost, type GuestHostProps } from './host-field.tsx';
import '../../common/controls.css';
import './create.css';

const KINDS: SourceKind[] = ['iso', 'path', 'image', 'cloud', 'upload', 'template'];

const LABELS: Partial<Record<string, CreateKey>> = { name: 'name', memory: 'memory', cpus: 'cpus', disk: 'disk', pool: 'pool', saveName: 'templateName' };

const CLOUD_LABELS: Partial<Record<string, 'user' | 'keys' | 'hostname'>> = { ciUser: 'user', ciKeys: 'keys', ciHostname: 'hostname' };

/** The pool new disks go to by default: `default`, as Kimchi does, else the first active one. */
const preferred = (names: string[]) => (names.includes('default') ? 'default' : names[0] ?? '');

/** The dialog on its host (ui/vms/create/host-field.tsx): made afresh when the Host field names another. */
export const CreateVmDialog = onChosenHost(GuestDialog);

function GuestDialog(props: GuestHostProps) {
  const data = createGuestData();
  const form = createGuestForm(data);
  const machine = createMachineChoice();
  createEffect(() => machine.adoptTemplate(form.template()));
  const [submitting, setSubmitting] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  let nameInput: HTMLInputElement | undefined;
  let formEl: HTMLFormElement | undefined;

  // Once the lists arrive, an empty pool or network field takes the usual choice (a template picked first keeps its own).
  createEffect(() => { const pools = data.pools(); if (pools && !untrack(() => form.value('pool'))) form.adopt({ pool: preferred(pools.map((p) => p.name)) }); });
  createEffect(() => { const nets = data.networks(); if (nets && !untrack(() => form.kind() === 'template')) form.adopt({ network: preferred(nets.map((n) => n.name)) }); });

  /** A source was picked: the name (pre-filled, selected) is next, so typing replaces it. */
  const picked = () => queueMicrotask(() => { nameInput?.focus(); nameInput?.select(); });
  /** Why Create cannot run yet, naming the field: shown beside the button so nobody hunts for it. */
  const firstProblem = () => {
    const [field, message] = Object.entries(form.problems())[0] ?? [];
    if (!field) return machine.problem();
    const label = LABELS[field];
    const cloud = CLOUD_LABELS[field];
    const ua = uaLabel(field);
    return label ? `${t(label)}: ${message}` : cloud ? `${tCloud(cloud)}: ${message}` : ua ? `${ua}: ${message}` : message;
  };
  const canCreate = () => !submitting() && firstProblem() === undefined;

  /** Create was clicked (or Enter pressed) on an incomplete form: every field says what it lacks, the first one takes focus. */
  const [tried, setTried] = createSignal(false);
  function showMissing(): void {
    form.touchAll();
    setTried(true);
    queueMicrotask(() => {
      const bad = formEl?.querySelector<HTMLElement>('[aria-invalid=true]:not([disabled])');
      // No source yet: focus the chosen kind's first choice (an ISO, the path box), else the kind itself.
      const source = form.problems().source !== undefined
        ? formEl?.querySelector<HTMLElement>('.vm-create__source > :not(legend):not(.segmented) :is(input, select, textarea, button):not([disabled])')
          ?? formEl?.querySelector<HTMLElement>('.vm-create__source input:checked')
        : undefined;
      (source ?? bad)?.focus();
    });
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (submitting()) return;
    if (!canCreate()) return showMissing();
    setSubmitting(true);
    setFailure(undefined);
    const body = { ...form.body(), ...machine.body() };
    try {
      const task = await createVm(body, props.host);
      props.onClose();
      const from = route().path.join('/');
      toastTask(t('toast', { name: body.name! }), task, (end) => {
        // Open the new guest's page unless the user has gone somewhere else meanwhile.
        if (end.status === 'finished' && route().path.join('/') === from) openVmPage(body.name!, props.host);
      });
    } catch (e) {
      setFailure(describeFailure(e));
      setSubmitting(false);
    }
  }


  return (
    <Dialog title={t('title')} testId="vm-create-dialog" state={submitting() ? 'submitting' : 'editing'} busy={submitting()} onClose={props.onClose}
      footer={<>
        <Show when={!canCreate() && !submitting()}>
          <p class="vm-create__why" classList={{ 'is-tried': tried() }} data-testid="vm-create-why" id="vm-create-why"
            role={tried() ? 'alert' : undefined}>{firstProblem()}</p>
        </Show>
        <button type="button" class="button" data-testid="vm-create-cancel" disabled={submitting()} onClick={props.onClose}>{t('cancel')}</button>
        <button type="submit" form="vm-create-form" class={canCreate() ? 'button button--primary' : 'button'} data-testid="vm-create-submit"
          disabled={submitting()} aria-disabled={canCreate() ? undefined : 'true'}
          aria-describedby={!canCreate() && !submitting() ? 'vm-create-why' : undefined} aria-busy={submitting() ? 'true' : undefined}>
          {submitting() ? t('creating') : t('create')}
        </button>
      </>}>
      <form id="vm-create-form" ref={formEl} class="form vm-create" onSubmit={(e) => void submit(e)} novalidate>
        {props.hostField(submitting)}
        <fieldset class="vm-create__source" disabled={submitting()}>
          <legend class="field__label">{t('source')}</legend>
          <div class="segmented" role="radiogroup" aria-label={t('source')}>
            {KINDS.map((k) => (
              <label class="segmented__option" classList={{ 'is-chosen': form.kind() === k }} data-testid={`vm-create-kind-${k}`}>
                <input type="radio" name="vm-create-kind" class="visually-hidden" value={k} checked={form.kind() === k}
                  onChange={() => form.changeKind(k)} />
                {t(`kind.${k}`)}
              </label>
            ))}
          </div>
          <Switch>
            <Match when={form.kind() === 'iso'}><IsoList data={data} form={form} onPicked={picked} /></Match>
            <Match when={form.kind() === 'path'}><PathPanel data={data} form={form} onPicked={picked} /></Match>
            <Match when={form.kind() === 'image'}><ImagePanel data={data} form={form} onPicked={picked} /></Match>
            <Match when={form.kind() === 'cloud'}><CloudImagePanel data={data} form={form} onPicked={picked} /></Match>
            <Match when={form.kind() === 'upload'}><UploadPanel data={data} form={form} onPicked={picked} /></Match>
            <Match when={form.kind() === 'template'}><TemplatePanel data={data} form={form} onPicked={picked} /></Match>
          </Switch>
        </fieldset>
        <Settings data={data} form={form} disabled={submitting()} nameRef={(el) => { nameInput = el; }} />
        <Show when={form.kind() === 'cloud'}><CloudInitFields form={form} disabled={submitting()} /></Show>
        <Show when={form.kind() !== 'cloud' && form.kind() !== 'template'}><UnattendedFields form={form} disabled={submitting()} /></Show>
        <MachineSettings choice={machine} disabled={submitting()} />
        <Show when={failure()}>
          {(f) => <p class="form-error" role="alert" data-testid="vm-create-error"
            ref={(el) => queueMicrotask(() => el.scrollIntoView({ block: 'nearest' }))}>{f().reason}</p>}
        </Show>
      </form>
    </Dialog>
  );
}
