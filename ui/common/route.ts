// The app's address: a path and query kept in the URL hash (`#/guests?q=web&state=running`), as one signal.
// The hash keeps every view bookmarkable and reload-safe wherever the UI is mounted (no server rewrite, any base path).
import { createSignal } from 'solid-js';

export interface Route {
  /** Decoded path segments: `#/vms/web%201` is `['vms', 'web 1']`; empty is `[]`. */
  path: readonly string[];
  /** The query after `?` in the hash. Read only; change it through setQuery(). */
  query: URLSearchParams;
}

/** A URL part decoded, or as it is when it is not valid percent-encoding. */
export function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const at = raw.indexOf('?');
  const pathPart = at < 0 ? raw : raw.slice(0, at);
  const path = pathPart.split('/').filter((p) => p !== '').map(decode);
  return { path, query: new URLSearchParams(at < 0 ? '' : raw.slice(at + 1)) };
}

/** Query parameters every address keeps unless it names them itself: the host the user chose (ui/api/scope.ts). */
const STICKY = ['host'] as const;

/**
 * The hash for `path` and `query` (query entries with empty values are left out). The current route's sticky
 * parameters (`host`) carry over unless `query` has the key, so a tab or link stays on the chosen host.
 */
export function href(path: readonly string[], query?: Record<string, string | undefined> | URLSearchParams): string {
  const params = new URLSearchParams();
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query ?? {});
  const named = new Set(entries.map(([key]) => key));
  for (const key of STICKY) {
    const kept = named.has(key) ? null : route().query.get(key);
    if (kept) params.set(key, kept);
  }
  for (const [key, value] of entries) if (value !== undefined && value !== '') params.set(key, value);
  const q = params.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${q ? `?${q}` : ''}`;
}

const [route, setRoute] = createSignal<Route>(
  typeof location === 'undefined' ? { path: [], query: new URLSearchParams() } : parseHash(location.hash),
);
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => setRoute(parseHash(location.hash)));
}

/** The current route (reactive). */
export { route };

/** Go to `path` (a new history entry, so Back returns), or replace the current entry with `replace`. */
export function navigate(path: readonly string[], query?: Record<string, string | undefined>, opts: { replace?: boolean } = {}): void {
  const next = href(path, query);
  if (next === location.hash) return;
  if (opts.replace) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
    setRoute(parseHash(next));
  } else {
    location.hash = next;
  }
}

/**
 * Change some query parameters of the current route, keeping its path and the other parameters (undefined or ''
 * removes one). Replaces the history entry by default: typing in a search box must not fill Back with keystrokes.
 */
export function setQuery(patch: Record<string, string | undefined>, opts: { replace?: boolean } = { replace: true }): void {
  const current = route();
  const query: Record<string, string | undefined> = Object.fromEntries(current.query.entries());
  Object.assign(query, patch);
  navigate(current.path, query, opts);
}
