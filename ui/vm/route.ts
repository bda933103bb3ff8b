// The VM page's address: `#/vms/<name>` in the URL hash (ui/common/route.ts), so reload, Back and bookmarks work;
// `?host=<host>` names the guest's host (kept from the current address when not given).
import { pageHost } from '../api/scope.ts';
import { href, navigate, route } from '../common/route.ts';

/** The `host` query for a guest on `host`: none when it is the page's host already (the address keeps it). */
export const hostQuery = (host?: string): { host?: string } => (host && host !== pageHost() ? { host } : {});

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

/** Close the page: back to the guest list (a new history entry, so Back reopens it). */
export function closeVmPage(): void {
  navigate(['guests']);
}
