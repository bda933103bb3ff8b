// The section tabs (WAI-ARIA tablist): selection, arrow-key movement, disabled in error mode.
import { For } from 'solid-js';
import { t, type MessageKey } from './i18n/index.ts';
import './tabs.css';

export interface TabDef<Id extends string> {
  id: Id;
  label: MessageKey;
}

export interface TabsProps<Id extends string> {
  tabs: readonly TabDef<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  /** Global error mode: every tab carries the `disabled` attribute. */
  disabled: boolean;
}

export const tabId = (id: string) => `tab-${id}`;
export const panelId = (id: string) => `panel-${id}`;

export function Tabs<Id extends string>(props: TabsProps<Id>) {
  let list: HTMLDivElement | undefined;

  // Left/Right/Home/End move selection and focus together, as the ARIA tabs pattern expects.
  function onKeyDown(event: KeyboardEvent) {
    const ids = props.tabs.map((tab) => tab.id);
    const at = ids.indexOf(props.selected);
    const moves: Record<string, number> = {
      ArrowRight: (at + 1) % ids.length,
      ArrowLeft: (at - 1 + ids.length) % ids.length,
      Home: 0,
      End: ids.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined || props.disabled) return;
    event.preventDefault();
    props.onSelect(ids[to]);
    list?.querySelector<HTMLButtonElement>(`#${tabId(ids[to])}`)?.focus();
  }

  return (
    <div class="tabs" role="tablist" aria-label={t('tabs.label')} ref={list} onKeyDown={onKeyDown}>
      <For each={props.tabs}>
        {(tab) => {
          const selected = () => tab.id === props.selected;
          return (
            <button
              type="button"
              role="tab"
              class="tabs__tab"
              id={tabId(tab.id)}
              data-testid={tabId(tab.id)}
              aria-selected={selected()}
              aria-controls={panelId(tab.id)}
              tabIndex={selected() ? 0 : -1}
              disabled={props.disabled}
              onClick={() => props.onSelect(tab.id)}
            >
              {t(tab.label)}
            </button>
          );
        }}
      </For>
    </div>
  );
}
