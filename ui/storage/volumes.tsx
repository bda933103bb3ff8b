// The selected pool's volumes: format, sizes, the VMs using each; new volume, upload, download, delete after confirmation;
// outcomes in toasts.
import { For, Match, Show, Switch, createMemo, createResource, createSignal } from 'solid-js';
import { deleteVolume, listVolumes, volumeContentUrl, type StoragePool, type StorageVolume } from '../api/storage.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { describeFailure } from '../common/failure.ts';
import { formatBytes } from '../common/format.ts';
import { reportFailure } from '../common/report.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';
import { UploadButton, UploadStatus, createVolumeUploader } from './upload.tsx';
import { CreateVolumeDialog } from './volume-dialog.tsx';

export interface VolumeSectionProps {
  pool: StoragePool;
  /** A volume came or went: the pool's counts and space changed. */
  onChanged: () => void;
}

export function VolumeSection(props: VolumeSectionProps) {
  // Read again when the pool or its volume count changes; an inactive pool has no volume list (the server answers 409).
  const source = createMemo(
    () => (props.pool.state === 'active' ? { name: props.pool.name, count: props.pool.nr_volumes } : undefined),
    undefined,
    { equals: (a, b) => a?.name === b?.name && a?.count === b?.count },
  );
  const [volumes, { refetch }] = createResource(source, (s) => listVolumes(s.name));
  const [creating, setCreating] = createSignal(false);
  const [deleting, setDeleting] = createSignal<StorageVolume>();

  const changed = () => {
    void refetch();
    props.onChanged();
  };
  const uploader = createVolumeUploader((vol) => {
    toastSuccess(t('toast.volumeUploaded', { name: vol.name, size: formatBytes(vol.capacity) }));
    changed();
  }, (name, failure) => toastFailure(t('toast.volumeUploadFailed', { name }), failure));

  const Row = (p: { vol: StorageVolume }) => (
    <tr data-testid="volume-row" data-name={p.vol.name}>
      <td class="storage-table__name">{p.vol.name}</td>
      <td>{p.vol.format}</td>
      <td class="storage-table__number">{formatBytes(p.vol.capacity)}</td>
      <td class="storage-table__number">{formatBytes(p.vol.allocation)}</td>
      <td data-testid="volume-used-by">{p.vol.used_by.length ? p.vol.used_by.join(', ') : t('pool.none')}</td>
      <td class="storage-table__actions"><div class="storage-table__buttons">
        <a class="button" data-testid="volume-download" href={volumeContentUrl(props.pool.name, p.vol.name)} download={p.vol.name}>
          {t('vol.download')}
        </a>
        <button type="button" class="button button--danger" data-testid="volume-delete" onClick={() => setDeleting(p.vol)}>{t('vol.delete')}</button>
      </div></td>
    </tr>
  );

  return (
    <section class="storage-section" data-testid="volume-section" data-pool={props.pool.name}
      data-state={!source() ? 'inactive' : volumes.loading ? 'loading' : volumes.error ? 'error' : 'ready'}>
      <div class="toolbar">
        <h3 class="toolbar__title">{t('vol.title', { pool: props.pool.name })}</h3>
        <Show when={source()}>
          <div class="toolbar__actions">
            <UploadButton uploader={uploader} pool={props.pool.name} />
            <button type="button" class="button button--primary" data-testid="new-volume" onClick={() => setCreating(true)}>{t('vol.new')}</button>
          </div>
        </Show>
      </div>
      <UploadStatus uploader={uploader} />
      <Switch>
        <Match when={!source()}>
          <p class="muted" data-testid="volume-inactive">{t('vol.inactive', { pool: props.pool.name })}</p>
        </Match>
        <Match when={volumes.error}>
          <p class="form-error" role="alert" data-testid="volume-list-error">{describeFailure(volumes.error).reason}</p>
        </Match>
        <Match when={volumes.latest}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted" data-testid="volume-empty">{t('vol.empty')}</p>}>
              <div class="table-frame">
                <table class="data-table storage-table" data-testid="volume-list">
                  <thead>
                    <tr>
                      <th>{t('vol.col.name')}</th><th>{t('vol.col.format')}</th><th>{t('vol.col.capacity')}</th>
                      <th>{t('vol.col.allocation')}</th><th>{t('vol.col.usedBy')}</th><th>{t('vol.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody><For each={list()}>{(vol) => <Row vol={vol} />}</For></tbody>
                </table>
              </div>
            </Show>
          )}
        </Match>
        <Match when={true}>
          <p role="status">{t('vol.loading')}</p>
        </Match>
      </Switch>
      <Show when={creating()}>
        <CreateVolumeDialog pool={props.pool.name} onClose={() => setCreating(false)} onCreated={(vol) => {
          setCreating(false);
          toastSuccess(t('toast.volumeCreated', { name: vol.name, size: formatBytes(vol.capacity) }));
          changed();
        }} />
      </Show>
      <Show when={deleting()}>
        {(vol) => (
          <ConfirmDialog title={t('vdel.title', { name: vol().name })} confirmLabel={t('vdel.confirm')} testId="volume-delete-dialog"
            action={() => reportFailure(() => deleteVolume(props.pool.name, vol().name), t('toast.volumeDeleteFailed', { name: vol().name }))}
            onClose={() => setDeleting(undefined)}
            onDone={() => { toastSuccess(t('toast.volumeDeleted', { name: vol().name })); setDeleting(undefined); changed(); }}>
            <p>{t('vdel.body', { name: vol().name, pool: props.pool.name })}</p>
            <Show when={vol().used_by.length > 0}>
              <p class="form-error" data-testid="volume-delete-in-use">{t('vdel.inUse', { vms: vol().used_by.join(', ') })}</p>
            </Show>
          </ConfirmDialog>
        )}
      </Show>
    </section>
  );
}
