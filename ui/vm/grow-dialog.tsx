// Grow one disk to a new size in GiB (live on a running guest): the current size, when its pool knows it, is the floor.
import { createResource, createSignal } from 'solid-js';
import { listVolumes } from '../api/storage.ts';
import { resizeVmStorage } from '../api/vm-devices.ts';
import type { VmStorage } from '../api/vm-page.ts';
import { TextField } from '../common/field.tsx';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { formatBytes } from '../common/format.ts';
import { t as common } from '../common/i18n/index.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';

const GiB = 2 ** 30;

/** The disk's capacity in bytes, or undefined when it is not a volume of a pool (or the pool cannot be read). */
async function capacityOf(s: VmStorage): Promise<number | undefined> {
  if (!s.pool || !s.vol) return undefined;
  try {
    return (await listVolumes(s.pool)).find((v) => v.name === s.vol)?.capacity;
  } catch {
    return undefined;
  }
}

export function GrowDialog(props: { vm: string; disk: VmStorage; onClose: () => void; onDone: () => void }) {
  const [capacity] = createResource(() => props.disk, capacityOf);
  const [size, setSize] = createSignal<string>();
  const suggested = () => String(Math.floor((capacity() ?? 0) / GiB) + 1);
  const value = () => size() ?? (capacity.loading ? '' : suggested());
  const submission = createSubmission();
  const problem = () => {
    const n = Number(value());
    return /^\d+$/.test(value()) && n >= 1 && n <= 65536 && n * GiB > (capacity() ?? 0) ? undefined : t('grow.invalid');
  };

  async function submit(): Promise<void> {
    const gib = Number(value());
    try {
      await resizeVmStorage(props.vm, props.disk.dev, gib);
      toastSuccess(t('done.grow', { dev: props.disk.dev, name: props.vm, size: String(gib) }));
      props.onDone();
      props.onClose();
    } catch (e) {
      toastFailure(t('failed.grow', { dev: props.disk.dev }), e);
      throw e;
    }
  }

  return (
    <FormDialog title={t('grow.title', { dev: props.disk.dev, name: props.vm })} testId="vm-grow" submission={submission}
      valid={!capacity.loading && !problem()} cancelLabel={common('dialog.cancel')} submitLabel={t('grow.submit')}
      submittingLabel={t('grow.submitting')} onSubmit={submit} onClose={props.onClose}>
      <TextField label={t('grow.size')} testId="vm-grow-size" inputMode="numeric" value={value()}
        error={size() !== undefined ? problem() : undefined}
        hint={capacity() !== undefined ? t('grow.now', { size: formatBytes(capacity() ?? 0) }) : t('grow.nowUnknown')} onInput={setSize} />
    </FormDialog>
  );
}
