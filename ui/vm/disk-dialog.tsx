// Add a disk: a new volume of a given size, or an existing free disk image, from an active storage pool.
import { For, Show, createResource, createSignal } from 'solid-js';
import { listPools, listVolumes } from '../api/storage.ts';
import { attachVmStorage, type StorageCreate } from '../api/vm-devices.ts';
import { Field, TextField } from '../common/field.tsx';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { t as common } from '../common/i18n/index.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';

export function DiskDialog(props: { vm: string; onClose: () => void; onDone: () => void }) {
  const [pools] = createResource(async () => (await listPools()).filter((p) => p.state === 'active'));
  const [pool, setPool] = createSignal('');
  const chosenPool = () => pool() || pools()?.find((p) => p.name === 'default')?.name || pools()?.[0]?.name || '';
  const [kind, setKind] = createSignal<'new' | 'existing'>('new');
  const [size, setSize] = createSignal('10');
  const [vol, setVol] = createSignal('');
  // Disk images nobody uses: ISOs go in a CD-ROM, a volume in use belongs to its VM.
  const [free] = createResource(() => (kind() === 'existing' ? chosenPool() : undefined),
    async (p) => (await listVolumes(p)).filter((v) => v.format !== 'iso' && v.used_by.length === 0 && v.type === 'file'));
  const chosenVol = () => vol() || free()?.[0]?.name || '';
  const submission = createSubmission();

  const sizeProblem = () => (/^\d+$/.test(size()) && Number(size()) >= 1 && Number(size()) <= 65536 ? undefined : t('disk.sizeInvalid'));
  const valid = () => chosenPool() !== '' && (kind() === 'new' ? !sizeProblem() : chosenVol() !== '');

  async function submit(): Promise<void> {
    const body: StorageCreate = kind() === 'new'
      ? { type: 'disk', pool: chosenPool(), size: Number(size()) }
      : { type: 'disk', pool: chosenPool(), vol: chosenVol() };
    try {
      const disk = await attachVmStorage(props.vm, body);
      toastSuccess(t('done.diskAdd', { dev: disk.dev, name: props.vm }), disk.pending ? t('pendingDetail') : undefined);
      props.onDone();
      props.onClose();
    } catch (e) {
      toastFailure(t('failed.diskAdd', { name: props.vm }), e);
      throw e;
    }
  }

  return (
    <FormDialog title={t('disk.title', { name: props.vm })} testId="vm-disk" submission={submission} valid={valid()}
      cancelLabel={common('dialog.cancel')} submitLabel={t('disk.add')} submittingLabel={t('disk.add')} onSubmit={submit} onClose={props.onClose}>
      <Show when={!pools.loading && pools()?.length === 0}><p class="form-error" role="alert">{t('disk.noPools')}</p></Show>
      <fieldset class="vm-choice">
        <legend class="field__label">{t('disk.kind')}</legend>
        <For each={['new', 'existing'] as const}>
          {(k) => (
            <label class="vm-check">
              <input type="radio" name="vm-disk-kind" value={k} data-testid={`vm-disk-kind-${k}`} checked={kind() === k} onChange={() => setKind(k)} />
              {t(`disk.kind.${k}`)}
            </label>
          )}
        </For>
      </fieldset>
      <Field label={t('disk.pool')}>
        <select class="field__input" data-testid="vm-disk-pool" value={chosenPool()} onChange={(e) => { setPool(e.currentTarget.value); setVol(''); }}>
          <For each={pools() ?? []}>{(p) => <option value={p.name} selected={p.name === chosenPool()}>{p.name}</option>}</For>
        </select>
      </Field>
      <Show when={kind() === 'new'} fallback={
        <Field label={t('disk.volume')} error={!free.loading && free()?.length === 0 ? t('disk.noVolumes') : undefined}>
          <select class="field__input" data-testid="vm-disk-volume" value={chosenVol()} onChange={(e) => setVol(e.currentTarget.value)}>
            <For each={free() ?? []}>{(v) => <option value={v.name} selected={v.name === chosenVol()}>{v.name}</option>}</For>
          </select>
        </Field>
      }>
        <TextField label={t('disk.size')} testId="vm-disk-size" inputMode="numeric" value={size()} error={sizeProblem()} hint={t('disk.runningNote')} onInput={setSize} />
      </Show>
    </FormDialog>
  );
}
