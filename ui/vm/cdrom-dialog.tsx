// Change a CD-ROM's medium: an ISO from any active pool (suggested as you type) or any path on the host.
import { For, createResource, createSignal } from 'solid-js';
import { listPools, listVolumes } from '../api/storage.ts';
import { setCdromMedium } from '../api/vm-devices.ts';
import { Field } from '../common/field.tsx';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { t as common } from '../common/i18n/index.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';

/** Every ISO volume of the active pools; a pool that cannot be read is skipped. */
async function poolIsos(): Promise<{ path: string; label: string }[]> {
  const pools = (await listPools()).filter((p) => p.state === 'active');
  const lists = await Promise.all(pools.map((p) => listVolumes(p.name).then(
    (vols) => vols.filter((v) => v.format === 'iso').map((v) => ({ path: v.path, label: `${v.name} (${p.name})` })),
    () => [],
  )));
  return lists.flat();
}

export function CdromDialog(props: { vm: string; dev: string; path: string | null; onClose: () => void; onDone: () => void }) {
  const [path, setPath] = createSignal(props.path ?? '');
  const [isos] = createResource(poolIsos);
  const submission = createSubmission();
  const problem = () => (/^\/[^\u0000-\u001f\u007f]+$/.test(path()) && !path().split('/').includes('..') ? undefined : t('cdrom.pathInvalid'));

  async function submit(): Promise<void> {
    try {
      await setCdromMedium(props.vm, props.dev, path());
      toastSuccess(t('done.cdrom', { dev: props.dev, path: path() }));
      props.onDone();
      props.onClose();
    } catch (e) {
      toastFailure(t('failed.cdrom', { dev: props.dev }), e);
      throw e;
    }
  }

  return (
    <FormDialog title={t('cdrom.title', { dev: props.dev })} testId="vm-cdrom" submission={submission} valid={!problem()}
      cancelLabel={common('dialog.cancel')} submitLabel={t('cdrom.save')} submittingLabel={t('cdrom.save')}
      onSubmit={submit} onClose={props.onClose}>
      <Field label={t('cdrom.path')} hint={t('cdrom.pathHint')} error={path() && problem() ? problem() : undefined} errorTestId="vm-cdrom-path-error">
        <input class="field__input" data-testid="vm-cdrom-path" list="vm-cdrom-isos" value={path()} autocomplete="off"
          aria-invalid={path() && problem() ? 'true' : undefined} onInput={(e) => setPath(e.currentTarget.value)} />
      </Field>
      <datalist id="vm-cdrom-isos" data-testid="vm-cdrom-isos">
        <For each={isos() ?? []}>{(iso) => <option value={iso.path}>{iso.label}</option>}</For>
      </datalist>
    </FormDialog>
  );
}
