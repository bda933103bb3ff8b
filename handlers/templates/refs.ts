// Kimchi-style references inside template specs: storage pool URIs, and the template URI a VM is created from.
import { KimchiError } from '../common/errors.ts';

const POOL_REF = /^\/(?:plugins\/kimchi|api)\/storagepools\/([^/]+)$/;
export const poolUri = (name: string) => `/plugins/kimchi/storagepools/${encodeURIComponent(name)}`;

/** The pool name in `/plugins/kimchi/storagepools/<name>` (or `/api/…`); a 400 otherwise. */
export function poolName(ref: string): string {
  const m = POOL_REF.exec(ref);
  let name: string | undefined;
  try { name = m ? decodeURIComponent(m[1]) : undefined; } catch { name = undefined; }
  if (!name) throw new KimchiError(400, 'KCHTMPL0008E', { ref });
  return name;
}
