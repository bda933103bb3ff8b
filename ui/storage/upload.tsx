// Upload a local file as a volume of the pool: the file picker, then a progress bar fed by the XHR's upload events.
import { Match, Show, Switch, createSignal, onCleanup } from 'solid-js';
import { uploadVolume, type StorageVolume, type Upload } from '../api/storage.ts';
import { describeFailure } from '../common/failure.ts';
import { formatBytes } from './format.ts';
import { t } from './i18n.ts';

interface Progress {
  name: string;
  sent: number;
  total: number;
  phase: 'uploading' | 'done' | 'failed';
  reason?: string;
}

export interface VolumeUploadProps {
  pool: string;
  onUploaded: (volume: StorageVolume) => void;
}

export function VolumeUpload(props: VolumeUploadProps) {
  const [progress, setProgress] = createSignal<Progress>();
  let current: Upload | undefined;
  onCleanup(() => current?.abort());

  const uploading = () => progress()?.phase === 'uploading';
  const percent = () => {
    const p = progress();
    if (!p) return 0;
    if (p.phase === 'done') return 100;
    return p.total > 0 ? Math.floor((p.sent / p.total) * 100) : 0;
  };

  async function start(file: File): Promise<void> {
    setProgress({ name: file.name, sent: 0, total: file.size, phase: 'uploading' });
    try {
      const volume = await uploadVolume(props.pool, file,
        (sent, total) => setProgress((p) => (p && p.phase === 'uploading' ? { ...p, sent, total } : p)),
        (u) => { current = u; });
      setProgress((p) => p && { ...p, sent: p.total, phase: 'done' });
      props.onUploaded(volume);
    } catch (e) {
      setProgress((p) => p && { ...p, phase: 'failed', reason: describeFailure(e).reason });
    } finally {
      current = undefined;
    }
  }

  return (
    <div class="upload">
      <label class="button upload__pick" classList={{ 'is-disabled': uploading() }} data-testid="volume-upload">
        <input type="file" class="visually-hidden" data-testid="volume-upload-input" disabled={uploading()}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void start(file);
          }} />
        {t('vol.upload')}
      </label>
      <Show when={progress()}>
        {(p) => (
          <div class="upload__status" data-testid="upload-status" data-state={p().phase}>
            <div class="upload__bar" role="progressbar" data-testid="upload-progress" data-state={p().phase}
              aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent()} aria-label={p().name}>
              <div class="upload__fill" classList={{ 'upload__fill--failed': p().phase === 'failed' }} style={{ width: `${percent()}%` }} />
            </div>
            <Switch>
              <Match when={p().phase === 'uploading'}>
                <span class="upload__text" role="status">
                  {t('vol.uploading', { name: p().name, sent: formatBytes(p().sent), total: formatBytes(p().total) })}
                </span>
                <button type="button" class="button" data-testid="upload-cancel" onClick={() => current?.abort()}>{t('vol.cancelUpload')}</button>
              </Match>
              <Match when={p().phase === 'done'}>
                <span class="upload__text" role="status">{t('vol.uploaded', { name: p().name, total: formatBytes(p().total) })}</span>
              </Match>
              <Match when={p().phase === 'failed'}>
                <span class="form-error" role="alert" data-testid="upload-error">{t('vol.uploadFailed', { name: p().name, reason: p().reason ?? '' })}</span>
              </Match>
            </Switch>
          </div>
        )}
      </Show>
    </div>
  );
}
