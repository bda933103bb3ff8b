// Where a host mounts the product (`/virt`): the prefix checked, and a Hono getPath that routes below it.
import { getPath } from 'hono/utils/url';

/** A path no route matches: what a request outside the prefix routes as (the host should not have sent it to us). */
export const OUTSIDE = '/\u0000outside-base-path';

/** `''` for the root, else `/a/b` (a leading slash, no trailing one); throws on anything that is not plain segments. */
export function normalizeBasePath(base: string | undefined): string {
  const trimmed = (base ?? '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^(?:\/[A-Za-z0-9._~-]+)+$/.test(trimmed) || /\/\.\.?(?:\/|$)/.test(trimmed)) {
    throw new Error(`basePath must look like /virt or /apps/virt, got ${JSON.stringify(base)}`);
  }
  return trimmed;
}

/** The path below `base` (`/virt/api/vms` → `/api/vms`, `/virt` → `/`), or undefined when outside it. */
export function below(base: string, path: string): string | undefined {
  if (!base) return path;
  if (path === base) return '/';
  return path.startsWith(`${base}/`) ? path.slice(base.length) : undefined;
}

/**
 * Hono's getPath for an app mounted at `base`: routes, middleware and `c.req.path` see the path below it, while
 * `c.req.url` and `c.req.raw` stay what the host received (so links built from the URL keep the prefix).
 */
export function pathBelow(base: string): ((request: Request) => string) | undefined {
  if (!base) return undefined;
  return (request) => below(base, getPath(request)) ?? OUTSIDE;
}
