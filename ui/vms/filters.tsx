// The list's search box and state filter chips with counts ("Running 140 · Shut off 55 · Paused 5"), kept in the URL.
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import { setQuery } from '../common/route.ts';
import { t } from './i18n.ts';
import { FILTERS, type Filter, type ListView } from './view.ts';

export function Filters(props: { view: ListView }) {
  const q = () => props.view.query();
  // The box keeps what was typed; the URL follows right away (replaceState, so Back is not filled with keystrokes).
  const [text, setText] = createSignal(q().q);
  // …and follows the URL when it changes otherwise (Back, a bookmark, "Clear filters").
  createEffect(on(() => q().q, (fromUrl) => { if (fromUrl !== text().trim()) setText(fromUrl); }, { defer: true }));
  const chip = (id: Filter | undefined) => {
    const count = props.view.counts()[id ?? 'all'];
    return id ? t(`filter.${id}`, { count }) : t('filter.all', { count });
  };
  return (
    <div class="vm-filters">
      <input
        type="search"
        class="field__input vm-filters__search"
        data-testid="vm-search"
        aria-label={t('search')}
        placeholder={t('search.placeholder')}
        value={text()}
        onInput={(e) => { setText(e.currentTarget.value); setQuery({ q: e.currentTarget.value.trim() || undefined }); }}
      />
      <div class="vm-filters__chips" role="group" aria-label={t('filter')}>
        <For each={[undefined, ...FILTERS] as const}>
          {(id) => (
            <Show when={id !== 'other' || props.view.counts().other > 0}>
              <button
                type="button"
                class="chip"
                data-testid={`vm-filter-${id ?? 'all'}`}
                aria-pressed={q().state === id ? 'true' : 'false'}
                onClick={() => setQuery({ state: id })}
              >
                {chip(id)}
              </button>
            </Show>
          )}
        </For>
      </div>
    </div>
  );
}
