// The cloud image source: pick a qcow2/raw volume (or upload one, or download one from a URL, into the chosen pool),
// then the cloud-init fields — user, password, SSH keys, host name, extra user-data — checked as the user types.
import { For, Show, createSignal, onCleanup } from 'solid-js';
import { downloadVolume } from '../../api/storage.ts';
import { describeFailure } from '../../common/failure.ts';
import { watchTask } from '../../tasks/watch.ts';
import { FieldMessage } from '../../common/field.tsx';
import { formatBytes } from '../../storage/format.ts';
import { createVolumeUploader, UploadButton, UploadStatus } from '../../storage/upload.tsx';
import type { CloudField } from './cloud-form.ts';
import { t } from './cloud-i18n.ts';
import type { GuestData } from './data.ts';
import type { GuestForm } from './form.ts';
import '../../storage/storage.css';

interface PanelProps { data: GuestData; form: GuestForm; onPicked: () => void }

/** Volumes that can back a guest's overlay: qcow2 and raw disk images no guest uses as its own disk. */
const cloudImages = (data: GuestData) => (data.images() ?? []).filter((one) => one.volume.format === 'qcow2' || one.volume.format === 'raw');

export function CloudImagePanel(props: PanelProps) {
  props.data.loadImages();
  const pick = (path: string) => {
    const one = cloudImages(props.data).find((x) => x.volume.path === path);
    props.form.useCloudImage(path, one?.volume.capacity ?? 0);
    props.onPicked();
  };
  const uploader = createVolumeUploader((volume) => {
    props.data.refetchImages();
    props.form.useCloudImage(volume.path, volume.capacity);
    props.onPicked();
  });
  return (
    <div class="vm-create__cloud-source">
      <label class="field">
        <span class="field__label">{t('image.label')}</span>
        <select class="field__input" data-testid="vm-create-cloud-image" value={props.form.image()} onChange={(e) => pick(e.currentTarget.value)}>
          <option value="">{props.data.images.loading ? '…' : cloudImages(props.data).length ? t('image.pick') : t('image.none')}</option>
          <For each={cloudImages(props.data)}>
            {(one) => <option value={one.volume.path} selected={one.volume.path === props.form.image()}>
              {`${one.pool} / ${one.volume.name} (${one.volume.format}, ${formatBytes(one.volume.capacity)})`}
            </option>}
          </For>
        </select>
        <span class="field__hint">{t('image.hint')}</span>
      </label>
      <div class="field">
        <span class="field__hint">{t('upload.hint')}</span>
        <Show when={props.form.value('pool')}>{(pool) => <UploadButton uploader={uploader} pool={pool()} />}</Show>
        <UploadStatus uploader={uploader} />
      </div>
      <UrlDownload {...props} />
    </div>
  );
}

