// Which host a host resource's call goes to: the one place that puts `/hosts/<host>` before a path (nothing for local).
import { createSignal } from 'solid-js';
import { route } from '../common/route.ts';

/** The Guests list's choice that shows every host's guests at once (`GET /vms?host=all`). */
export const ALL_HOSTS = 'all';
export const LOCAL_HOST = 'local';

/** The host the URL names (`#/guests?host=b`); no `host` means every host, the default view. */
export function hostChoice(): string {
  return route().query.get('host') || ALL_HOSTS;
}

/** The host the URL's page is about: the chosen one, `local` under All hosts. */
export function routeHost(): string {
  const choice = hostChoice();
  return choice === ALL_HOSTS ? LOCAL_HOST : choice;
}

const [held, setHeld] = createSignal<string>();

/**
 * A modal dialog that works on a host of its own (New guest's Host field) holds the page's host while it is open, so
 * every list and action inside it goes there; `undefined` lets go. The address (and the list behind) keep the choice.
 */
export function holdPageHost(host: string | undefined): void {
  setHeld(host);
}

/** The host whose storage, networks, host page and guest page are shown: the held one, else the URL's (routeHost). */
export function pageHost(): string {
  return held() ?? routeHost();
}

/** `path` (relative to /api) on `host`, by default the page's host: unscoped paths are the local host's. */
export function scoped(path: string, host: string = pageHost()): string {
  return host === LOCAL_HOST ? path : `/hosts/${encodeURIComponent(host)}${path}`;
}
