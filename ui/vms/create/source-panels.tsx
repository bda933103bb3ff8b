// The other install sources: an ISO path on the host (read as typed), an unused disk image, an upload, a template.
import { For, Show, createSignal, onCleanup } from 'solid-js';
import { inspectIso } from '../../api/isos.ts';
import { describeFailure } from '../../common/failure.ts';
import { formatBytes } from '../../storage/format.ts';
import { createVolumeUploader, UploadButton, UploadStatus } from '../../storage/upload.tsx';
import type { GuestData } from './data.ts';
import { osLabel, type GuestForm } from './form.ts';
import { t } from './i18n.ts';
import '../../storage/storage.css';

interface PanelProps { data: GuestData; form: GuestForm; onPicked: () => void }

/** A path typed by hand: read by the server 400 ms after the last keystroke, its OS shown or why it is not usable. */
export function PathPanel(props: PanelProps) {
  const [path, setPath] = createSignal(props.form.media()?.pool ? '' : props.form.media()?.path ?? '');
  const [state, setState] = createSignal<{ checking?: boolean; error?: string }>({});
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  function typed(value: string): void {
    setPath(value);
    props.form.useMedia(undefined);
    clearTimeout(timer);
    if (!value.trim()) { setState({}); return; }
    if (!value.startsWith('/')) { setState({ error: t('path.absolute') }); return; }
    setState({ checking: true });
    timer = setTimeout(() => {
      inspectIso(value).then((m) => { if (path() === value) { setState({}); props.form.useMedia(m); } },
        (e) => { if (path() === value) setState({ error: describeFailure(e).reason }); });
    }, 400);
  }
  return (
    <label class="field">
      <span class="field__label">{t('path.label')}</span>
      <input class="field__input" data-testid="vm-create-path" value={path()} placeholder={t('path.placeholder')}
        aria-invalid={state().error ? 'true' : undefined} onInput={(e) => typed(e.currentTarget.value)} />
      <Show when={state().error} fallback={
        <span class="field__hint" role="status">
          {state().checking ? t('path.checking') : props.form.media() ? t('detected', { os: osLabel(props.form.media()!) }) : ''}
        </span>
      }>
        {(error) => <span class="field__error" data-testid="vm-create-path-error">{error()}</span>}
      </Show>
    </label>
  );
}

export function ImagePanel(props: PanelProps) {
  props.data.loadImages();
  return (
    <label class="field">
      <span class="field__label">{t('image.label')}</span>
      <select class="field__input" data-testid="vm-create-image" value={props.form.image()}
        onChange={(e) => { props.form.useImage(e.currentTarget.value); props.onPicked(); }}>
        <option value="">{props.data.images.loading ? t('iso.loading') : props.data.images()?.length ? t('image.pick') : t('image.none')}</option>
        <For each={props.data.images() ?? []}>
          {(one) => <option value={one.volume.path}>{`${one.pool} / ${one.volume.name} (${formatBytes(one.volume.capacity)})`}</option>}
        </For>
      </select>
      <span class="field__hint">{t('image.hint')}</span>
    </label>
  );
}

/** Upload into the chosen pool, then use the file as an ISO (when it is one) or import it as a disk. */
export function UploadPanel(props: PanelProps) {
  const uploader = createVolumeUploader((volume) => {
    inspectIso(volume.path).then((m) => { props.form.useMedia(m); props.data.refetchIsos(); },
      () => props.form.useImage(volume.path)).finally(props.onPicked);
  });
  return (
    <div class="field">
      <Show when={props.form.value('pool')} fallback={<span class="field__hint">{t('upload.pickPool')}</span>}>
        {(pool) => <UploadButton uploader={uploader} pool={pool()} />}
      </Show>
      <span class="field__hint">{t('upload.hint')}</span>
      <UploadStatus uploader={uploader} />
      <Show when={props.form.media() && uploader.progress()?.phase === 'done'}>
        <span class="field__hint" role="status">{t('detected', { os: osLabel(props.form.media()!) })}</span>
      </Show>
    </div>
  );
}

export function TemplatePanel(props: PanelProps) {
  return (
    <label class="field">
      <span class="field__label">{t('template.label')}</span>
      <select class="field__input" data-testid="vm-create-template" value={props.form.template()?.name ?? ''}
        onChange={(e) => { props.form.useTemplate(props.data.templates().find((x) => x.name === e.currentTarget.value)); props.onPicked(); }}>
        <option value="">{props.data.templatesLoading() ? t('iso.loading') : t('template.pick')}</option>
        <For each={props.data.templates()}>{(x) => <option value={x.name}>{x.name}</option>}</For>
      </select>
      <Show when={!props.data.templatesLoading() && props.data.templates().length === 0}>
        <span class="field__hint" data-testid="vm-create-no-templates">{t('template.none')}</span>
      </Show>
    </label>
  );
}
