// Which host a host resource's call goes to: the one place that puts `/hosts/<host>` before a path (nothing for local).
import { route } from '../common/route.ts';

/** The Guests list's choice that shows every host's guests at once (`GET /vms?host=all`). */
export const ALL_HOSTS = 'all';
export const LOCAL_HOST = 'local';

/** The host the URL names (`#/guests?host=b`); no `host` means every host, the default view. */
export function hostChoice(): string {
  return route().query.get('host') || ALL_HOSTS;
}

/** The host whose storage, networks, host page and guest page are shown: the chosen one, `local` under All hosts. */
export function pageHost(): string {
  const choice = hostChoice();
  return choice === ALL_HOSTS ? LOCAL_HOST : choice;
}

/** `path` (relative to /api) on `host`, by default the page's host: unscoped paths are the local host's. */
export function scoped(path: string, host: string = pageHost()): string {
  return host === LOCAL_HOST ? path : `/hosts/${encodeURIComponent(host)}${path}`;
}