/** "Or download from a URL": a Task fills a volume of the chosen pool, then the new image is picked. */
function UrlDownload(props: PanelProps) {
  const [url, setUrl] = createSignal('');
  const [state, setState] = createSignal<{ phase: 'idle' | 'running' | 'failed'; text?: string }>({ phase: 'idle' });
  let stop = () => {};
  onCleanup(() => stop());
  const valid = () => /^https?:\/\/[^/\s]+\/\S*[^/\s]$/.test(url().trim());
  async function start(): Promise<void> {
    const pool = props.form.value('pool');
    setState({ phase: 'running', text: t('url.starting') });
    try {
      const task = await downloadVolume(pool, url().trim());
      const name = decodeURIComponent(task.target_uri.split('/').pop() ?? '');
      stop = watchTask(task, async (cur) => {
        const m = /^(\d+)\/(\d+)$/.exec(cur.message);
        if (cur.status === 'running') setState({ phase: 'running', text: m ? t('url.progress', { pct: Math.floor((100 * Number(m[1])) / Number(m[2])) }) : cur.message });
        else if (cur.status === 'failed') setState({ phase: 'failed', text: cur.message });
        else {
          setState({ phase: 'idle' });
          await props.data.refetchImages();
          const one = (props.data.images() ?? []).find((x) => x.pool === pool && x.volume.name === name);
          if (one) { props.form.useCloudImage(one.volume.path, one.volume.capacity); props.onPicked(); }
        }
      });
    } catch (e) {
      setState({ phase: 'failed', text: describeFailure(e).reason });
    }
  }
  return (
    <div class="field">
      <span class="field__label">{t('url.label')}</span>
      <div class="vm-create__url">
        <input class="field__input" type="url" data-testid="vm-create-cloud-url" value={url()} placeholder="http://192.168.1.10/images/debian-12-genericcloud-amd64.qcow2"
          aria-label={t('url.label')} disabled={state().phase === 'running'} onInput={(e) => setUrl(e.currentTarget.value)} />
        <button type="button" class="button" data-testid="vm-create-cloud-download" disabled={!valid() || !props.form.value('pool') || state().phase === 'running'}
          onClick={() => void start()}>{t('url.download')}</button>
      </div>
      <Show when={state().text} fallback={<span class="field__hint">{t('url.hint')}</span>}>
        {(text) => <span class={state().phase === 'failed' ? 'field__error' : 'field__hint'} role="status" data-testid="vm-create-cloud-url-state">{text()}</span>}
      </Show>
    </div>
  );
}

export function CloudInitFields(props: { form: GuestForm; disabled: boolean }) {
  const ci = props.form.cloud;
  const problem = (f: CloudField) => props.form.shownProblem(f);
  const typed = (f: CloudField, value: string) => { ci.edit(f, value); props.form.touch(f); };
  const input = (f: CloudField, label: string, hint: string, attrs: { type?: string; autocomplete?: string; placeholder?: string } = {}) => (
    <label class="field">
      <span class="field__label">{label}</span>
      <input class="field__input" data-testid={`vm-create-${f}`} value={ci.value(f)} disabled={props.disabled} spellcheck={false}
        type={attrs.type ?? 'text'} autocomplete={attrs.autocomplete ?? 'off'} placeholder={attrs.placeholder}
        aria-invalid={problem(f) ? 'true' : undefined} onInput={(e) => typed(f, e.currentTarget.value)}
        onBlur={() => props.form.touch(f)} />
      <FieldMessage hint={hint} error={problem(f)} errorTestId={`vm-create-${f}-error`} />
    </label>
  );
  const area = (f: CloudField, label: string, hint: string, rows: number) => (
    <label class="field">
      <span class="field__label">{label}</span>
      <textarea class="field__input vm-create__code" data-testid={`vm-create-${f}`} rows={rows} value={ci.value(f)} disabled={props.disabled}
        spellcheck={false} autocomplete="off" aria-invalid={problem(f) ? 'true' : undefined} onInput={(e) => typed(f, e.currentTarget.value)}
        onBlur={() => props.form.touch(f)} />
      <FieldMessage hint={hint} error={problem(f)} errorTestId={`vm-create-${f}-error`} />
    </label>
  );
  return (
    <fieldset class="vm-create__cloud" data-testid="vm-create-cloud-init" disabled={props.disabled}>
      <legend class="field__label">{t('legend')}</legend>
      <div class="field-row">
        {input('ciUser', t('user'), t('user.hint'), { placeholder: 'admin' })}
        {input('ciPassword', t('password'), t('password.hint'), { type: 'password', autocomplete: 'new-password' })}
      </div>
      {area('ciKeys', t('keys'), t('keys.hint'), 3)}
      {input('ciHostname', t('hostname'), t('hostname.hint'), { placeholder: props.form.value('name') })}
      <details class="vm-create__more" open={ci.value('ciUserData') !== ''}>
        <summary>{t('more')}</summary>
        {area('ciUserData', t('userData'), t('userData.hint'), 5)}
      </details>
    </fieldset>
  );
}
