// The VM page's address: `#/vms/<name>` in the URL hash (ui/common/route.ts), so reload, Back and bookmarks work;
// `?host=<host>` names the guest's host (kept from the current address when not given).
import { ALL_HOSTS, routeHost } from '../api/scope.ts';
import { href, navigate, route } from '../common/route.ts';

/** The `host` query for a guest on `host`: none when it is the page's host already (the address keeps it). */
export const hostQuery = (host?: string): { host?: string } => (host && host !== routeHost() ? { host } : {});

/** The VM whose page is open, or undefined. */
export const vmPageName = (): string | undefined => {
  const path = route().path;
  return path[0] === 'vms' && path.length >= 2 ? path[1] : undefined;
};

/** Open the page of VM `name` on `host` (adds a history entry, or with `replace` takes the current one's place). */
export function openVmPage(name: string, host?: string, opts: { replace?: boolean } = {}): void {
  navigate(['vms', name], hostQuery(host), opts);
}

/** The link to a VM's page (on `host`), for <a href>. */
export const vmPageHref = (name: string, host?: string): string => href(['vms', name], hostQuery(host));

/** The Guests list's host choice (All hosts or one host) when it was last shown: where "Back to guests" returns. */
let listChoice: string | undefined;

/** The Guests list says which host it shows (it starts afresh on every change of the choice). */
export function noteListChoice(choice: string): void {
  listChoice = choice;
}

/**
 * Close the page: back to the guest list as it was left (a new history entry, so Back reopens the guest). A guest of
 * host b opened from All hosts goes back to All hosts, not to b's list; with no list seen yet, the page's host's list.
 */
export function closeVmPage(): void {
  navigate(['guests'], listChoice === undefined ? undefined : { host: listChoice === ALL_HOSTS ? undefined : listChoice });
}
