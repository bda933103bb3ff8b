// New template: name, install ISO, memory, vCPUs, disk and network, each checked as you type; disabled while saving.
import { Show, createSignal, type JSX } from 'solid-js';
import { createTemplate, type Template } from '../api/index.ts';
import { Dialog } from '../common/dialog.tsx';
import { TextField } from '../common/field.tsx';
import { describeFailure, type Failure } from '../common/failure.ts';
import { t, type MessageKey } from '../common/i18n/index.ts';
import { checkForm, emptyForm, toInput, type TemplateForm } from './form.ts';

export interface CreateTemplateDialogProps {
  /** An install ISO to start from (picked from a scan on the Storage page). */
  cdrom?: string;
  onClose: () => void;
  onCreated: (template: Template) => void;
}

interface FieldProps {
  key: keyof TemplateForm;
  label: MessageKey;
  hint: MessageKey;
  inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'];
  placeholder?: string;
}

export function CreateTemplateDialog(props: CreateTemplateDialogProps) {
  const [form, setForm] = createSignal<TemplateForm>({ ...emptyForm(), cdrom: props.cdrom ?? '' });
  // A field's error shows once it was touched, so an empty form does not open in red.
  const [touched, setTouched] = createSignal<Partial<Record<keyof TemplateForm, boolean>>>({});
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();

  const errors = () => checkForm(form());
  const valid = () => Object.keys(errors()).length === 0;

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!valid() || saving()) return;
    setSaving(true);
    setFailure(undefined);
    try {
      props.onCreated(await createTemplate(toInput(form())));
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setSaving(false);
    }
  }

  const Field = (field: FieldProps) => {
    const error = () => { const k = touched()[field.key] ? errors()[field.key] : undefined; return k ? t(k) : undefined; };
    return (
      <TextField label={t(field.label)} hint={t(field.hint)} error={error()} testId={`template-${field.key}`} value={form()[field.key]}
        inputMode={field.inputMode} placeholder={field.placeholder} disabled={saving()}
        onInput={(value) => {
          setForm((f) => ({ ...f, [field.key]: value }));
          setTouched((seen) => ({ ...seen, [field.key]: true }));
        }} />
    );
  };

  return (
    <Dialog
      title={t('templateForm.title')}
      testId="template-create-dialog"
      state={saving() ? 'submitting' : 'editing'}
      busy={saving()}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="button" data-testid="template-create-cancel" disabled={saving()} onClick={props.onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" form="template-create-form" class="button button--primary" data-testid="template-create-submit" disabled={!valid() || saving()} aria-busy={saving() ? 'true' : undefined}>
            {saving() ? t('templateForm.creating') : t('templateForm.create')}
          </button>
        </>
      }
    >
      <form id="template-create-form" class="form" onSubmit={(e) => void submit(e)} novalidate>
        <Field key="name" label="templateForm.name" hint="templateForm.nameHint" />
        <Field key="cdrom" label="templateForm.cdrom" hint="templateForm.cdromHint" placeholder="/var/lib/libvirt/isos/…" />
        <div class="field-row">
          <Field key="memory" label="templateForm.memory" hint="templateForm.defaultHint" inputMode="numeric" />
          <Field key="vcpus" label="templateForm.vcpus" hint="templateForm.defaultHint" inputMode="numeric" />
          <Field key="disk" label="templateForm.disk" hint="templateForm.defaultHint" inputMode="decimal" />
        </div>
        <Field key="network" label="templateForm.network" hint="templateForm.networkHint" />
        <Show when={failure()}>
          {(f) => <p class="form-error" role="alert" data-testid="template-create-error">{f().reason}</p>}
        </Show>
      </form>
    </Dialog>
  );
}
