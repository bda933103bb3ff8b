// Where the toasts go while a modal dialog is open, so they never cover its buttons: beside it when the screen has room
// to its right, else in a band at the top that the dialog makes room for (--toaster-band, read by toaster.css).
import { onCleanup } from 'solid-js';

/** The narrowest a toast may be beside a dialog (px); below that it goes to the top band. */
const MIN_BESIDE = 280;
/** The toaster's distance from the viewport's edges and from a dialog (px). */
const MARGIN = 16;

export type ToasterPlace = 'corner' | 'beside' | 'band';

/** Keeps `toaster` placed as dialogs open, close and resize and as toasts come and go; undone on cleanup. */
export function placeToaster(toaster: HTMLElement): void {
  const root = document.documentElement;
  let frame = 0;
  const apply = () => {
    frame = 0;
    const dialogs = document.querySelectorAll<HTMLElement>('[role=dialog][aria-modal=true]');
    const dialog = dialogs[dialogs.length - 1];
    const empty = toaster.querySelector('[data-testid=toast]') === null;
    let place: ToasterPlace = 'corner';
    toaster.style.removeProperty('--toaster-beside');
    if (dialog && !empty) {
      const room = window.innerWidth - dialog.getBoundingClientRect().right - 2 * MARGIN;
      place = room >= MIN_BESIDE ? 'beside' : 'band';
      if (place === 'beside') toaster.style.setProperty('--toaster-beside', `${Math.floor(room)}px`);
    }
    toaster.dataset.place = place;
    if (place === 'band') root.style.setProperty('--toaster-band', `${Math.ceil(toaster.getBoundingClientRect().height) + MARGIN}px`);
    else root.style.removeProperty('--toaster-band');
  };
  // A size change is placed at the next frame (placing changes the toaster's size: not within its own observer).
  const later = () => { if (!frame) frame = requestAnimationFrame(apply); };
  // Dialogs are portals added to <body>, toasts are added to the toaster: placed before the browser paints them.
  const added = new MutationObserver(() => { cancelAnimationFrame(frame); apply(); });
  added.observe(document.body, { childList: true });
  added.observe(toaster, { childList: true, subtree: true });
  const sized = new ResizeObserver(later);
  sized.observe(toaster);
  window.addEventListener('resize', later);
  apply();
  onCleanup(() => {
    added.disconnect();
    sized.disconnect();
    window.removeEventListener('resize', later);
    cancelAnimationFrame(frame);
    root.style.removeProperty('--toaster-band');
  });
}
