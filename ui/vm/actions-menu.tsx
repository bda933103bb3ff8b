// A "More actions" button that opens a menu of items: arrow keys move, Escape or a click outside closes, focus returns.
import { For, Show, createSignal, onCleanup } from 'solid-js';

export interface MenuItem {
  id: string;
  label: string;
  danger?: boolean;
  onSelect: () => void;
}

let counter = 0;

export function ActionsMenu(props: { label: string; items: readonly MenuItem[]; testId: string }) {
  const menuId = `vm-menu-${++counter}`;
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  let list: HTMLDivElement | undefined;

  const items = () => [...(list?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
  const focusItem = (index: number) => {
    const all = items();
    all[(index + all.length) % all.length]?.focus();
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button?.focus();
  };
  const show = (first: 'first' | 'last') => {
    setOpen(true);
    queueMicrotask(() => focusItem(first === 'first' ? 0 : -1));
  };

  const onOutside = (e: PointerEvent) => {
    if (open() && !button?.contains(e.target as Node) && !list?.contains(e.target as Node)) close(false);
  };
  document.addEventListener('pointerdown', onOutside);
  onCleanup(() => document.removeEventListener('pointerdown', onOutside));

  const onMenuKey = (e: KeyboardEvent) => {
    const at = items().indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusItem(at + 1);
    else if (e.key === 'ArrowUp') focusItem(at - 1);
    else if (e.key === 'Home') focusItem(0);
    else if (e.key === 'End') focusItem(-1);
    else if (e.key === 'Escape' || e.key === 'Tab') { close(e.key === 'Escape'); if (e.key === 'Tab') return; }
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div class="vm-menu">
      <button ref={button} type="button" class="button vm-menu__button" data-testid={props.testId}
        aria-haspopup="menu" aria-expanded={open()} aria-controls={open() ? menuId : undefined}
        onClick={() => (open() ? close(false) : show('first'))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); show('first'); }
          if (e.key === 'ArrowUp') { e.preventDefault(); show('last'); }
        }}>
        {props.label} <span aria-hidden="true">▾</span>
      </button>
      <Show when={open()}>
        <div ref={list} id={menuId} class="vm-menu__list" role="menu" aria-label={props.label} data-testid={`${props.testId}-list`} onKeyDown={onMenuKey}>
          {/* Keyed by id, not by item object: a live update that rebuilds the items must not re-create the buttons
              (the focused one would leave the DOM and take keyboard focus with it). */}
          <For each={props.items.map((item) => item.id)}>
            {(id) => {
              const item = () => props.items.find((one) => one.id === id);
              return (
                <button type="button" role="menuitem" tabindex="-1" class="vm-menu__item" classList={{ 'vm-menu__item--danger': item()?.danger }}
                  data-testid={`vm-page-${id}`} onClick={() => { const chosen = item(); close(true); chosen?.onSelect(); }}>
                  {item()?.label}
                </button>
              );
            }}
          </For>
        </div>
      </Show>
    </div>
  );
}
