// The ISOs the active pools hold, searchable by name, pool or OS, each with the OS osinfo-db detected: one click picks.
import { For, Show, createSignal } from 'solid-js';
import type { InstallMedia } from '../../api/isos.ts';
import { describeFailure } from '../../common/failure.ts';
import { formatBytes } from '../../storage/format.ts';
import type { GuestData } from './data.ts';
import { osLabel, type GuestForm } from './form.ts';
import { t } from './i18n.ts';

export function IsoList(props: { data: GuestData; form: GuestForm; onPicked: () => void }) {
  const [query, setQuery] = createSignal('');
  const all = () => props.data.isos() ?? [];
  const shown = () => {
    const q = query().trim().toLowerCase();
    if (!q) return all();
    return all().filter((m) => [m.volume ?? m.path, m.pool ?? '', osLabel(m), m.volume_id].some((s) => s.toLowerCase().includes(q)));
  };
  const pick = (m: InstallMedia) => { props.form.useMedia(m); props.onPicked(); };

  return (
    <div class="iso-list" data-testid="iso-list" data-state={props.data.isos.loading ? 'loading' : props.data.isos.error ? 'error' : 'ready'}>
      <Show when={all().length > 4}>
        <label class="field">
          <span class="visually-hidden">{t('iso.search')}</span>
          <input class="field__input" type="search" data-testid="iso-search" placeholder={t('iso.searchPlaceholder')}
            aria-label={t('iso.search')} value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
      </Show>
      <Show when={!props.data.isos.loading} fallback={<p role="status" class="muted">{t('iso.loading')}</p>}>
        <Show when={!props.data.isos.error} fallback={
          <p class="form-error" role="alert">{t('loadFailed', { what: t('what.isos'), reason: describeFailure(props.data.isos.error).reason })}</p>
        }>
          <Show when={shown().length > 0} fallback={
            <p class="muted" data-testid="iso-none">{all().length ? t('iso.noMatch', { q: query() }) : t('iso.none')}</p>
          }>
            <div class="iso-list__options" role="radiogroup" aria-label={t('kind.iso')}>
              <For each={shown()}>
                {(m) => (
                  <label class="iso-option" classList={{ 'is-chosen': props.form.media()?.path === m.path }} data-testid="iso-option" data-path={m.path}>
                    <input type="radio" name="vm-create-iso" class="iso-option__radio" checked={props.form.media()?.path === m.path}
                      onChange={() => pick(m)} />
                    <span class="iso-option__name" title={m.volume ?? m.path}>{m.volume ?? m.path}</span>
                    <span class="iso-option__os" data-testid="iso-option-os" classList={{ 'is-unknown': m.os_distro === 'unknown' }}>{osLabel(m)}</span>
                    <span class="iso-option__where">{t('iso.where', { pool: m.pool ?? '', size: formatBytes(m.size) })}</span>
                  </label>
                )}
              </For>
            </div>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
