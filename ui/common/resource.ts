// A resource's last good value that never throws: Solid's `latest` rethrows the error of a failed re-read.
import type { Resource } from 'solid-js';

/**
 * The value to show, or undefined while the last read failed (the caller shows the failure from `r.error`). A section
 * re-read after its guest left the host (deleted, migrated away) then shows its error instead of an uncaught one.
 */
export function latestOf<T>(r: Resource<T>): T | undefined {
  return r.error ? undefined : r.latest;
}
