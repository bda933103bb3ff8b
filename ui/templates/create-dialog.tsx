// New template: name, install ISO, memory, vCPUs, disk and network, each checked as you type; disabled while saving.
import { createSignal, type JSX } from 'solid-js';
import { createTemplate, type Template } from '../api/index.ts';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { TextField } from '../common/field.tsx';
import { t, type MessageKey } from '../common/i18n/index.ts';
import { reportFailure } from '../common/report.ts';
import { tt } from './i18n.ts';
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
  const submission = createSubmission();
  const saving = submission.saving;

  const errors = () => checkForm(form());
  const valid = () => Object.keys(errors()).length === 0;

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

  async function create(): Promise<void> {
    const input = toInput(form());
    props.onCreated(await reportFailure(() => createTemplate(input), tt('toast.createFailed', { name: input.name })));
  }

  return (
    <FormDialog title={t('templateForm.title')} testId="template-create" submission={submission} valid={valid()}
      cancelLabel={t('dialog.cancel')} submitLabel={t('templateForm.create')} submittingLabel={t('templateForm.creating')}
      onSubmit={create} onClose={props.onClose}>
      <Field key="name" label="templateForm.name" hint="templateForm.nameHint" />
      <Field key="cdrom" label="templateForm.cdrom" hint="templateForm.cdromHint" placeholder="/var/lib/libvirt/isos/…" />
      <div class="field-row">
        <Field key="memory" label="templateForm.memory" hint="templateForm.defaultHint" inputMode="numeric" />
        <Field key="vcpus" label="templateForm.vcpus" hint="templateForm.defaultHint" inputMode="numeric" />
        <Field key="disk" label="templateForm.disk" hint="templateForm.defaultHint" inputMode="decimal" />
      </div>
      <Field key="network" label="templateForm.network" hint="templateForm.networkHint" />
    </FormDialog>
  );
}
