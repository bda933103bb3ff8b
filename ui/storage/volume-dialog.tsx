// New volume in a pool: name, size with its unit, and format (qcow2 or raw); checked as you type.
import { Show, createSignal } from 'solid-js';
import { createVolume, type StorageVolume } from '../api/storage.ts';
import { Dialog } from '../common/dialog.tsx';
import { Field, TextField } from '../common/field.tsx';
import { describeFailure, type Failure } from '../common/failure.ts';
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
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();

  const nameError = () => !nameOk(name()) || name().startsWith('.');
  const bytes = () => parseSize(size(), unit());
  const valid = () => !nameError() && bytes() !== undefined;

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const capacity = bytes();
    if (!valid() || saving() || capacity === undefined) return;
    setSaving(true);
    setFailure(undefined);
    try {
      props.onCreated(await createVolume(props.pool, { name: name(), capacity, format: format() }));
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      title={t('vform.title')}
      testId="volume-create-dialog"
      state={saving() ? 'submitting' : 'editing'}
      busy={saving()}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" class="button" data-testid="volume-create-cancel" disabled={saving()} onClick={props.onClose}>{t('form.cancel')}</button>
          <button type="submit" form="volume-create-form" class="button button--primary" data-testid="volume-create-submit"
            disabled={!valid() || saving()} aria-busy={saving() ? 'true' : undefined}>
            {saving() ? t('form.creating') : t('form.create')}
          </button>
        </>
      }
    >
      <form id="volume-create-form" class="form" onSubmit={(e) => void submit(e)} novalidate>
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
        <Show when={failure()}>
          {(f) => <p class="form-error" role="alert" data-testid="volume-create-error">{f().reason}</p>}
        </Show>
      </form>
    </Dialog>
  );
}
