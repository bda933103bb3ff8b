// When anything we did may have changed a guest, the hosts' list snapshots (handlers/vms/list-cache.ts) are read anew.
import type { MiddlewareHandler } from 'hono';

/**
 * Bumped by every API request that is not a read and by every task's end. libvirt's events for those changes follow
 * the reply on their own, a little later; a list asked for in between must not predate the change.
 */
let epoch = 0;
export const listEpoch = () => epoch;
export function vmListsChanged(): void { epoch++; }

/** After any request that may write (whatever its outcome): lists read from here on see it. */
export function listsFollowWrites(): MiddlewareHandler {
  return async (c, next) => {
    try {
      await next();
    } finally {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') vmListsChanged();
    }
  };
}
