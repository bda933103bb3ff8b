// The "⋯" menu of a row: a button that opens a menu of the actions possible now; arrows move, Escape closes, focus returns.
import { For, Show, createMemo, createSignal, onCleanup, type JSX } from 'solid-js';
import { Portal } from 'solid-js/web';

export interface MenuItem {
  id: string;
  label: string;
  danger?: boolean;
  /** A link (the guest page) instead of an action. */
  href?: string;
  run?: () => void;
}

export interface RowMenuProps {
  label: string;
  items: () => readonly MenuItem[];
  testId?: string;
}

let counter = 0;

export function RowMenu(props: RowMenuProps): JSX.Element {
  const id = `row-menu-${++counter}`;
  const [open, setOpen] = createSignal(false);
  const [pos, setPos] = createSignal({ top: 0, right: 0, up: false });
  let button: HTMLButtonElement | undefined;
  let menu: HTMLDivElement | undefined;
  // An item that is still offered keeps its object, so a live update of the row keeps its node (and focus) in the menu.
  const items = createMemo<readonly MenuItem[]>((prev) => props.items().map((item) =>
    prev.find((p) => p.id === item.id && p.label === item.label && p.href === item.href && p.danger === item.danger) ?? item), []);

  const entries = () => (menu ? [...menu.querySelectorAll<HTMLElement>('[role=menuitem]')] : []);
  const focusAt = (i: number) => {
    const all = entries();
    all[(i + all.length) % all.length]?.focus();
  };

  function show(first: 'first' | 'last' = 'first'): void {
    const r = button!.getBoundingClientRect();
    const up = r.bottom + 280 > window.innerHeight && r.top > 280;
    setPos({ top: up ? r.top : r.bottom, right: Math.max(8, window.innerWidth - r.right), up });
    setOpen(true);
    document.addEventListener('pointerdown', onDocPointer);
    queueMicrotask(() => focusAt(first === 'first' ? 0 : -1));
  }
  function close(refocus = true): void {
    if (!open()) return;
    setOpen(false);
    document.removeEventListener('pointerdown', onDocPointer);
    if (refocus) button?.focus();
  }

  // Listening only while open: a thousand closed menus cost nothing.
  function onDocPointer(e: PointerEvent): void {
    if (open() && !menu?.contains(e.target as Node) && !button?.contains(e.target as Node)) close(false);
  }
  onCleanup(() => document.removeEventListener('pointerdown', onDocPointer));

  function onMenuKey(e: KeyboardEvent): void {
    const all = entries();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') focusAt(at + 1);
    else if (e.key === 'ArrowUp') focusAt(at - 1);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(-1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        class="button vm-row__more"
        data-testid={props.testId ?? 'vm-more'}
        aria-haspopup="menu"
        aria-expanded={open() ? 'true' : 'false'}
        aria-controls={open() ? id : undefined}
        aria-label={props.label}
        title={props.label}
        onClick={() => (open() ? close() : show())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); show('first'); }
          if (e.key === 'ArrowUp') { e.preventDefault(); show('last'); }
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <Show when={open()}>
        <Portal>
          <div
            ref={menu}
            id={id}
            class="row-menu"
            classList={{ 'row-menu--up': pos().up }}
            role="menu"
            aria-label={props.label}
            data-testid="vm-menu"
            style={{ top: `${pos().top}px`, right: `${pos().right}px` }}
            onKeyDown={onMenuKey}
          >
            <For each={items()}>
              {(item) => (item.href
                ? <a role="menuitem" class="row-menu__item" href={item.href} data-testid={`vm-menu-${item.id}`} tabindex="-1" onClick={() => close(false)}>{item.label}</a>
                : (
                  <button
                    type="button"
                    role="menuitem"
                    tabindex="-1"
                    class="row-menu__item"
                    classList={{ 'row-menu__item--danger': item.danger }}
                    data-testid={`vm-menu-${item.id}`}
                    onClick={() => { close(); item.run?.(); }}
                  >
                    {item.label}
                  </button>
                ))}
            </For>
          </div>
        </Portal>
      </Show>
    </>
  );
}
