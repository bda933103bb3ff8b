// The guests table: sortable headers, select-all, and only the rows on screen in the DOM (@tanstack/solid-virtual).
import { For, Show, createEffect, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { t } from './i18n.ts';
import { VmRow } from './row.tsx';
import type { VmStore } from './store.ts';
import { sortBy, type Column, type ListView } from './view.ts';

export interface TableProps {
  store: VmStore;
  view: ListView;
  /** All hosts: a Host column names each row's host. */
  showHost: boolean;
  selected: (key: string) => boolean;
  onSelect: (key: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  allSelected: () => boolean;
  onDelete: (key: string) => void;
  onMigrate: (key: string) => void;
  /** The keys now rendered (the stats poll reads only these). */
  onVisible: (keys: readonly string[]) => void;
}

/** Row height in px: fixed, so the virtualizer never measures (a 44 px touch target plus padding). */
export const ROW_HEIGHT = 57;

const HEADERS: ReadonlyArray<{ col: Column; cls: string; label: Parameters<typeof t>[0] }> = [
  { col: 'name', cls: 'col-name', label: 'col.name' },
  { col: 'host', cls: 'col-host', label: 'col.host' },
  { col: 'state', cls: 'col-state', label: 'col.state' },
  { col: 'vcpus', cls: 'col-num col-vcpus', label: 'col.vcpus' },
  { col: 'memory', cls: 'col-num col-memory', label: 'col.memory' },
  { col: 'cpu', cls: 'col-num col-cpu', label: 'col.cpu' },
  { col: 'mem', cls: 'col-num col-mem', label: 'col.mem' },
  { col: 'disk', cls: 'col-num col-disk', label: 'col.disk' },
  { col: 'net', cls: 'col-num col-net', label: 'col.net' },
  { col: 'graphics', cls: 'col-graphics', label: 'col.graphics' },
];

export function VmTable(props: TableProps) {
  // Handed to the virtualizer once mounted: a box measured before it is in the document measures 0 × 0.
  const [scroller, setScroller] = createSignal<HTMLDivElement>();
  let box: HTMLDivElement | undefined;
  const rows = props.view.rows;
  const virtualizer = createVirtualizer({
    get count() { return rows().length; },
    getScrollElement: () => scroller() ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i: number) => rows()[i] ?? i,
  });
  const headers = () => HEADERS.filter((h) => h.col !== 'host' || props.showHost);
  // Keyed by host + name: a row that stays on screen keeps its nodes (and focus, open menu, checkbox) across every update.
  const shown = createMemo(() => {
    const list = rows();
    return virtualizer.getVirtualItems().map((item) => list[item.index]).filter((n): n is string => n !== undefined);
  }, [], { equals: (a, b) => a.length === b.length && a.every((n, i) => n === b[i]) });
  const top = () => virtualizer.getVirtualItems()[0]?.start ?? 0;
  const bottom = () => {
    const items = virtualizer.getVirtualItems();
    const last = items[items.length - 1];
    return last ? Math.max(0, virtualizer.getTotalSize() - last.end) : 0;
  };
  createEffect(() => props.onVisible(shown()));

  // The page scrolls to keep a row in view when focus moves into it by keyboard (Tab past the overscan is the edge).
  onMount(() => {
    const el = box!;
    setScroller(el);
    const onFocus = (e: FocusEvent) => (e.target as HTMLElement).closest('tr')?.scrollIntoView({ block: 'nearest' });
    el.addEventListener('focusin', onFocus);
    onCleanup(() => el.removeEventListener('focusin', onFocus));
  });

  const ariaSort = (col: Column) => {
    const q = props.view.query();
    return q.sort === col ? (q.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  };

  return (
    <div class="vm-table__scroll" ref={box} data-testid="vm-table-scroll" tabindex="-1">
      <table class="vm-table" classList={{ 'vm-table--hosts': props.showHost }} data-testid="vm-table" aria-label={t('table')} aria-rowcount={rows().length + 1}>
        <colgroup>
          <col class="col-select" /><For each={headers()}>{(h) => <col class={h.cls} />}</For><col class="col-actions" />
        </colgroup>
        <thead>
          <tr>
            <th class="col-select" scope="col">
              <label class="vm-row__check">
                <input type="checkbox" data-testid="vm-select-all" checked={props.allSelected()} disabled={rows().length === 0}
                  aria-label={t('select.all', { count: rows().length })} onChange={(e) => props.onSelectAll(e.currentTarget.checked)} />
              </label>
            </th>
            <For each={headers()}>
              {(h) => (
                <th class={h.cls} scope="col" aria-sort={ariaSort(h.col)}>
                  <button type="button" class="vm-table__sort" data-testid={`vm-sort-${h.col}`} title={t('sortBy', { column: t(h.label) })}
                    onClick={() => sortBy(h.col, props.view.query())}>
                    {t(h.label)}
                    <span class="vm-table__arrow" aria-hidden="true">{ariaSort(h.col) === 'ascending' ? '▲' : ariaSort(h.col) === 'descending' ? '▼' : ''}</span>
                  </button>
                </th>
              )}
            </For>
            <th class="col-actions" scope="col">{t('col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          <Show when={top() > 0}><tr class="vm-table__spacer" aria-hidden="true" style={{ height: `${top()}px` }} /></Show>
          <For each={shown()}>
            {(key) => (
              <VmRow rowKey={key} store={props.store} showHost={props.showHost} selected={props.selected(key)} onSelect={props.onSelect}
                onDelete={props.onDelete} onMigrate={props.onMigrate} />
            )}
          </For>
          <Show when={bottom() > 0}><tr class="vm-table__spacer" aria-hidden="true" style={{ height: `${bottom()}px` }} /></Show>
        </tbody>
      </table>
    </div>
  );
}
