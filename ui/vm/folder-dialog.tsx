// Share a host directory with a shut-off guest under a mount tag (virtiofs), read-write unless asked otherwise.
import { createSignal } from 'solid-js';
import { addVmFolder } from '../api/vm-folders.ts';
import { TextField } from '../common/field.tsx';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { t as common } from '../common/i18n/index.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';

const TAG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,35}$/;

/** A tag from the directory's last name ("/srv/share" → "share"), when that makes a valid one. */
function tagFrom(source: string): string {
  const last = source.replace(/\/+$/, '').split('/').pop() ?? '';
  const tag = last.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 36);
  return TAG.test(tag) ? tag : '';
}

export function FolderDialog(props: { vm: string; onClose: () => void; onDone: () => void }) {
  const [source, setSource] = createSignal('');
  const [tag, setTag] = createSignal<string>();
  const [readonly, setReadonly] = createSignal(false);
  const chosenTag = () => tag() ?? tagFrom(source());
  const submission = createSubmission();
  const sourceProblem = () => (source() === '' || source().startsWith('/') ? undefined : t('folder.sourceInvalid'));
  const tagProblem = () => (chosenTag() === '' && tag() === undefined) || TAG.test(chosenTag()) ? undefined : t('folder.tagInvalid');
  const valid = () => source().startsWith('/') && TAG.test(chosenTag());

  async function submit(): Promise<void> {
    try {
      await addVmFolder(props.vm, { source: source(), tag: chosenTag(), readonly: readonly() });
      toastSuccess(t('done.folderAdd', { source: source(), name: props.vm, tag: chosenTag() }));
      props.onDone();
      props.onClose();
    } catch (e) {
      toastFailure(t('failed.folderAdd', { name: props.vm }), e);
      throw e;
    }
  }

  return (
    <FormDialog title={t('folder.title', { name: props.vm })} testId="vm-folder" submission={submission} valid={valid()}
      cancelLabel={common('dialog.cancel')} submitLabel={t('folder.add')} submittingLabel={t('folder.add')} onSubmit={submit} onClose={props.onClose}>
      <TextField label={t('folder.source')} testId="vm-folder-source" value={source()} placeholder="/srv/share" hint={t('folder.sourceHint')}
        error={sourceProblem()} onInput={setSource} />
      <TextField label={t('folder.tag')} testId="vm-folder-tag" value={chosenTag()} hint={t('folder.tagHint', { tag: chosenTag() || 'share' })}
        error={tagProblem()} onInput={setTag} />
      <label class="vm-check">
        <input type="checkbox" data-testid="vm-folder-readonly" checked={readonly()} onChange={(e) => setReadonly(e.currentTarget.checked)} />
        {t('folder.readonlyLabel')}
      </label>
      <p class="field__hint">{t('folder.readonlyHint')}</p>
    </FormDialog>
  );
}
