// Where the product is mounted: the directory index.html was served from (the server names it in <base href>), so
// one build works at / and under a host's prefix such as /virt/.
/** The mount point with a trailing slash: `/` or `/virt/`. */
export const BASE = typeof document === 'undefined' ? '/' : new URL('.', document.baseURI).pathname;

/** A path of our API (`/vms`, `/events?lang=en`) as the browser must request it: `/virt/api/vms`. */
export const apiUrl = (path: string): string => `${BASE}api${path}`;
