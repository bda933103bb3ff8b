// "Make template": name the template, then follow the server's Task in a toast (the guest must be shut off).
import { createSignal } from 'solid-js';
import { makeTemplateFromVm } from '../api/vm-page.ts';
import { TextField } from '../common/field.tsx';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { t as common } from '../common/i18n/index.ts';
import { nameProblem } from '../common/names.ts';
import { toastFailure, toastTask } from '../common/toast.ts';
import { t } from './i18n.ts';

export function TemplateDialog(props: { name: string; onClose: () => void }) {
  const [template, setTemplate] = createSignal(`${props.name}-template`);
  const submission = createSubmission();
  const problem = () => nameProblem(template());

  async function submit(): Promise<void> {
    try {
      const task = await makeTemplateFromVm(props.name, template());
      toastTask(t('done.template', { name: props.name, template: template() }), task);
      props.onClose();
    } catch (e) {
      toastFailure(t('failed.template', { name: props.name }), e);
      throw e;
    }
  }

  return (
    <FormDialog title={t('template.title', { name: props.name })} testId="vm-template" submission={submission} valid={!problem()}
      cancelLabel={common('dialog.cancel')} submitLabel={t('template.create')} submittingLabel={t('template.create')}
      onSubmit={submit} onClose={props.onClose}>
      <TextField label={t('template.name')} testId="vm-template-name" value={template()} hint={t('template.hint')}
        error={problem() ? common(problem()!) : undefined} onInput={setTemplate} />
    </FormDialog>
  );
}
