// The VM page's address: `#/vms/<name>` in the URL hash, so it survives reloads and the back button closes it.
import { createSignal } from 'solid-js';

const PREFIX = '#/vms/';

function nameFromHash(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX) || hash.length === PREFIX.length) return undefined;
  try {
    return decodeURIComponent(hash.slice(PREFIX.length));
  } catch {
    return undefined;
  }
}

const [current, setCurrent] = createSignal<string | undefined>(
  typeof location === 'undefined' ? undefined : nameFromHash(location.hash),
);
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => setCurrent(nameFromHash(location.hash)));
}

/** The VM whose page is open, or undefined. */
export const vmPageName = current;

/** Open the page of VM `name` (adds a history entry). */
export function openVmPage(name: string): void {
  location.hash = `${PREFIX}${encodeURIComponent(name)}`;
}

/** The link to a VM's page, for <a href>. */
export const vmPageHref = (name: string): string => `${PREFIX}${encodeURIComponent(name)}`;

/** Close the page: the hash goes (a new history entry, so Back reopens it). */
export function closeVmPage(): void {
  history.pushState(null, '', location.pathname + location.search);
  setCurrent(undefined);
}
