// New volume in a pool: name, size with its unit, and format (qcow2 or raw); checked as you type.
import { createSignal } from 'solid-js';
import { createVolume, type StorageVolume } from '../api/storage.ts';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { Field, TextField } from '../common/field.tsx';
import { reportFailure } from '../common/report.ts';
import { SIZE_UNITS, parseSize, type SizeUnit } from './format.ts';
import { t } from './i18n.ts';
import { nameOk } from './pool-form.ts';

export interface CreateVolumeDialogProps {
  pool: string;
  onClose: () => void;
  onCreated: (volume: StorageVolume) => void;
}

export function CreateVolumeDialog(props: CreateVolumeDialogProps) {
  const [name, setName] = createSignal('');
  const [size, setSize] = createSignal('10');
  const [unit, setUnit] = createSignal<SizeUnit>('GiB');
  const [format, setFormat] = createSignal<'qcow2' | 'raw'>('qcow2');
  const [touched, setTouched] = createSignal({ name: false, size: false });
  const submission = createSubmission();
  const saving = submission.saving;

  const nameError = () => !nameOk(name()) || name().startsWith('.');
  const bytes = () => parseSize(size(), unit());
  const valid = () => !nameError() && bytes() !== undefined;

  async function create(): Promise<void> {
    const capacity = bytes();
    if (capacity === undefined) return;
    const input = { name: name(), capacity, format: format() };
    props.onCreated(await reportFailure(() => createVolume(props.pool, input), t('toast.volumeCreateFailed', { name: input.name })));
  }

  return (
    <FormDialog title={t('vform.title')} testId="volume-create" submission={submission} valid={valid()}
      cancelLabel={t('form.cancel')} submitLabel={t('form.create')} submittingLabel={t('form.creating')}
      onSubmit={create} onClose={props.onClose}>
      <TextField label={t('form.name')} hint={t('form.nameHint')} error={touched().name && nameError() ? t('err.name') : undefined}
        testId="volume-name" value={name()} disabled={saving()}
        onInput={(value) => { setName(value); setTouched((s) => ({ ...s, name: true })); }} />
      <div class="field-row">
        <TextField label={t('vform.size')} error={touched().size && bytes() === undefined ? t('err.size') : undefined}
          testId="volume-size" value={size()} inputMode="decimal" disabled={saving()}
          onInput={(value) => { setSize(value); setTouched((s) => ({ ...s, size: true })); }} />
        <Field label={t('vform.unit')}>
          <select class="field__input" data-testid="volume-unit" value={unit()} disabled={saving()}
            onChange={(e) => setUnit(e.currentTarget.value as SizeUnit)}>
            {Object.keys(SIZE_UNITS).map((u) => <option value={u}>{u}</option>)}
          </select>
        </Field>
        <Field label={t('vform.format')}>
          <select class="field__input" data-testid="volume-format" value={format()} disabled={saving()}
            onChange={(e) => setFormat(e.currentTarget.value as 'qcow2' | 'raw')}>
            <option value="qcow2">qcow2</option>
            <option value="raw">raw</option>
          </select>
        </Field>
      </div>
      <span class="field__hint">{t('vform.formatHint')}</span>
    </FormDialog>
  );
}
