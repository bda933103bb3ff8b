// Upload a local file as a volume of the pool: the upload's state, its file-picker button, and its progress bar.
import { Match, Show, Switch, createSignal, onCleanup, type Accessor } from 'solid-js';
import { uploadVolume, type StorageVolume, type Upload } from '../api/storage.ts';
import { describeFailure } from '../common/failure.ts';
import { formatBytes } from '../common/format.ts';
import { t } from './i18n.ts';

export interface UploadProgress {
  name: string;
  sent: number;
  total: number;
  phase: 'uploading' | 'done' | 'failed';
  reason?: string;
}

export interface VolumeUploader {
  progress: Accessor<UploadProgress | undefined>;
  uploading: () => boolean;
  start(pool: string, file: File): Promise<void>;
  abort(): void;
}

/** One upload at a time; leaving the page aborts it (the server then deletes the half volume). */
export function createVolumeUploader(onUploaded: (volume: StorageVolume) => void, onFailed?: (name: string, failure: unknown) => void): VolumeUploader {
  const [progress, setProgress] = createSignal<UploadProgress>();
  let current: Upload | undefined;
  onCleanup(() => current?.abort());

  async function start(pool: string, file: File): Promise<void> {
    setProgress({ name: file.name, sent: 0, total: file.size, phase: 'uploading' });
    try {
      const volume = await uploadVolume(pool, file,
        (sent, total) => setProgress((p) => (p && p.phase === 'uploading' ? { ...p, sent, total } : p)),
        (u) => { current = u; });
      setProgress((p) => p && { ...p, sent: p.total, phase: 'done' });
      onUploaded(volume);
    } catch (e) {
      setProgress((p) => p && { ...p, phase: 'failed', reason: describeFailure(e).reason });
      onFailed?.(file.name, e);
    } finally {
      current = undefined;
    }
  }

  return { progress, uploading: () => progress()?.phase === 'uploading', start, abort: () => current?.abort() };
}

/** "Upload a file": a button-looking label around a hidden file input. */
export function UploadButton(props: { uploader: VolumeUploader; pool: string }) {
  return (
    <label class="button upload__pick" classList={{ 'is-disabled': props.uploader.uploading() }} data-testid="volume-upload">
      <input type="file" class="visually-hidden" data-testid="volume-upload-input" disabled={props.uploader.uploading()}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void props.uploader.start(props.pool, file);
        }} />
      {t('vol.upload')}
    </label>
  );
}

/** The bar (role progressbar, aria-valuenow in percent) and a line saying how far it got, or why it failed. */
export function UploadStatus(props: { uploader: VolumeUploader }) {
  const percent = (p: UploadProgress) => (p.phase === 'done' ? 100 : p.total > 0 ? Math.floor((p.sent / p.total) * 100) : 0);
  return (
    <Show when={props.uploader.progress()}>
      {(p) => (
        <div class="upload" data-testid="upload-status" data-state={p().phase}>
          <div class="upload__bar" role="progressbar" data-testid="upload-progress" data-state={p().phase}
            aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent(p())} aria-label={p().name}>
            <div class="upload__fill" classList={{ 'upload__fill--failed': p().phase === 'failed' }} style={{ width: `${percent(p())}%` }} />
          </div>
          <div class="upload__line">
            <Switch>
              <Match when={p().phase === 'uploading'}>
                <span class="upload__text" role="status">
                  {t('vol.uploading', { name: p().name, sent: formatBytes(p().sent), total: formatBytes(p().total) })}
                </span>
                <button type="button" class="button" data-testid="upload-cancel" onClick={() => props.uploader.abort()}>{t('vol.cancelUpload')}</button>
              </Match>
              <Match when={p().phase === 'done'}>
                <span class="upload__text" role="status">{t('vol.uploaded', { name: p().name, total: formatBytes(p().total) })}</span>
              </Match>
              <Match when={p().phase === 'failed'}>
                <span class="form-error" role="alert" data-testid="upload-error">{t('vol.uploadFailed', { name: p().name, reason: p().reason ?? '' })}</span>
              </Match>
            </Switch>
          </div>
        </div>
      )}
    </Show>
  );
}
